using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Tests.Platform;

public sealed partial class NavigationTests
{
    [Fact]
    public void Entries_AreInTheirOwnOrder_WhateverOrderFeaturesRegisterThem()
    {
        var services = new ServiceCollection()
            .AddNavEntry("admin", "/admin", "Admin", order: 90, sendLeadOnly: true)
            .AddNavEntry("reports", "/reports", "Reports", order: 40)
            .AddNavEntry("home", "/", "Home", order: 0);

        var navigation = services.BuildServiceProvider().GetRequiredService<Navigation>();

        Assert.Equal(["Home", "Reports", "Admin"], navigation.Entries.Select(e => e.Title));
        Assert.Equal(new NavEntry("reports", "/reports", "Reports", 40, false), navigation.Find("reports"));
    }

    [Fact]
    public async Task TheShell_ShowsEachFeaturesEntry_InOrder_AndAdminOnlyToTheSendLead()
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        using var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);

        Assert.Equal(["Home", "Strategy", "Check-ins", "Actions", "Library", "Admin"], NavTitles(await lead.GetStringAsync("/strategy")));
        Assert.Equal(["Home", "Strategy", "Check-ins", "Actions", "Library"], NavTitles(await senco.GetStringAsync("/strategy")));
        Assert.Contains("<a href=\"/strategy\" aria-current=\"page\">Strategy</a>", await senco.GetStringAsync("/strategy"), StringComparison.Ordinal);
    }

    private static List<string> NavTitles(string html)
    {
        var nav = NavPattern().Match(html).Groups[1].Value;
        return [.. LinkPattern().Matches(nav).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<ul class=\"nav\">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex NavPattern();

    [GeneratedRegex("<a [^>]*>([^<]*)</a>")]
    private static partial Regex LinkPattern();
}
