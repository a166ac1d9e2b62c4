namespace SencoHub.Testing;

/// <summary>
/// The Azurite Blob service named by <c>SENCOHUB_TEST_AZURITE</c> (a connection string; set by
/// <c>test.sh</c>, which starts it with <c>tests/tools/azurite.sh</c>). Each test takes a container of its own.
/// </summary>
public static class Azurite
{
    public const string Variable = "SENCOHUB_TEST_AZURITE";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsAvailable => ConnectionString is not null;

    public static string Unavailable => $"{Variable} is not set: start Azurite with `export {Variable}=\"$(tests/tools/azurite.sh)\"`.";

    /// <summary>Tests that need a tool fail rather than skip when it is missing and <c>SENCOHUB_REQUIRE_TOOLS=1</c> (as CI sets).</summary>
    public static bool ToolsRequired => Environment.GetEnvironmentVariable("SENCOHUB_REQUIRE_TOOLS") == "1";

    public static string NewContainerName() => "test-" + Guid.NewGuid().ToString("N")[..20];
}
