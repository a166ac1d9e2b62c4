using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Tests.Platform;

namespace SencoHub.Web.Tests.Calendar;

public sealed class TermDatesImportTests
{
    private const string Ics = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Example LA//Term dates//EN
        BEGIN:VEVENT
        UID:1@la.example
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270104
        DTEND;VALUE=DATE:20270213
        SUMMARY:Spring Term 1
        END:VEVENT
        BEGIN:VEVENT
        UID:2@la.example
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270222
        DTEND;VALUE=DATE:20270327
        SUMMARY:Spring second half
        END:VEVENT
        BEGIN:VEVENT
        UID:3@la.example
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270104
        DTEND;VALUE=DATE:20270105
        SUMMARY:INSET day
        END:VEVENT
        BEGIN:VEVENT
        UID:4@la.example
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270120
        DTEND;VALUE=DATE:20270121
        SUMMARY:Year 6 parents' evening
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public void Parse_FindsHalfTermsWithInclusiveEnds_ClosuresAndIgnoredEvents()
    {
        var result = ImportTermDates.Parse(Ics);

        Assert.Equal(
            [new HalfTermDates("2026-27", HalfTermName.Spring1, new(2027, 1, 4), new(2027, 2, 12)),
             new HalfTermDates("2026-27", HalfTermName.Spring2, new(2027, 2, 22), new(2027, 3, 26))],
            result.HalfTerms);
        Assert.Equal([new NonSchoolDayEntry(new(2027, 1, 4), "INSET day")], result.NonSchoolDays);
        Assert.Single(result.Ignored);
    }

    [Theory]
    [InlineData("not a calendar")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR")]
    public void Parse_RefusesFilesWithoutTermDates(string ics) =>
        Assert.Throws<TermDatesFileException>(() => ImportTermDates.Parse(ics));

    [Theory]
    [InlineData("Autumn 1", HalfTermName.Autumn1)]
    [InlineData("autumn term 2", HalfTermName.Autumn2)]
    [InlineData("Summer Term first half", HalfTermName.Summer1)]
    [InlineData("Spring half-term 2", HalfTermName.Spring2)]
    public void HalfTermNames_AreRecognised(string summary, HalfTermName expected) =>
        Assert.Equal(expected, ImportTermDates.HalfTermOf(summary));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_UpsertsIntoTheCalendar(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        await app.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<ImportTermDates>().ImportAsync(Ics);
            await services.GetRequiredService<ImportTermDates>().ImportAsync(Ics);
        });

        var calendar = await app.WithDbAsync(async db => (
            await db.Set<HalfTerm>().SingleAsync(h => h.AcademicYear == "2026-27" && h.Name == HalfTermName.Spring1),
            await db.Set<NonSchoolDay>().CountAsync()));
        Assert.Equal(new DateOnly(2027, 2, 12), calendar.Item1.End);
        Assert.Equal(1, calendar.Item2);
    }

    [Fact]
    public void AnInsetDayNamedWithAPupilIdentifier_RefusesTheWholeFile_WithoutRepeatingIt()
    {
        var ics = Ics.Replace("SUMMARY:INSET day", "SUMMARY:INSET day (A 7000 0000 0557 review)", StringComparison.Ordinal);

        var refused = Assert.Throws<TermDatesFileException>(() => ImportTermDates.Parse(ics));

        Assert.Contains("unique pupil number", refused.Message, StringComparison.Ordinal);
        Assert.Contains("4 Jan 2027", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("7000", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheTermDatesPage_RefusesANonSchoolDayReasonHoldingAPupilIdentifier(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var form = await lead.GetStringAsync("/admin/term-dates");

        var response = await lead.PostAsync("/admin/term-dates?handler=NonSchoolDay", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["date"] = "2026-12-01",
            ["reason"] = "Closed for A700000000037's review",
            ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(form),
        }));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("unique pupil number", page, StringComparison.Ordinal);
        Assert.DoesNotContain("A700000000037", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<NonSchoolDay>().CountAsync(d => d.Date == new DateOnly(2026, 12, 1))));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheTermDatesPage_RefusesAnIcsFileWhoseClosureNamesAPupil(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var form = await lead.GetStringAsync("/admin/term-dates");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(SignInTests.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Ics.Replace("SUMMARY:INSET day", "SUMMARY:INSET day A\u200B700000000037", StringComparison.Ordinal))), "file", "terms.ics" },
        };

        var response = await lead.PostAsync("/admin/term-dates?handler=Ics", upload);

        Assert.Contains("unique pupil number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<NonSchoolDay>().CountAsync()));
    }
}
