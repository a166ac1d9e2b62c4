using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// A half-term's check-in: the schools asked (as the directory stood when it opened), the template
/// version its cards were built from, and the last day answers are accepted.
/// </summary>
public sealed class CheckInRound
{
    private CheckInRound()
    {
    }

    public int Id { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string AcademicYear { get; private set; } = string.Empty;
    public HalfTermName HalfTerm { get; private set; }

    /// <summary>Orders rounds in time: the academic year's first calendar year × 10 + the half-term.</summary>
    public int Sequence { get; private set; }

    public int TemplateId { get; private set; }
    public CheckInTemplate Template { get; private set; } = null!;
    [StoredText(StoredText.Identifier)]
    public List<string> SchoolIds { get; private set; } = [];
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The trust-local date it opened, from which reminders are counted.</summary>
    public DateOnly OpenedOn { get; private set; }

    /// <summary>Who opened it: a name, or null when the term calendar did.</summary>
    [StoredText(StoredText.Generated)]
    public string? OpenedBy { get; private set; }

    /// <summary>The last day (trust time) answers are accepted.</summary>
    public DateOnly ClosesOn { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public string DisplayName => $"{HalfTerm.Display()} {AcademicYear}";

    public static CheckInRound Open(string academicYear, HalfTermName halfTerm, DateOnly closesOn, CheckInTemplate template,
        IEnumerable<string> schoolIds, string? openedBy, DateTimeOffset openedAt, DateOnly openedOn) => new()
        {
            AcademicYear = academicYear,
            HalfTerm = halfTerm,
            Sequence = SequenceOf(academicYear, halfTerm),
            Template = template,
            TemplateId = template.Id,
            SchoolIds = [.. schoolIds.Distinct(StringComparer.Ordinal)],
            ClosesOn = closesOn,
            OpenedBy = openedBy,
            OpenedAt = openedAt,
            OpenedOn = openedOn,
        };

    public static int SequenceOf(string academicYear, HalfTermName halfTerm) =>
        int.Parse(academicYear.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) * 10 + (int)halfTerm;

    /// <summary>Answers are taken until the end of the closing day, unless the SEND lead closed it early.</summary>
    public bool AcceptsAnswersOn(DateOnly today) => ClosedAt is null && today <= ClosesOn;

    public bool Includes(string schoolId) => SchoolIds.Contains(schoolId, StringComparer.Ordinal);

    /// <summary>Closes it now; closing twice keeps the first time.</summary>
    public bool Close(DateTimeOffset at)
    {
        if (ClosedAt is not null)
        {
            return false;
        }

        ClosedAt = at;
        return true;
    }
}

internal sealed class CheckInRoundConfiguration : IEntityTypeConfiguration<CheckInRound>
{
    public void Configure(EntityTypeBuilder<CheckInRound> builder)
    {
        builder.ToTable("check_in_rounds");
        builder.Property(r => r.AcademicYear).HasMaxLength(7);
        builder.Property(r => r.HalfTerm).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.AcademicYear, r.HalfTerm }).IsUnique();
        builder.HasIndex(r => r.Sequence);
        builder.Property(r => r.OpenedBy).HasMaxLength(200);
        builder.HasOne(r => r.Template).WithMany().HasForeignKey(r => r.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.DisplayName);
    }
}
