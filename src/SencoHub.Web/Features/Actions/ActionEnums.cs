using System.Text.Json.Serialization;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Features.Actions;

[JsonConverter(typeof(JsonStringEnumConverter<ActionPriority>))]
public enum ActionPriority
{
    High,
    Medium,
    Low,
}

/// <summary>Who in each school owns the action: acknowledges it and is chased for it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionOwnerRole>))]
public enum ActionOwnerRole
{
    Headteacher,
    Senco,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionState>))]
public enum ActionState
{
    Open,

    /// <summary>Every school has marked it done; an update that moves a school back reopens it.</summary>
    Closed,

    /// <summary>The SEND lead withdrew it: kept for the record, nothing more is recorded or chased.</summary>
    Withdrawn,
}

public static class ActionEnums
{
    public static Role ToRole(this ActionOwnerRole owner) => owner == ActionOwnerRole.Senco ? Role.Senco : Role.Headteacher;

    public static string Display(this ActionOwnerRole owner) => owner == ActionOwnerRole.Senco ? "SENCO" : "Headteacher";

    public static string Display(this AssignmentStatus status) => status switch
    {
        AssignmentStatus.NotStarted => "Not started",
        AssignmentStatus.InProgress => "In progress",
        AssignmentStatus.Blocked => "Blocked",
        _ => "Done",
    };

    /// <summary>Names only, ignoring case; numbers are refused so <c>"1"</c> never means a member by position.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}
