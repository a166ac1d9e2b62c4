namespace SencoHub.Web.Platform.Hosting;

/// <summary>A configuration or data problem that stops the app with a message for the operator,
/// never a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
