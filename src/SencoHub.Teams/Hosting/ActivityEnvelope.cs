using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// The fields every handler relies on: where replies go (<c>serviceUrl</c>), whose conversation it
/// is, and for messages and invokes who sent it. An activity without them is refused at the door
/// instead of failing later in a handler or in the error reply.
/// </summary>
internal static class ActivityEnvelope
{
    /// <summary>Why the activity cannot be handled, or null when it can.</summary>
    public static string? Problem(Activity activity, bool allowLoopbackHttp)
    {
        if (ServiceUrlProblem(activity.ServiceUrl, allowLoopbackHttp) is { } serviceUrl)
        {
            return serviceUrl;
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation id.";
        }

        if ((activity.IsMessage || activity.IsInvoke) && string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "The activity has no sender (from.id).";
        }

        return null;
    }

    private static string? ServiceUrlProblem(string? serviceUrl, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            return "The activity has no serviceUrl.";
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            return "The activity's serviceUrl is not an absolute https URL.";
        }

        // Replies carry the bot's token to this URL: no credentials or fragments smuggled into it.
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The activity's serviceUrl must not carry user info or a fragment.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(allowLoopbackHttp && uri.IsLoopback))
        {
            return allowLoopbackHttp
                ? "The activity's serviceUrl must be https (plain http only on loopback)."
                : "The activity's serviceUrl must be https.";
        }

        return null;
    }
}
