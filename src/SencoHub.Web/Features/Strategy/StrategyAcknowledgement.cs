using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Features.Directory;

namespace SencoHub.Web.Features.Strategy;

/// <summary>A headteacher has read a published version, for one school they lead. Unique per version, school and person.</summary>
public sealed class StrategyAcknowledgement
{
    private StrategyAcknowledgement()
    {
    }

    internal StrategyAcknowledgement(int versionId, string schoolId, int personId, string personName, DateTimeOffset at)
    {
        VersionId = versionId;
        SchoolId = schoolId;
        PersonId = personId;
        PersonName = personName;
        AcknowledgedAt = at;
    }

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string SchoolId { get; private set; } = string.Empty;
    public int PersonId { get; private set; }

    /// <summary>As the directory named them then: the record must still read right if they leave.</summary>
    [StoredText(StoredText.Generated)]
    public string PersonName { get; private set; } = string.Empty;
    public DateTimeOffset AcknowledgedAt { get; private set; }
}

internal sealed class StrategyAcknowledgementConfiguration : IEntityTypeConfiguration<StrategyAcknowledgement>
{
    public void Configure(EntityTypeBuilder<StrategyAcknowledgement> builder)
    {
        builder.ToTable("strategy_acknowledgements");
        builder.Property(a => a.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(a => a.PersonName).HasMaxLength(StrategyLimits.PersonNameLength);
        // What makes a double press, a retried activity or two presses at once record one acknowledgement.
        builder.HasIndex(a => new { a.VersionId, a.PersonId, a.SchoolId }).IsUnique();
    }
}
