using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Data;

/// <summary>
/// One span per database command on either provider: EF Core has no tracing of its own, and one
/// source for both keeps SQLite and PostgreSQL traces alike. Spans are written after the command
/// from its recorded start and duration, so nothing is kept between the two callbacks.
/// </summary>
internal sealed class DatabaseCommandTracing : DbCommandInterceptor
{
    public static readonly DatabaseCommandTracing Instance = new();

    private DatabaseCommandTracing()
    {
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData, null);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, null);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData, null);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, null);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData, null);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, null);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Record(command, eventData, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Record(DbCommand command, CommandEndEventData eventData, Exception? error)
    {
        if (!SencoHubTelemetry.Source.HasListeners())
        {
            return;
        }

        var operation = Operation(command.CommandText);
        using var activity = SencoHubTelemetry.Source.StartActivity(operation, ActivityKind.Client, parentContext: default, startTime: eventData.StartTime);
        if (activity is null)
        {
            return;
        }

        // Parameterised SQL only: values (names, answers) never reach the trace.
        activity.SetTag("db.system.name", eventData.Context is PostgresSencoHubDb ? "postgresql" : "sqlite");
        activity.SetTag("db.operation.name", operation);
        activity.SetTag("db.query.text", command.CommandText);
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }

        activity.SetEndTime(eventData.StartTime.UtcDateTime + eventData.Duration);
    }

    private static string Operation(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        var end = text.IndexOfAny(' ', '\n', '\r');
        var word = (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
        return word.Length is > 0 and <= 16 ? word : "SQL";
    }
}
