using Azure.Core;
using Azure.Identity;

namespace SencoHub.Web.Platform.Hosting;

/// <summary>How the app signs in to Azure services (PostgreSQL, Blob Storage, Key Vault): never a secret.</summary>
public static class AzureCredential
{
    /// <summary>The user-assigned managed identity named by <c>AZURE_CLIENT_ID</c> (infra sets it), else
    /// <see cref="DefaultAzureCredential"/> (e.g. a developer's <c>az login</c>).</summary>
    public static TokenCredential Create(IConfiguration configuration)
    {
        var clientId = configuration["AZURE_CLIENT_ID"];
        return string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
