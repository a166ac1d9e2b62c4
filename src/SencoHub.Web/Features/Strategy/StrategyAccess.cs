using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

internal static class StrategyAccess
{
    /// <summary>Checked in every writing use case as well as by the endpoint policy, so pages and the bot get the same rule.</summary>
    public static void EnsureSendLead(SignedInPerson person)
    {
        if (!person.IsSendLead)
        {
            throw ProblemException.Forbidden("Only the trust's SEND lead writes and publishes the strategy.");
        }
    }
}
