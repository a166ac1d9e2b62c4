using SencoHub.Testing;

namespace SencoHub.Web.Tests.Library;

public static class LibraryTestKit
{
    /// <summary>Azurite's connection string; fails the test when it is missing and tools are required (CI), skips it otherwise.</summary>
    public static string RequireAzurite()
    {
        if (Azurite.ConnectionString is { } connectionString)
        {
            return connectionString;
        }

        Assert.False(Azurite.ToolsRequired, Azurite.Unavailable);
        Skip.If(true, Azurite.Unavailable);
        return string.Empty;
    }
}
