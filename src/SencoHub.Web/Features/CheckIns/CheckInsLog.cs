namespace SencoHub.Web.Features.CheckIns;

/// <summary>Check-in events. Ids and counts only: answers are professional narrative and never logged.</summary>
internal static partial class CheckInsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Opened check-in round {RoundId} ({Round}) for {Schools} schools; {Cards} cards queued")]
    public static partial void RoundOpened(ILogger logger, int roundId, string round, int schools, int cards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed check-in round {RoundId}; {Responded} of {Expected} schools answered")]
    public static partial void RoundClosed(ILogger logger, int roundId, int responded, int expected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored check-in for round {RoundId}, school {SchoolId}, revision {Revision}")]
    public static partial void Stored(ILogger logger, int roundId, string schoolId, int revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in for round {RoundId}, school {SchoolId} returned with {Problems} answers to change")]
    public static partial void ReturnedForChanges(ILogger logger, int roundId, string schoolId, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in card action refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Queued} check-in reminders for round {RoundId} ({Already} already sent today)")]
    public static partial void RemindersQueued(ILogger logger, int roundId, int queued, int already);
}
