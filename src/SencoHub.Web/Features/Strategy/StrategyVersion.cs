using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Strategy;

[JsonConverter(typeof(JsonStringEnumConverter<StrategyState>))]
public enum StrategyState
{
    Draft,
    Published,
    Superseded,
}

/// <summary>
/// One version of the trust SEND strategy. A draft is edited by the SEND lead; publishing freezes
/// it for good (a later version supersedes it), so what headteachers acknowledged never changes.
/// </summary>
public sealed class StrategyVersion
{
    private StrategyVersion()
    {
    }

    public int Id { get; private set; }
    public int Number { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string Title { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Vision { get; private set; } = string.Empty;
    public StrategyState State { get; private set; }
    public List<StrategyPriority> Priorities { get; private set; } = [];
    public List<StrategyAcknowledgement> Acknowledgements { get; private set; } = [];

    public int CreatedByPersonId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string CreatedByName { get; private set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int? PublishedByPersonId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string? PublishedByName { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int? SupersededByVersionId { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>Optimistic concurrency: two SEND leads saving or publishing at once cannot both win.</summary>
    public int Revision { get; private set; }

    public bool IsDraft => State == StrategyState.Draft;

    public static StrategyVersion CreateDraft(int number, StrategyContent content, SignedInPerson by, DateTimeOffset at)
    {
        var version = new StrategyVersion
        {
            Number = number,
            State = StrategyState.Draft,
            CreatedByPersonId = by.PersonId,
            CreatedByName = by.Name,
            CreatedAt = at,
        };
        version.Apply(content, at);
        return version;
    }

    /// <summary>Replaces the draft's text and priorities.</summary>
    public void Edit(StrategyContent content, DateTimeOffset at)
    {
        EnsureEditable();
        Apply(content, at);
    }

    public void EnsureEditable() => EnsureDraft("edited");

    public void Publish(SignedInPerson by, DateTimeOffset at)
    {
        EnsureDraft("published again");
        State = StrategyState.Published;
        PublishedByPersonId = by.PersonId;
        PublishedByName = by.Name;
        PublishedAt = at;
        Revision++;
    }

    public void Supersede(StrategyVersion next, DateTimeOffset at)
    {
        if (State != StrategyState.Published)
        {
            throw ProblemException.Conflict($"Version {Number} is not the published version, so it cannot be superseded.");
        }

        State = StrategyState.Superseded;
        SupersededByVersionId = next.Id;
        SupersededAt = at;
        Revision++;
    }

    /// <summary>
    /// Records that the headteacher has read this version for each of their schools not yet
    /// recorded, and returns the records that now exist for them (new or earlier).
    /// </summary>
    public IReadOnlyList<StrategyAcknowledgement> Acknowledge(SignedInPerson headteacher, IReadOnlyList<string> schoolIds, DateTimeOffset at)
    {
        if (State != StrategyState.Published)
        {
            throw ProblemException.Conflict(State == StrategyState.Draft
                ? $"Version {Number} is a draft; it can be acknowledged once it is published."
                : $"Version {Number} has been superseded; acknowledge the current version instead.");
        }

        foreach (var schoolId in schoolIds)
        {
            if (!Acknowledgements.Any(a => a.PersonId == headteacher.PersonId && a.SchoolId == schoolId))
            {
                Acknowledgements.Add(new StrategyAcknowledgement(Id, schoolId, headteacher.PersonId, headteacher.Name, at));
            }
        }

        return [.. Acknowledgements.Where(a => a.PersonId == headteacher.PersonId && schoolIds.Contains(a.SchoolId))];
    }

    private void Apply(StrategyContent content, DateTimeOffset at)
    {
        Title = content.Title;
        Vision = content.Vision;
        Priorities.Clear();
        for (var i = 0; i < content.Priorities.Count; i++)
        {
            Priorities.Add(new StrategyPriority(i, content.Priorities[i]));
        }

        UpdatedAt = at;
        Revision++;
    }

    private void EnsureDraft(string what)
    {
        if (State != StrategyState.Draft)
        {
            throw ProblemException.Conflict($"Version {Number} is {State.ToString().ToLowerInvariant()} and cannot be {what}. Start a new version instead.");
        }
    }
}

internal sealed class StrategyVersionConfiguration : IEntityTypeConfiguration<StrategyVersion>
{
    public void Configure(EntityTypeBuilder<StrategyVersion> builder)
    {
        builder.ToTable("strategy_versions");
        builder.HasIndex(v => v.Number).IsUnique();
        builder.Property(v => v.Title).HasMaxLength(StrategyLimits.TitleLength);
        builder.Property(v => v.Vision).HasMaxLength(StrategyLimits.VisionLength);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        // One draft at a time, even when two requests race to start one (same SQL on SQLite and PostgreSQL).
        builder.HasIndex(v => v.State, "IX_strategy_versions_one_draft").IsUnique().HasFilter("\"State\" = 'Draft'");
        builder.Property(v => v.CreatedByName).HasMaxLength(StrategyLimits.PersonNameLength);
        builder.Property(v => v.PublishedByName).HasMaxLength(StrategyLimits.PersonNameLength);
        builder.Property(v => v.Revision).IsConcurrencyToken();
        builder.HasMany(v => v.Priorities).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Acknowledgements).WithOne().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
