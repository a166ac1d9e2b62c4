namespace SencoHub.Teams.Activities;

/// <summary>A user or bot in a conversation.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
}
