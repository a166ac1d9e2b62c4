using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SencoHub.Web.Features.Strategy;

public enum NudgeKind
{
    /// <summary>Sent by the school-day morning job.</summary>
    Scheduled,

    /// <summary>The SEND lead pressed "Nudge now".</summary>
    Manual,
}

/// <summary>A reminder to acknowledge a version, at most one per person per school day (unique), which spaces the next one.</summary>
public sealed class StrategyNudge
{
    private StrategyNudge()
    {
    }

    internal StrategyNudge(int versionId, int personId, DateOnly on, DateTimeOffset at, NudgeKind kind)
    {
        VersionId = versionId;
        PersonId = personId;
        On = on;
        At = at;
        Kind = kind;
    }

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public int PersonId { get; private set; }

    /// <summary>The trust's local date it was sent on.</summary>
    public DateOnly On { get; private set; }
    public DateTimeOffset At { get; private set; }
    public NudgeKind Kind { get; private set; }
}

internal sealed class StrategyNudgeConfiguration : IEntityTypeConfiguration<StrategyNudge>
{
    public void Configure(EntityTypeBuilder<StrategyNudge> builder)
    {
        builder.ToTable("strategy_nudges");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<StrategyVersion>().WithMany().HasForeignKey(n => n.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.VersionId, n.PersonId, n.On }).IsUnique();
    }
}
