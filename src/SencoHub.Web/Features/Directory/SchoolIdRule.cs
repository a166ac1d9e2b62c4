using System.Diagnostics.CodeAnalysis;

namespace SencoHub.Web.Features.Directory;

/// <summary>
/// The one rule for a school id, the stable key a trust chooses (<c>nb-oak</c>): every column that holds one is
/// <see cref="MaxLength"/> long, and the directory file and card buttons are checked with <see cref="IsValid"/>.
/// </summary>
public static class SchoolIdRule
{
    public const int MaxLength = 64;

    /// <summary>The rule in words, for error messages.</summary>
    public static readonly string Rule = $"letters, digits, '-' or '_', starting with a letter or digit (at most {MaxLength} characters)";

    /// <summary>Only ASCII letters, digits, '-' and '_', so an id is safe in logs, keys and URLs.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
