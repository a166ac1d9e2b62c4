using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Tests.Cards;

public sealed class CardBuilderTests
{
    [Fact]
    public void Card_HasSchemaVersionAndBody()
    {
        var json = new AdaptiveCard { Body = { new TextBlock("Hi") } }.ToJson();

        Assert.Equal("AdaptiveCard", json["type"]!.GetValue<string>());
        Assert.Equal("1.5", json["version"]!.GetValue<string>());
        Assert.Equal(AdaptiveCard.SchemaUrl, json["$schema"]!.GetValue<string>());
        Assert.Equal("""{"type":"TextBlock","text":"Hi","wrap":true}""", json["body"]![0]!.ToJsonString());
        Assert.Null(json["actions"]);
        Assert.Null(json["msteams"]);
    }

    [Fact]
    public void Enums_AreWrittenInCamelCase()
    {
        var json = new TextBlock("x") { Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = TextColor.Attention, Spacing = Spacing.ExtraLarge }.ToJson();

        Assert.Equal("extraLarge", json["size"]!.GetValue<string>());
        Assert.Equal("bolder", json["weight"]!.GetValue<string>());
        Assert.Equal("attention", json["color"]!.GetValue<string>());
        Assert.Equal("extraLarge", json["spacing"]!.GetValue<string>());
    }

