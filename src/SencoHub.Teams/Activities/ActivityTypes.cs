namespace SencoHub.Teams.Activities;

/// <summary>Activity <c>type</c> values Teams sends (compare case-insensitively: new ones appear without notice).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string Typing = "typing";
}

/// <summary>Invoke <c>name</c> values (protocol reference, section 4).</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
    public const string ComposeExtensionQuery = "composeExtension/query";
    public const string ComposeExtensionQueryLink = "composeExtension/queryLink";
    public const string ComposeExtensionSelectItem = "composeExtension/selectItem";
    public const string ComposeExtensionFetchTask = "composeExtension/fetchTask";
    public const string ComposeExtensionSubmitAction = "composeExtension/submitAction";
    public const string TaskFetch = "task/fetch";
    public const string TaskSubmit = "task/submit";
    public const string SignInVerifyState = "signin/verifyState";
    public const string SignInTokenExchange = "signin/tokenExchange";
    public const string ApplicationSearch = "application/search";
}

/// <summary><c>textFormat</c> values.</summary>
internal static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

/// <summary><c>action</c> values of <c>installationUpdate</c>.</summary>
public static class InstallationActions
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string AddUpgrade = "add-upgrade";
    public const string RemoveUpgrade = "remove-upgrade";
}
