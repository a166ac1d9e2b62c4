using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Calendar;

/// <summary>An INSET day, bank holiday or closure inside a half-term, entered by the trust.</summary>
public sealed class NonSchoolDay
{
    public const int ReasonLength = 200;

    public int Id { get; set; }
    public DateOnly Date { get; set; }
    [StoredText(StoredText.FreeText)]
    public required string Reason { get; set; }
}

internal sealed class NonSchoolDayConfiguration : IEntityTypeConfiguration<NonSchoolDay>
{
    public void Configure(EntityTypeBuilder<NonSchoolDay> builder)
    {
        builder.ToTable("non_school_days");
        builder.HasIndex(d => d.Date).IsUnique();
        builder.Property(d => d.Reason).HasMaxLength(NonSchoolDay.ReasonLength);
    }
}
