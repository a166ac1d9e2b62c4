using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>Evidence links on action updates; other typed text follows <see cref="TypedText"/>.</summary>
internal static class ActionText
{
    /// <summary>An evidence link: optional, absolute, https, with a host; null when none was given.</summary>
    public static string? EvidenceUrl(IDictionary<string, string[]> errors, string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > ActionLimits.EvidenceUrlLength)
        {
            errors[field] = [$"This link is {text.Length:N0} characters long; the limit is {ActionLimits.EvidenceUrlLength:N0}."];
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
            || text.Any(char.IsWhiteSpace) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors[field] = ["The evidence link must be a web address starting with https:// (for example a SharePoint or OneDrive link)."];
        }
        else
        {
            PupilDataGuard.Check(errors, field, text);
        }

        return text;
    }
}

/// <summary>Messages shared by the API, the tab and the cards.</summary>
public static class ActionRules
{
    public const string CannotUpdate =
        "Thanks for looking at this action. Only the school's headteacher or SENCO records progress on it, so nothing was recorded for you.";

    /// <summary>
    /// For someone with no role at the school named: the same whether or not the action exists or is
    /// set for that school, so nobody can probe which schools an action was set for.
    /// </summary>
    public const string NotYourSchool =
        "Thanks for looking at this action. Only the school's headteacher or SENCO acts on it, for their own school, so nothing was recorded for you.";

    public const string OnlySendLead = "Only the trust's SEND lead sets and withdraws actions.";

    public static string NotTheOwner(ActionOwnerRole owner) =>
        $"Thanks for looking at this action. Only the school's {(owner == ActionOwnerRole.Senco ? "SENCO" : "headteacher")} acknowledges it, for their own school, so nothing was recorded for you.";
}
