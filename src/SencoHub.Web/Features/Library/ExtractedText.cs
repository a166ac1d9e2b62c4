using System.Text;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Collects a document's text as it is read, piece by piece with where each piece is: every piece
/// is checked for pupil identifiers (the upload is refused naming the place), and the first
/// <see cref="LibraryLimits.IndexedTextLength"/> characters are kept for search.
/// </summary>
public sealed class ExtractedText(string kindOfFile)
{
    private readonly StringBuilder _indexed = new();
    private long _checked;

    public string IndexText => _indexed.ToString();

    public void Add(string location, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        _checked += text.Length;
        if (_checked > LibraryLimits.CheckedTextLength)
        {
            throw ProblemException.Invalid("file", $"This {kindOfFile} holds more text than SencoHub can check for pupil identifiers. Split it into smaller files and upload those.");
        }

        if (PupilDataGuard.ContainsUpn(text))
        {
            throw ProblemException.Invalid("file",
                $"This {kindOfFile} contains what looks like a pupil's unique pupil number (UPN: a letter followed by 12 digits), in {location}. SencoHub does not hold pupil-level data: remove it and upload the file again.");
        }

        var room = LibraryLimits.IndexedTextLength - _indexed.Length;
        if (room <= 1)
        {
            return;
        }

        var words = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (_indexed.Length > 0)
        {
            _indexed.Append(' ');
            room--;
        }

        _indexed.Append(words.Length <= room ? words : words[..room]);
    }
}