    [Fact]
    public void ExecuteAction_CarriesVerbDataAndSubmitFallback()
    {
        var action = new ExecuteAction("Submit", "submitCheckIn")
        {
            Data = new { roundId = "r42", version = 3 },
            AssociatedInputs = AssociatedInputs.Auto,
            Fallback = SubmitAction.ForVerb("Submit", "submitCheckIn", new { roundId = "r42" }),
        }.ToJson();

        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("submitCheckIn", action["verb"]!.GetValue<string>());
        Assert.Equal("r42", action["data"]!["roundId"]!.GetValue<string>());
        Assert.Equal(3, action["data"]!["version"]!.GetValue<int>());
        Assert.Equal("auto", action["associatedInputs"]!.GetValue<string>());
        Assert.Equal("Action.Submit", action["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal("submitCheckIn", action["fallback"]!["data"]!["verb"]!.GetValue<string>());
        Assert.Equal("r42", action["fallback"]!["data"]!["roundId"]!.GetValue<string>());
    }

    [Fact]
    public void Refresh_AndMentions_GoWhereTeamsReadsThem()
    {
        var card = new AdaptiveCard { Refresh = new CardRefresh(new ExecuteAction("Refresh", "view")) { UserIds = ["29:a", "29:b"] } };
        var at = card.Mention("29:a", "Jane Doe");
        card.Body.Add(new TextBlock($"Hi {at}"));

        var json = card.ToJson();

        Assert.Equal("<at>Jane Doe</at>", at);
        Assert.Equal("view", json["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(2, json["refresh"]!["userIds"]!.AsArray().Count);
        var mention = json["msteams"]!["entities"]![0]!;
        Assert.Equal("mention", mention["type"]!.GetValue<string>());
        Assert.Equal("<at>Jane Doe</at>", mention["text"]!.GetValue<string>());
        Assert.Equal("29:a", mention["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Refresh_WithoutUserIds_OmitsThem_AndAnEmptyListIsKept()
    {
        Assert.Null(new AdaptiveCard { Refresh = new CardRefresh(new ExecuteAction("R", "v")) }.ToJson()["refresh"]!["userIds"]);
        Assert.Empty(new AdaptiveCard { Refresh = new CardRefresh(new ExecuteAction("R", "v")) { UserIds = [] } }.ToJson()["refresh"]!["userIds"]!.AsArray());
    }

    [Fact]
    public void Inputs_WriteTheirValidationProperties()
    {
        var text = new TextInput("c") { Label = "Comment", IsRequired = true, ErrorMessage = "Required", MaxLength = 10, IsMultiline = true }.ToJson();
        var date = new DateInput("d") { Min = new DateOnly(2026, 1, 2) }.ToJson();
        var time = new TimeInput("t") { Value = new TimeOnly(7, 5) }.ToJson();
        var choice = new ChoiceSetInput("s") { IsMultiSelect = true, Style = ChoiceInputStyle.Compact }.Add("A", "a").ToJson();

        Assert.True(text["isRequired"]!.GetValue<bool>());
        Assert.Equal("Required", text["errorMessage"]!.GetValue<string>());
        Assert.Equal(10, text["maxLength"]!.GetValue<int>());
        Assert.Equal("2026-01-02", date["min"]!.GetValue<string>());
        Assert.Equal("07:05", time["value"]!.GetValue<string>());
        Assert.Equal("compact", choice["style"]!.GetValue<string>());
        Assert.Equal("a", choice["choices"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Table_WritesColumnsRowsAndCells()
    {
        var json = new Table { Columns = { 1, 3 }, FirstRowAsHeader = true }.AddRow("A", "B").ToJson();

        Assert.Equal(3, json["columns"]![1]!["width"]!.GetValue<int>());
        Assert.Equal("TableRow", json["rows"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("B", json["rows"]![0]!["cells"]![1]!["items"]![0]!["text"]!.GetValue<string>());
        Assert.True(json["firstRowAsHeader"]!.GetValue<bool>());
    }

    [Fact]
    public void ShowCard_NestsACardWithoutVersion()
    {
        var json = new ShowCardAction("More", new AdaptiveCard { Body = { new TextBlock("n") } }).ToJson();

        Assert.Equal("AdaptiveCard", json["card"]!["type"]!.GetValue<string>());
        Assert.Null(json["card"]!["version"]);
    }

    [Fact]
    public void Attachment_IsTheAdaptiveCardEnvelope()
    {
        var attachment = new AdaptiveCard { Body = { new TextBlock("x") } }.ToAttachment();
        var message = new AdaptiveCard().ToMessage("summary");

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("AdaptiveCard", attachment.Content!["type"]!.GetValue<string>());
        Assert.Equal(ActivityTypes.Message, message.Type);
        Assert.Single(message.Attachments!);
    }

    [Fact]
    public void Size_IsTheUtf8LengthOfTheJson()
    {
        var small = new AdaptiveCard { Body = { new TextBlock("é") } };
        var large = new AdaptiveCard();
        for (var i = 0; i < 400; i++)
        {
            large.Body.Add(new TextBlock(new string('x', 100)));
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(small.ToJsonString()), small.GetSizeInBytes());
        Assert.True(small.GetSizeInBytes() < AdaptiveCard.RecommendedMaxBytes);
        Assert.True(large.GetSizeInBytes() > AdaptiveCard.RecommendedMaxBytes);
        Assert.True(CardSize.Utf8Bytes(large.ToMessage()) > large.GetSizeInBytes());
    }

    [Fact]
    public void SampleCard_IsUnderFortyKilobytes()
    {
        Assert.True(SampleCards.EveryElement().GetSizeInBytes() < AdaptiveCard.RecommendedMaxBytes);
    }

    [Fact]
    public void CardActionResponses_HaveTheUniversalActionShape()
    {
        var card = AdaptiveCardInvokeResponse.Card(new AdaptiveCard { Body = { new TextBlock("Thanks") } }).ToJson();
        var message = AdaptiveCardInvokeResponse.Message("Saved").ToJson();
        var error = AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Pick a score").ToJson();

        Assert.Equal(200, card["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["value"]!["type"]!.GetValue<string>());
        Assert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Saved"}""", message.ToJsonString());
        Assert.Equal("""{"statusCode":400,"type":"application/vnd.microsoft.error","value":{"code":"BadRequest","message":"Pick a score"}}""", error.ToJsonString());
    }

    [Fact]
    public void MessageExtensionResult_HasCardsWithThumbnailPreviews()
    {
        var response = MessagingExtensionResponse.Result([
            new MessagingExtensionItem(new AdaptiveCard { Body = { new TextBlock("Doc") } }, "Annual review template") { Text = "Word, 2 pages", TapValue = new { id = "doc-1" } },
        ]);

        Assert.Equal(200, response.Status);
        var extension = response.Body!["composeExtension"]!;
        Assert.Equal("result", extension["type"]!.GetValue<string>());
        Assert.Equal("list", extension["attachmentLayout"]!.GetValue<string>());
        var item = extension["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", item["contentType"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.thumbnail", item["preview"]!["contentType"]!.GetValue<string>());
        Assert.Equal("Annual review template", item["preview"]!["content"]!["title"]!.GetValue<string>());
        Assert.Equal("invoke", item["preview"]!["content"]!["tap"]!["type"]!.GetValue<string>());
        Assert.Equal("doc-1", item["preview"]!["content"]!["tap"]!["value"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void TaskModuleResponses_ContinueWithACardOrShowAMessage()
    {
        var fetch = TaskModuleResponse.Continue("Edit", new AdaptiveCard(), "large", "medium").Body!;
        var submit = TaskModuleResponse.Message("Saved").Body!;

        Assert.Equal("continue", fetch["task"]!["type"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", fetch["task"]!["value"]!["card"]!["contentType"]!.GetValue<string>());
        Assert.Equal("large", fetch["task"]!["value"]!["height"]!.GetValue<string>());
        Assert.Equal("""{"task":{"type":"message","value":"Saved"}}""", submit.ToJsonString());
    }

    [Fact]
    public void InvokeResponse_EmptyOk_IsAnEmptyObject()
    {
        var ok = InvokeResponse.EmptyOk();

        Assert.Equal(200, ok.Status);
        Assert.Equal("{}", ok.Body!.ToJsonString());
    }

    [Fact]
    public void Data_AcceptsJsonNodesAndElements()
    {
        var fromNode = new SubmitAction("s") { Data = new JsonObject { ["a"] = 1 } }.ToJson();
        var fromElement = new SubmitAction("s") { Data = System.Text.Json.JsonDocument.Parse("""{"b":2}""").RootElement }.ToJson();

        Assert.Equal(1, fromNode["data"]!["a"]!.GetValue<int>());
        Assert.Equal(2, fromElement["data"]!["b"]!.GetValue<int>());
    }
}
