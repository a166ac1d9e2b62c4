using System.Globalization;
using CsvHelper;

namespace SencoHub.Web.Platform.Export;

/// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads accents right), CRLF line ends.</summary>
public static class CsvExport
{
    public static byte[] Write(ExportTable table)
    {
        using var stream = new MemoryStream();
        stream.Write(System.Text.Encoding.UTF8.Preamble);
        var options = new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            WriteRow(csv, [.. table.Headers]);
            foreach (var row in table.Rows)
            {
                WriteRow(csv, row);
            }
        }

        return stream.ToArray();
    }

    private static void WriteRow(CsvWriter csv, object?[] cells)
    {
        foreach (var cell in cells)
        {
            var text = ExportTable.Text(cell);
            csv.WriteField(ExportTable.IsText(cell) ? FormulaInjection.Defuse(text) : text);
        }

        csv.EndRecord();
    }
}
