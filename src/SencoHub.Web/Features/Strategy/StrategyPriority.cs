using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Strategy;

/// <summary>
/// A priority of one strategy version. <see cref="Key"/> stays the same when a later version carries
/// the priority forward (reworded or not), which is how "what changed" and links from actions follow it.
/// </summary>
public sealed class StrategyPriority
{
    private StrategyPriority()
    {
    }

    internal StrategyPriority(int position, PriorityContent content)
    {
        Key = content.Key ?? throw new InvalidOperationException("Priority keys are assigned before a priority is stored.");
        Position = position;
        Title = content.Title;
        Description = content.Description;
        ReviewArea = content.ReviewArea;
        SuccessMeasures = content.SuccessMeasures;
        Owner = content.Owner;
        Timeframe = content.Timeframe;
    }

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string Key { get; private set; } = string.Empty;
    public int Position { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string Title { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Description { get; private set; } = string.Empty;
    public ReviewArea ReviewArea { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string SuccessMeasures { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Owner { get; private set; } = string.Empty;

    /// <summary>How long the priority runs, in half-terms.</summary>
    public int Timeframe { get; private set; }

    public PriorityContent ToContent() => new(Key, Title, Description, ReviewArea, SuccessMeasures, Owner, Timeframe);
}

internal sealed class StrategyPriorityConfiguration : IEntityTypeConfiguration<StrategyPriority>
{
    public void Configure(EntityTypeBuilder<StrategyPriority> builder)
    {
        builder.ToTable("strategy_priorities");
        builder.Property(p => p.Key).HasMaxLength(StrategyLimits.KeyLength);
        builder.HasIndex(p => new { p.VersionId, p.Key }).IsUnique();
        builder.HasIndex(p => p.Key);
        builder.Property(p => p.Title).HasMaxLength(StrategyLimits.PriorityTitleLength);
        builder.Property(p => p.Description).HasMaxLength(StrategyLimits.DescriptionLength);
        builder.Property(p => p.ReviewArea).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.SuccessMeasures).HasMaxLength(StrategyLimits.SuccessMeasuresLength);
        builder.Property(p => p.Owner).HasMaxLength(StrategyLimits.OwnerLength);
    }
}
