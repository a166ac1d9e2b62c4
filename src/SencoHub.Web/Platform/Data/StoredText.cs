namespace SencoHub.Web.Platform.Data;

/// <summary>What a stored string holds, which decides whether the pupil-identifier guard reads it on save.</summary>
public enum StoredText
{
    /// <summary>Prose or a name a person typed (a page, the API, a card, a file they import): checked on every save.</summary>
    FreeText,

    /// <summary>JSON whose string values people typed (check-in answers, the survey template): every string value is checked on save.</summary>
    FreeTextJson,

    /// <summary>An id, key, code, date, e-mail or link whose format is checked where it is read; never prose.</summary>
    Identifier,

    /// <summary>Written by SencoHub itself (keys, card JSON, failure reasons), or a copy of text already checked as free text where it was typed (a person's name on a record).</summary>
    Generated,
}

/// <summary>
/// Says what an entity's string holds. Every string an entity stores carries one (ArchitectureTests),
/// so a new free-text column cannot be added without the write barrier reading it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class StoredTextAttribute(StoredText kind) : Attribute
{
    public StoredText Kind { get; } = kind;
}
