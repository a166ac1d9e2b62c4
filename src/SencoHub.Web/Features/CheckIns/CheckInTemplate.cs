using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>One saved version of the check-in survey. Never changed once saved: an edit saves the next version.</summary>
public sealed class CheckInTemplate
{
    private SurveyDefinition? _definition;

    private CheckInTemplate()
    {
    }

    public int Id { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }
    [StoredText(StoredText.Generated)]
    public string SavedBy { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeTextJson)]
    public string DefinitionJson { get; private set; } = string.Empty;

    public SurveyDefinition Definition => _definition ??= SurveyDefinition.FromJson(DefinitionJson);

    /// <summary>A checked definition (<see cref="SurveyDefinition.Check"/>) as the version after <paramref name="previous"/>.</summary>
    public static CheckInTemplate Next(CheckInTemplate? previous, SurveyDefinition definition, string savedBy, DateTimeOffset savedAt) => new()
    {
        Version = (previous?.Version ?? 0) + 1,
        SavedAt = savedAt,
        SavedBy = savedBy.Length > 200 ? savedBy[..200] : savedBy,
        DefinitionJson = definition.ToJson(),
        _definition = definition,
    };
}

internal sealed class CheckInTemplateConfiguration : IEntityTypeConfiguration<CheckInTemplate>
{
    public void Configure(EntityTypeBuilder<CheckInTemplate> builder)
    {
        builder.ToTable("check_in_templates");
        builder.HasIndex(t => t.Version).IsUnique();
        builder.Property(t => t.SavedBy).HasMaxLength(200);
        builder.Ignore(t => t.Definition);
    }
}
