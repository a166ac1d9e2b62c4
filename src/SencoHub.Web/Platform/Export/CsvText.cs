using System.Text;

namespace SencoHub.Web.Platform.Export;

/// <summary>
/// Reads RFC 4180 CSV as spreadsheets save it: an optional byte-order mark, CRLF, LF or CR line ends,
/// quoted fields holding commas, doubled quotes and line breaks. Blank lines are skipped.
/// </summary>
public static class CsvText
{
    /// <summary>Each record with its row number as a spreadsheet shows it (the header is row 1).</summary>
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 0;
        var i = text.StartsWith('\uFEFF') ? 1 : 0;
        while (i < text.Length)
        {
            var c = text[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                EndRecord();
            }
            else
            {
                field.Append(c);
            }
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            // Blank lines still count, so a row number points at the line a spreadsheet shows.
            row++;
            if (!fields.All(string.IsNullOrWhiteSpace))
            {
                records.Add(new CsvRecord(row, [.. fields]));
            }

            fields.Clear();
        }
    }
}

/// <summary>One CSV record; <see cref="Row"/> counts from 1 at the header, as a spreadsheet does.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields)
{
    public string this[int column] => column < Fields.Count ? Fields[column] : string.Empty;
}
