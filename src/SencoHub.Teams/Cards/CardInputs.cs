using System.Globalization;
using System.Text.Json.Nodes;

namespace SencoHub.Teams.Cards;

/// <summary>Inputs share <c>id</c> (the key in submitted data), <c>label</c>, <c>isRequired</c>, <c>errorMessage</c>.</summary>
public abstract class CardInput : CardElement
{
    private protected CardInput(string id) => Id = id;

    public string? Label { get; set; }
    public bool? IsRequired { get; set; }

    /// <summary>Shown when validation fails; required inputs need one (and a label).</summary>
    public string? ErrorMessage { get; set; }

    private protected JsonObject StartInput(string type)
    {
        var json = Start(type);
        Set(json, "label", Label);
        Set(json, "isRequired", IsRequired);
        Set(json, "errorMessage", ErrorMessage);
        return json;
    }
}

public sealed class TextInput(string id) : CardInput(id)
{
    public string? Placeholder { get; set; }
    public string? Value { get; set; }
    public int? MaxLength { get; set; }
    public bool? IsMultiline { get; set; }
    public TextInputStyle? Style { get; set; }
    public string? Regex { get; set; }

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.Text");
        Set(json, "placeholder", Placeholder);
        Set(json, "value", Value);
        Set(json, "maxLength", MaxLength);
        Set(json, "isMultiline", IsMultiline);
        Set(json, "style", Style);
        Set(json, "regex", Regex);
        return json;
    }
}

/// <summary><c>Input.Number</c>; the submitted value arrives as a string in practice: parse defensively.</summary>
public sealed class NumberInput(string id) : CardInput(id)
{
    public string? Placeholder { get; set; }
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.Number");
        Set(json, "placeholder", Placeholder);
        Set(json, "value", Value);
        Set(json, "min", Min);
        Set(json, "max", Max);
        return json;
    }
}

/// <summary><c>Input.Date</c>: values are <c>YYYY-MM-DD</c>.</summary>
internal sealed class DateInput(string id) : CardInput(id)
{
    public string? Placeholder { get; set; }
    public DateOnly? Value { get; set; }
    public DateOnly? Min { get; set; }
    public DateOnly? Max { get; set; }

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.Date");
        Set(json, "placeholder", Placeholder);
        Set(json, "value", Format(Value));
        Set(json, "min", Format(Min));
        Set(json, "max", Format(Max));
        return json;
    }

    private static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary><c>Input.Time</c>: values are <c>HH:mm</c>.</summary>
internal sealed class TimeInput(string id) : CardInput(id)
{
    public string? Placeholder { get; set; }
    public TimeOnly? Value { get; set; }
    public TimeOnly? Min { get; set; }
    public TimeOnly? Max { get; set; }

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.Time");
        Set(json, "placeholder", Placeholder);
        Set(json, "value", Format(Value));
        Set(json, "min", Format(Min));
        Set(json, "max", Format(Max));
        return json;
    }

    private static string? Format(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary><c>Input.Toggle</c>: submits <see cref="ValueOn"/>/<see cref="ValueOff"/> (default "true"/"false").</summary>
internal sealed class ToggleInput(string id, string title) : CardInput(id)
{
    public string Title { get; set; } = title;
    public string? Value { get; set; }
    public string? ValueOn { get; set; }
    public string? ValueOff { get; set; }
    public bool? Wrap { get; set; } = true;

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.Toggle");
        json["title"] = Title;
        Set(json, "value", Value);
        Set(json, "valueOn", ValueOn);
        Set(json, "valueOff", ValueOff);
        Set(json, "wrap", Wrap);
        return json;
    }
}

/// <summary><c>Input.ChoiceSet</c>; multi-select submits comma-separated values, so values must not contain commas.</summary>
public sealed class ChoiceSetInput(string id) : CardInput(id)
{
    public IList<Choice> Choices { get; } = [];
    public bool? IsMultiSelect { get; set; }
    public ChoiceInputStyle? Style { get; set; }
    public string? Value { get; set; }
    public string? Placeholder { get; set; }
    public bool? Wrap { get; set; } = true;

    public ChoiceSetInput Add(string title, string value)
    {
        Choices.Add(new Choice(title, value));
        return this;
    }

    public override JsonObject ToJson()
    {
        var json = StartInput("Input.ChoiceSet");
        json["choices"] = new JsonArray([.. Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
        Set(json, "isMultiSelect", IsMultiSelect);
        Set(json, "style", Style);
        Set(json, "value", Value);
        Set(json, "placeholder", Placeholder);
        Set(json, "wrap", Wrap);
        return json;
    }
}

public sealed record Choice(string Title, string Value);
