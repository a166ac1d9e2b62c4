using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Calendar;

public enum HalfTermName
{
    Autumn1,
    Autumn2,
    Spring1,
    Spring2,
    Summer1,
    Summer2,
}

public sealed partial class HalfTerm
{
    public int Id { get; set; }

    /// <summary>"2026-27": the year the autumn term starts, then the last two digits of the next.</summary>
    [StoredText(StoredText.Identifier)]
    public required string AcademicYear { get; set; }
    public HalfTermName Name { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }

    public string DisplayName => $"{Name.Display()} {AcademicYear}";

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public static bool IsValidAcademicYear(string value)
    {
        var match = AcademicYearPattern().Match(value);
        return match.Success
            && (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1) % 100
                == int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The academic year a date falls in: September to August.</summary>
    public static string AcademicYearOf(DateOnly date)
    {
        var startYear = date.Month >= 9 ? date.Year : date.Year - 1;
        return $"{startYear}-{(startYear + 1) % 100:00}";
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex AcademicYearPattern();
}

public static class HalfTermNames
{
    public static string Display(this HalfTermName name) => name switch
    {
        HalfTermName.Autumn1 => "Autumn 1",
        HalfTermName.Autumn2 => "Autumn 2",
        HalfTermName.Spring1 => "Spring 1",
        HalfTermName.Spring2 => "Spring 2",
        HalfTermName.Summer1 => "Summer 1",
        _ => "Summer 2",
    };
}

internal sealed class HalfTermConfiguration : IEntityTypeConfiguration<HalfTerm>
{
    public void Configure(EntityTypeBuilder<HalfTerm> builder)
    {
        builder.ToTable("half_terms");
        builder.Property(h => h.AcademicYear).HasMaxLength(7);
        builder.Property(h => h.Name).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(h => new { h.AcademicYear, h.Name }).IsUnique();
        builder.Ignore(h => h.DisplayName);
    }
}
