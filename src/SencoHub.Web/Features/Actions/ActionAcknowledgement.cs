using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

/// <summary>The owner has seen the action, for their school. One per school's assignment, whatever the presses.</summary>
public sealed class ActionAcknowledgement
{
    private ActionAcknowledgement()
    {
    }

    internal ActionAcknowledgement(int assignmentId, SignedInPerson by, DateTimeOffset at)
    {
        AssignmentId = assignmentId;
        PersonId = by.PersonId;
        PersonName = by.Name;
        AcknowledgedAt = at;
    }

    public int Id { get; private set; }
    public int AssignmentId { get; private set; }
    public int PersonId { get; private set; }

    /// <summary>As the directory named them then, so the record reads right after they leave.</summary>
    [StoredText(StoredText.Generated)]
    public string PersonName { get; private set; } = string.Empty;
    public DateTimeOffset AcknowledgedAt { get; private set; }
}

internal sealed class ActionAcknowledgementConfiguration : IEntityTypeConfiguration<ActionAcknowledgement>
{
    public void Configure(EntityTypeBuilder<ActionAcknowledgement> builder)
    {
        builder.ToTable("action_acknowledgements");
        builder.Property(a => a.PersonName).HasMaxLength(ActionLimits.PersonNameLength);
        // What makes a double press, a retried invoke or two presses at once record one acknowledgement.
        builder.HasIndex(a => a.AssignmentId).IsUnique();
    }
}
