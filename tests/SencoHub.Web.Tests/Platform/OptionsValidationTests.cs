using System.Reflection;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

/// <summary>Every options class is validated when the app starts, so a wrong setting stops it with a message instead of misbehaving later.</summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class OptionsValidationTests : IDisposable
{
    /// <summary>For each options class, one setting that breaks its rules, and what the operator is told.</summary>
    private static readonly (string OptionsClass, string Key, string Value, string Told)[] BadSettings =
    [
        ("SencoHubOptions", "SencoHub:PublicBaseUrl", "sencohub.example.org", "'SencoHubOptions' members: 'PublicBaseUrl'"),
        ("DatabaseOptions", "SencoHub:Database:Provider", "7", "'DatabaseOptions' members: 'Provider'"),
        ("EntraOptions", "SencoHub:Auth:Entra:ClientId", "3f1e4d2c-8b7a-4c6d-9e0f-1a2b3c4d5e6f", "SencoHub:Auth:Entra: set both ClientId and TenantId"),
        ("DevSignInOptions", "SencoHub:Auth:Dev:TokenLifetime", "00:00:05", "'DevSignInOptions' members: 'TokenLifetime'"),
        ("TeamsAppOptions", "SencoHub:Teams:AppId", "sencohub", "SencoHub:Teams:AppId must be the manifest's id, a GUID."),
        ("SchedulingOptions", "SencoHub:Scheduling:Interval", "00:00:00", "'SchedulingOptions' members: 'Interval'"),
        ("DeliveryOptions", "SencoHub:Delivery:Concurrency", "0", "'DeliveryOptions' members: 'Concurrency'"),
        ("GraphOptions", "SencoHub:Graph:Enabled", "true", "Graph is enabled without a credential"),
        ("ScheduleOptions", "SencoHub:Schedule:TimeZone", "Mars/Olympus_Mons", "SencoHub:Schedule:TimeZone is not a known time zone."),
        ("StrategyOptions", "SencoHub:Strategy:NudgeAfterSchoolDays", "0", "'StrategyOptions' members: 'NudgeAfterSchoolDays'"),
        ("CheckInOptions", "SencoHub:CheckIns:ReminderEverySchoolDays", "0", "'CheckInOptions' members: 'ReminderEverySchoolDays'"),
        ("ActionOptions", "SencoHub:Actions:DueSoonSchoolDays", "0", "'ActionOptions' members: 'DueSoonSchoolDays'"),
        ("KeyStorageOptions", "SencoHub:DataProtection:KeyVaultKeyId", "http://vault.example/keys/k", "SencoHub:DataProtection:KeyVaultKeyId must be the Key Vault key's https URL."),
        ("SignInRateLimitOptions", "SencoHub:RateLimits:SignIn:PermitLimit", "0", "'SignInRateLimitOptions' members: 'PermitLimit'"),
        ("StorageOptions", "SencoHub:Storage:BlobServiceUri", "blob-store", "SencoHub:Storage:BlobServiceUri must be an absolute URL"),
        ("LibraryOptions", "SencoHub:Library:StaleAfterMonths", "0", "'LibraryOptions' members: 'StaleAfterMonths'"),
    ];

    /// <summary>Options classes without a rule a setting can break at start, and why.</summary>
    private static readonly Dictionary<string, string> WithoutRules = new()
    {
        ["DirectoryOptions"] = "its one rule, that the seed file exists, is checked when it is used: on the first start only",
    };

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("sencohub-options-").FullName;

    [Fact]
    public void EveryOptionsClass_HasABadSettingInThisTest()
    {
        var optionsClasses = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(BadSettings.Select(s => s.OptionsClass).Concat(WithoutRules.Keys).Order(StringComparer.Ordinal), optionsClasses);
    }

    [Fact]
    public async Task BadSettings_StopTheAppBeforeAnythingRuns_NamingEachOne_WithoutAStackTrace()
    {
        var environment = BadSettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["SencoHub__DataDirectory"] = _folder;
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        await using var app = AppProcess.Start(environment);

        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("SencoHub cannot start: the configuration is not valid.", app.StandardError, StringComparison.Ordinal);
        Assert.All(BadSettings, bad => Assert.Contains(bad.Told, app.StandardError, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", app.StandardOutput + app.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "sencohub.db")), "the database was created before the settings were checked");
    }

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
}
