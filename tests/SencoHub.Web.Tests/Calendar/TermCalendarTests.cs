using SencoHub.Web.Features.Calendar;

namespace SencoHub.Web.Tests.Calendar;

public sealed class TermCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeOnly Morning = new(8, 30);

    // 2025-26 and 2026-27 half-terms around both clock changes, an INSET day and a bank holiday.
    private static readonly TermCalendar Terms = new(
        [
            Half("2025-26", HalfTermName.Autumn1, "2025-09-03", "2025-10-24"),
            Half("2025-26", HalfTermName.Autumn2, "2025-11-03", "2025-12-19"),
            Half("2025-26", HalfTermName.Spring2, "2026-02-23", "2026-03-27"),
            Half("2025-26", HalfTermName.Summer1, "2026-04-13", "2026-05-22"),
            Half("2026-27", HalfTermName.Autumn1, "2026-09-02", "2026-10-23"),
            Half("2026-27", HalfTermName.Autumn2, "2026-11-02", "2026-12-18"),
        ],
        [D("2026-11-02"), D("2026-05-04")],
        London);

    [Theory]
    [InlineData("2026-11-23", true)]   // Monday in term
    [InlineData("2026-11-21", false)]  // Saturday
    [InlineData("2026-11-22", false)]  // Sunday
    [InlineData("2026-11-02", false)]  // INSET day
    [InlineData("2026-05-04", false)]  // bank holiday
    [InlineData("2026-10-28", false)]  // half-term holiday
    [InlineData("2026-12-21", false)]  // Christmas holiday
    [InlineData("2026-12-18", true)]   // last day of term
    public void IsSchoolDay(string date, bool expected) => Assert.Equal(expected, Terms.IsSchoolDay(D(date)));

    [Fact]
    public void HalfTermContaining_FindsTheHalfTerm_AndNullInHolidays()
    {
        Assert.Equal(HalfTermName.Autumn2, Terms.HalfTermContaining(D("2026-11-23"))!.Name);
        Assert.Null(Terms.HalfTermContaining(D("2026-10-30")));
        Assert.Equal(HalfTermName.Autumn2, Terms.CurrentOrNextHalfTerm(D("2026-10-30"))!.Name);
    }

    [Fact]
    public void NextSchoolDayMorning_BeforeTheMorningTime_IsTheSameDay()
    {
        var next = Terms.NextSchoolDayMorning(At("2026-11-23T07:00:00Z"), Morning);
        Assert.Equal(At("2026-11-23T08:30:00Z"), next);
    }

    [Fact]
    public void NextSchoolDayMorning_FridayAfternoon_IsMonday()
    {
        Assert.Equal(At("2026-11-30T08:30:00Z"), Terms.NextSchoolDayMorning(At("2026-11-27T15:00:00Z"), Morning));
    }

    [Fact]
    public void NextSchoolDayMorning_AcrossTheAutumnClockChange_MovesFromBstToGmt()
    {
        // Friday 24 Oct 2025 is in BST (08:30 local = 07:30Z); the clocks go back on Sunday 26 Oct;
        // the next school day is Monday 3 Nov after half-term, 08:30 GMT = 08:30Z.
        Assert.Equal(At("2025-10-24T07:30:00Z"), Terms.NextSchoolDayMorning(At("2025-10-24T06:00:00Z"), Morning));
        Assert.Equal(At("2025-11-03T08:30:00Z"), Terms.NextSchoolDayMorning(At("2025-10-24T07:30:00Z"), Morning));
    }

    [Fact]
    public void NextSchoolDayMorning_AcrossTheSpringClockChange_MovesFromGmtToBst()
    {
        // Friday 27 Mar 2026 08:30 GMT; clocks go forward Sunday 29 Mar; Easter holiday; Monday 13 Apr 08:30 BST = 07:30Z.
        Assert.Equal(At("2026-03-27T08:30:00Z"), Terms.NextSchoolDayMorning(At("2026-03-26T12:00:00Z"), Morning));
        Assert.Equal(At("2026-04-13T07:30:00Z"), Terms.NextSchoolDayMorning(At("2026-03-27T09:00:00Z"), Morning));
    }

    [Fact]
    public void NextSchoolDayMorning_SkipsTheInsetDayAndTheBankHoliday()
    {
        Assert.Equal(At("2026-11-03T08:30:00Z"), Terms.NextSchoolDayMorning(At("2026-10-30T12:00:00Z"), Morning));
        Assert.Equal(At("2026-05-05T07:30:00Z"), Terms.NextSchoolDayMorning(At("2026-05-01T12:00:00Z"), Morning));
    }

    [Fact]
    public void ToInstant_InTheSpringForwardGap_UsesTheFirstValidTime_AndAmbiguousAutumnTimeTheFirstOccurrence()
    {
        Assert.Equal(At("2026-03-29T01:30:00Z"), Terms.ToInstant(D("2026-03-29"), new TimeOnly(1, 30)));
        Assert.Equal(At("2025-10-26T00:30:00Z"), Terms.ToInstant(D("2025-10-26"), new TimeOnly(1, 30)));
    }

    [Fact]
    public void NextSchoolDayMorning_WithNoTermDatesAhead_IsNull()
    {
        Assert.Null(Terms.NextSchoolDayMorning(At("2026-12-18T12:00:00Z"), Morning));
        Assert.Null(new TermCalendar([], [], London).NextSchoolDayMorning(At("2026-12-18T12:00:00Z"), Morning));
    }

    [Fact]
    public void SchoolDayArithmetic_SkipsWeekendsHolidaysAndClosures()
    {
        Assert.Equal(D("2026-11-04"), Terms.AddSchoolDays(D("2026-10-22"), 3)); // Fri 23 Oct, (INSET Mon 2 Nov), Tue 3, Wed 4
        Assert.Equal(D("2026-10-22"), Terms.AddSchoolDays(D("2026-11-04"), -3));
        Assert.Equal(3, Terms.SchoolDaysBetween(D("2026-10-22"), D("2026-11-04")));
        Assert.Equal(0, Terms.SchoolDaysBetween(D("2026-11-20"), D("2026-11-22")));
    }

    [Fact]
    public void IsSchoolDayMorningReached_RespectsTheLocalTime()
    {
        Assert.False(Terms.IsSchoolDayMorningReached(At("2026-11-23T08:29:00Z"), Morning));
        Assert.True(Terms.IsSchoolDayMorningReached(At("2026-11-23T08:30:00Z"), Morning));
        Assert.False(Terms.IsSchoolDayMorningReached(At("2026-11-21T10:00:00Z"), Morning));
    }

    [Theory]
    [InlineData("2026-08-31", "2025-26")]
    [InlineData("2026-09-02", "2026-27")]
    [InlineData("2027-08-31", "2026-27")]
    [InlineData("2099-12-01", "2099-00")]
    public void AcademicYearOf(string date, string year) => Assert.Equal(year, HalfTerm.AcademicYearOf(D(date)));

    private static DateOnly D(string value) => DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static HalfTerm Half(string year, HalfTermName name, string start, string end) =>
        new() { AcademicYear = year, Name = name, Start = D(start), End = D(end) };
}
