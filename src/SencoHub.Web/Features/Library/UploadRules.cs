using System.Text;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// What may be uploaded, judged by name before a byte of content is read: file types SencoHub can
/// check (refusing outright macro-enabled Office files, programs and archives, whatever the
/// configuration says), and a name made safe to show and download.
/// </summary>
public static class UploadRules
{
    /// <summary>Every type the inspector can prove; the configured list may narrow it, never widen it.</summary>
    public static IReadOnlyDictionary<string, string> CheckableTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
    };

    private static readonly HashSet<string> MacroEnabled = ["docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "xla", "pptm", "potm", "ppsm", "ppam", "sldm"];

    private static readonly HashSet<string> Programs =
    [
        "exe", "dll", "com", "bat", "cmd", "msi", "msp", "mst", "scr", "pif", "cpl", "sys", "drv", "ocx",
        "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta", "jar", "class", "sh", "bash",
        "py", "pl", "rb", "php", "app", "apk", "dmg", "pkg", "deb", "rpm", "lnk", "url", "reg", "inf", "appx", "msix",
        "html", "htm", "svg", "xhtml",
    ];

    private static readonly HashSet<string> Archives = ["zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "xz", "zst", "lz", "lzma", "cab", "iso", "img", "arj", "ace", "z"];

    private static readonly HashSet<string> WindowsDeviceNames =
        ["con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"];

    /// <summary>
    /// The name as shown and downloaded: no folders, no control or direction-changing characters
    /// (which can disguise <c>exe</c> as <c>pdf</c>), no characters Windows forbids, at most
    /// <see cref="LibraryLimits.FileNameLength"/> characters with the extension kept, and no pupil identifier.
    /// </summary>
    public static string SanitiseName(string? raw)
    {
        var name = (raw ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                or System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            clean.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "-" : rune.ToString());
        }

        // Leading dots stay (".docx" has no name); trailing ones go, as Windows drops them.
        name = string.Join(' ', clean.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(' ', '.');
        var dot = name.LastIndexOf('.');
        var stem = (dot > 0 ? name[..dot] : dot == 0 ? string.Empty : name).Trim(' ', '.');
        var extension = dot >= 0 ? name[(dot + 1)..].ToLowerInvariant() : string.Empty;
        if (stem.Length == 0)
        {
            throw ProblemException.Invalid("file", "The file needs a name, such as provision-map.docx.");
        }

        if (WindowsDeviceNames.Contains(stem.Split('.')[0].ToLowerInvariant()))
        {
            stem = "file-" + stem;
        }

        var room = LibraryLimits.FileNameLength - (extension.Length == 0 ? 0 : extension.Length + 1);
        if (stem.Length > room)
        {
            stem = stem[..room].TrimEnd(' ', '.');
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        var result = extension.Length == 0 ? stem : $"{stem}.{extension}";
        if (PupilDataGuard.ContainsUpn(result))
        {
            throw ProblemException.Invalid("file", "The file's name contains what looks like a pupil's unique pupil number (UPN). SencoHub does not hold pupil-level data: rename the file and upload it again.");
        }

        return result;
    }

    /// <summary>The extension (lower case, no dot) if this type may be uploaded; refuses with the reason otherwise.</summary>
    public static string CheckType(string fileName, IReadOnlyList<string> allowed)
    {
        var dot = fileName.LastIndexOf('.');
        var extension = dot >= 0 ? fileName[(dot + 1)..].ToLowerInvariant() : string.Empty;
        var list = string.Join(", ", allowed);
        if (MacroEnabled.Contains(extension))
        {
            throw ProblemException.Invalid("file", $"Macro-enabled Office files (.{extension}) are not accepted, because macros can run code. Save it without macros (as .docx, .xlsx or .pptx) and upload that.");
        }

        if (Programs.Contains(extension))
        {
            throw ProblemException.Invalid("file", $"Programs and scripts (.{extension}) are not accepted. Files that can be added: {list}.");
        }

        if (Archives.Contains(extension))
        {
            throw ProblemException.Invalid("file", $"Archives (.{extension}) are not accepted, because what is inside them cannot be checked. Upload the files themselves: {list}.");
        }

        if (extension.Length == 0 || !allowed.Contains(extension) || !CheckableTypes.ContainsKey(extension))
        {
            throw ProblemException.Invalid("file", extension.Length == 0
                ? $"The file's name has no extension, so its type is unknown. Files that can be added: {list}."
                : $".{extension} files are not accepted. Files that can be added: {list}.");
        }

        return extension;
    }

    public static string ContentTypeOf(string extension) => CheckableTypes[extension];
}
