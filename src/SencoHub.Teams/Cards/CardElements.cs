using System.Text.Json.Nodes;

namespace SencoHub.Teams.Cards;

/// <summary><c>TextBlock</c>. Wraps by default; escape text from people with <see cref="CardText.Escape"/>.</summary>
public sealed class TextBlock(string text) : CardElement
{
    public string Text { get; set; } = text;
    public bool Wrap { get; set; } = true;
    public TextSize? Size { get; set; }
    public TextWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public bool? IsSubtle { get; set; }
    public int? MaxLines { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public TextBlockStyle? Style { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("TextBlock");
        json["text"] = Text;
        json["wrap"] = Wrap;
        Set(json, "size", Size);
        Set(json, "weight", Weight);
        Set(json, "color", Color);
        Set(json, "isSubtle", IsSubtle);
        Set(json, "maxLines", MaxLines);
        Set(json, "horizontalAlignment", HorizontalAlignment);
        Set(json, "style", Style);
        return json;
    }
}

/// <summary><c>RichTextBlock</c> of <see cref="TextRun"/>s (runs are not markdown-processed).</summary>
internal sealed class RichTextBlock : CardElement
{
    public IList<TextRun> Inlines { get; } = [];
    public HorizontalAlignment? HorizontalAlignment { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("RichTextBlock");
        SetArray(json, "inlines", Inlines, always: true);
        Set(json, "horizontalAlignment", HorizontalAlignment);
        return json;
    }
}

internal sealed class TextRun(string text) : CardNode
{
    public string Text { get; set; } = text;
    public TextSize? Size { get; set; }
    public TextWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public bool? IsSubtle { get; set; }
    public bool? Italic { get; set; }
    public bool? Strikethrough { get; set; }
    public bool? Underline { get; set; }
    public bool? Highlight { get; set; }

    public override JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = "TextRun", ["text"] = Text };
        Set(json, "size", Size);
        Set(json, "weight", Weight);
        Set(json, "color", Color);
        Set(json, "isSubtle", IsSubtle);
        Set(json, "italic", Italic);
        Set(json, "strikethrough", Strikethrough);
        Set(json, "underline", Underline);
        Set(json, "highlight", Highlight);
        return json;
    }
}

/// <summary><c>FactSet</c>: title/value pairs.</summary>
public sealed class FactSet : CardElement
{
    public IList<Fact> Facts { get; } = [];

    public FactSet Add(string title, string value)
    {
        Facts.Add(new Fact(title, value));
        return this;
    }

    public override JsonObject ToJson()
    {
        var json = Start("FactSet");
        json["facts"] = new JsonArray([.. Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]);
        return json;
    }
}

public sealed record Fact(string Title, string Value);

/// <summary><c>ColumnSet</c> of <see cref="Column"/>s.</summary>
internal sealed class ColumnSet : CardElement
{
    public IList<Column> Columns { get; } = [];
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("ColumnSet");
        SetArray(json, "columns", Columns, always: true);
        Set(json, "style", Style);
        Set(json, "bleed", Bleed);
        return json;
    }
}

/// <summary><c>Column</c>; <see cref="Width"/> is <c>auto</c>, <c>stretch</c>, a weight (<c>"2"</c>) or pixels (<c>"50px"</c>).</summary>
public sealed class Column : CardElement
{
    public IList<CardElement> Items { get; } = [];
    public string? Width { get; set; }
    public ContainerStyle? Style { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public CardAction? SelectAction { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("Column");
        SetArray(json, "items", Items, always: true);
        if (Width is not null)
        {
            json["width"] = int.TryParse(Width, out var weight) ? weight : Width;
        }

        Set(json, "style", Style);
        Set(json, "verticalContentAlignment", VerticalContentAlignment);
        if (SelectAction is not null)
        {
            json["selectAction"] = SelectAction.ToJson();
        }

        return json;
    }
}

/// <summary><c>Container</c>: groups items, optionally styled.</summary>
public sealed class Container : CardElement
{
    public IList<CardElement> Items { get; } = [];
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public CardAction? SelectAction { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("Container");
        SetArray(json, "items", Items, always: true);
        Set(json, "style", Style);
        Set(json, "bleed", Bleed);
        Set(json, "verticalContentAlignment", VerticalContentAlignment);
        if (SelectAction is not null)
        {
            json["selectAction"] = SelectAction.ToJson();
        }

        return json;
    }
}

/// <summary><c>Table</c> (schema 1.5): use it for tabular data, markdown tables are not rendered.</summary>
internal sealed class Table : CardElement
{
    /// <summary>Relative column widths.</summary>
    public IList<int> Columns { get; } = [];
    public IList<TableRow> Rows { get; } = [];
    public bool? FirstRowAsHeader { get; set; }
    public bool? ShowGridLines { get; set; }
    public ContainerStyle? GridStyle { get; set; }

    /// <summary>Adds a row of plain text cells.</summary>
    public Table AddRow(params string[] cells)
    {
        var row = new TableRow();
        foreach (var cell in cells)
        {
            row.Cells.Add(new TableCell { Items = { new TextBlock(cell) } });
        }

        Rows.Add(row);
        return this;
    }

    public override JsonObject ToJson()
    {
        var json = Start("Table");
        json["columns"] = new JsonArray([.. Columns.Select(w => (JsonNode)new JsonObject { ["width"] = w })]);
        SetArray(json, "rows", Rows, always: true);
        Set(json, "firstRowAsHeader", FirstRowAsHeader);
        Set(json, "showGridLines", ShowGridLines);
        Set(json, "gridStyle", GridStyle);
        return json;
    }
}

internal sealed class TableRow : CardNode
{
    public IList<TableCell> Cells { get; } = [];
    public ContainerStyle? Style { get; set; }

    public override JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = "TableRow" };
        SetArray(json, "cells", Cells, always: true);
        Set(json, "style", Style);
        return json;
    }
}

internal sealed class TableCell : CardNode
{
    public IList<CardElement> Items { get; } = [];
    public ContainerStyle? Style { get; set; }

    public override JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = "TableCell" };
        SetArray(json, "items", Items, always: true);
        Set(json, "style", Style);
        return json;
    }
}

/// <summary><c>Image</c>: HTTPS, PNG/JPEG/GIF, at most 1024×1024 and under 1 MB for Teams.</summary>
internal sealed class Image(string url) : CardElement
{
    public string Url { get; set; } = url;
    public string? AltText { get; set; }
    public ImageSize? Size { get; set; }
    public ImageStyle? Style { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("Image");
        json["url"] = Url;
        Set(json, "altText", AltText);
        Set(json, "size", Size);
        Set(json, "style", Style);
        Set(json, "horizontalAlignment", HorizontalAlignment);
        return json;
    }
}

/// <summary><c>ActionSet</c>: actions inside the body (needed for <c>fallback</c> on old clients).</summary>
public sealed class ActionSet : CardElement
{
    public IList<CardAction> Actions { get; } = [];

    public override JsonObject ToJson()
    {
        var json = Start("ActionSet");
        SetArray(json, "actions", Actions, always: true);
        return json;
    }
}
