using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Library;

public sealed class StaleDigestTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheSendLead_GetsOneDigestOnTheFirstSchoolDayOfTheHalfTerm(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Old anti-bullying policy"), reviewedOn: new DateOnly(2025, 6, 30));
        await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Older transition guide"), reviewedOn: new DateOnly(2024, 1, 15));
        await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Current toolkit"), reviewedOn: new DateOnly(2026, 10, 1));
        var (firstDay, morning) = await app.WithScopeAsync(async sp =>
        {
            var calendar = sp.GetRequiredService<CalendarService>();
            var terms = await calendar.LoadAsync();
            var halfTerm = terms.CurrentOrNextHalfTerm(new DateOnly(2026, 11, 23))!;
            var first = terms.IsSchoolDay(halfTerm.Start) ? halfTerm.Start : terms.NextSchoolDay(halfTerm.Start)!.Value;
            return (first, terms.ToInstant(first, calendar.MorningTime));
        });

        Assert.Equal(0, await RunAsync(app, morning.AddMinutes(-5)));
        Assert.Equal(1, await RunAsync(app, morning));
        Assert.Equal(0, await RunAsync(app, morning.AddHours(3)));
        Assert.Equal(0, await RunAsync(app, morning.AddDays(1)));

        var digest = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Topic == "library.stale-digest"));
        Assert.Equal(DemoTrust.SendLead.AadObjectId, digest.TargetAadObjectId);
        Assert.Contains("2 resources are due for review", digest.ActivityJson, StringComparison.Ordinal);
        Assert.True(digest.ActivityJson.IndexOf("Older transition guide", StringComparison.Ordinal) < digest.ActivityJson.IndexOf("Old anti-bullying policy", StringComparison.Ordinal), "oldest first");
        Assert.DoesNotContain("Current toolkit", digest.ActivityJson, StringComparison.Ordinal);
        Assert.NotEqual(DayOfWeek.Saturday, firstDay.DayOfWeek);
    }

    [Fact]
    public async Task NothingStale_NoDigest()
    {
        await using var app = await LibraryTestKit.StartAsync(TestProvider.Sqlite);
        await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Current toolkit"), reviewedOn: new DateOnly(2026, 10, 1));
        var morning = await app.WithScopeAsync(async sp =>
        {
            var calendar = sp.GetRequiredService<CalendarService>();
            var terms = await calendar.LoadAsync();
            var halfTerm = terms.CurrentOrNextHalfTerm(new DateOnly(2026, 11, 23))!;
            return terms.ToInstant(terms.IsSchoolDay(halfTerm.Start) ? halfTerm.Start : terms.NextSchoolDay(halfTerm.Start)!.Value, calendar.MorningTime);
        });
        Assert.Equal(0, await RunAsync(app, morning));
    }

    private static Task<int> RunAsync(SencoHubApp app, DateTimeOffset at) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<SendStaleDigest>().DueAsync(at));
}
