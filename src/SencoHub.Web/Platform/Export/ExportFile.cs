using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Export;

/// <summary>The two spreadsheet formats every export offers.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// A finished download: what the browser saves, under which name and type. An API endpoint returns it as it is
/// (it describes itself in the OpenAPI document as a CSV or XLSX file).
/// </summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content) : IResult, IEndpointMetadataProvider
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Reads <c>?format=</c>; checked before any data is loaded.</summary>
    public static ExportFormat ParseFormat(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        "CSV" => ExportFormat.Csv,
        "XLSX" => ExportFormat.Xlsx,
        _ => throw ProblemException.Invalid("format", "Choose format=csv or format=xlsx."),
    };

    /// <summary>The table written as <paramref name="format"/>, saved as <paramref name="baseName"/> plus the extension.</summary>
    public static ExportFile From(ExportTable table, ExportFormat format, string baseName, string sheetName) => format switch
    {
        ExportFormat.Csv => new(baseName + ".csv", CsvType, CsvExport.Write(table)),
        _ => new(baseName + ".xlsx", XlsxType, XlsxExport.Write(table, sheetName)),
    };

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.File(Content, ContentType, FileName).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), [CsvType, XlsxType]));
}
