using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Hosting;
using static SencoHub.Web.Tests.Library.TestDocuments;

namespace SencoHub.Web.Tests.Library;

/// <summary>Every way an upload is refused, on real files; and what an honest file gives search.</summary>
public sealed class UploadInspectionTests
{
    private const string Upn = "K123456789012";

    [Theory]
    [InlineData("plan.docm", "Macro-enabled")]
    [InlineData("tracker.xlsm", "Macro-enabled")]
    [InlineData("deck.pptm", "Macro-enabled")]
    [InlineData("setup.exe", "Programs")]
    [InlineData("report.pdf.exe", "Programs")]
    [InlineData("run.ps1", "Programs")]
    [InlineData("page.html", "Programs")]
    [InlineData("bundle.zip", "Archives")]
    [InlineData("bundle.7z", "Archives")]
    [InlineData("notes.txt", ".txt files are not accepted")]
    [InlineData("old.doc", ".doc files are not accepted")]
    [InlineData("README", "no extension")]
    public async Task TypesThatCannotBeProved_AreRefusedByName(string name, string reason)
    {
        var refusal = await RefusedAsync(name, Word(["Fine."]));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guide.pdf", "png")]
    [InlineData("guide.docx", "pdf")]
    [InlineData("photo.png", "pdf")]
    [InlineData("photo.jpg", "png")]
    [InlineData("sheet.xlsx", "pdf")]
    public async Task ContentThatDoesNotMatchItsExtension_IsRefused(string name, string actual)
    {
        var content = actual switch
        {
            "png" => Png,
            _ => Pdf("Hello"),
        };
        Assert.Contains("its content is not a", await RefusedAsync(name, content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipThatIsNotAnOfficePackage_IsRefused()
    {
        Assert.Contains("not a valid Word document", await RefusedAsync("plan.docx", Zip("word/document.xml", "<hello/>")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkbookRenamedAsADocument_IsRefused()
    {
        Assert.Contains("not a valid Word document", await RefusedAsync("plan.docx", Excel("Sheet1", ("A1", "Hello"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMacroEnabledDocumentRenamedDocx_IsRefused()
    {
        var docm = Word(["Looks harmless."], WordprocessingDocumentType.MacroEnabledDocument);
        Assert.Contains("macro-enabled", await RefusedAsync("plan.docx", docm), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADocumentWithAnEmbeddedFile_IsRefused()
    {
        var docx = Word(["See the attached workbook."], extra: d =>
        {
            var embedded = d.MainDocumentPart!.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
            using var data = new MemoryStream(Excel("Hidden", ("A1", "x")));
            embedded.FeedData(data);
        });
        Assert.Contains("embedded", await RefusedAsync("plan.docx", docx), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")]
    [InlineData("/OpenAction << /S /Launch /F (cmd.exe) >>")]
    [InlineData("/Names << /JavaScript << /Names [] >> >>")]
    [InlineData("/AA << >>")]
    public async Task APdfThatRunsSomethingWhenOpened_IsRefused(string catalogEntry)
    {
        Assert.Contains("scripts or actions", await RefusedAsync("guide.pdf", HandMadePdf(catalogEntry)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandMadePdfWithoutScripts_IsAccepted()
    {
        var inspected = await InspectAsync("guide.pdf", HandMadePdf());
        Assert.Equal("application/pdf", inspected.ContentType);
    }

    [Fact]
    public async Task APasswordProtectedPdf_IsRefused()
    {
        var encrypted = HandMadePdf(trailerExtra: "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> /U <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> >> /ID [<0011> <0011>]");
        var refusal = await RefusedAsync("guide.pdf", encrypted);
        Assert.True(refusal.Contains("password-protected", StringComparison.Ordinal) || refusal.Contains("not a valid PDF", StringComparison.Ordinal), refusal);
    }

    [Fact]
    public async Task ABrokenPdf_IsRefused()
    {
        Assert.Contains("not a valid PDF", await RefusedAsync("guide.pdf", "%PDF-1.7\nnothing else"u8.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberInAWordParagraph_IsRefusedNamingTheParagraph()
    {
        var refusal = await RefusedAsync("plan.docx", Word(["Title", "Some advice.", $"Pupil {Upn} needs support."]));
        Assert.Contains("in paragraph 3", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(Upn, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberSplitAcrossWordRuns_IsStillFound()
    {
        var docx = Word([], extra: d => d.MainDocumentPart!.Document.Body!.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
            new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("K12345")),
            new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("6789012")))));
        Assert.Contains("in paragraph 1", await RefusedAsync("plan.docx", docx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberInAWordHeader_IsRefused()
    {
        Assert.Contains("in a header", await RefusedAsync("plan.docx", WordWithHeader("Body text.", $"Ref {Upn}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberInTheDocumentProperties_IsRefused()
    {
        var docx = Word(["Body."], extra: d => d.PackageProperties.Title = $"Plan for {Upn}");
        Assert.Contains("in the document properties", await RefusedAsync("plan.docx", docx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberInASpreadsheetCell_IsRefusedNamingSheetAndCell()
    {
        var xlsx = Excel("Pupils", ("A1", "UPN"), ("B4", Upn));
        Assert.Contains("in sheet 'Pupils', cell B4", await RefusedAsync("tracker.xlsx", xlsx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberOnASlide_OrInItsNotes_IsRefusedNamingTheSlide()
    {
        Assert.Contains("in slide 2", await RefusedAsync("deck.pptx", PowerPoint(["Welcome", $"Case study {Upn}", "Questions"])), StringComparison.Ordinal);
        Assert.Contains("in the notes of slide 2", await RefusedAsync("deck.pptx", PowerPoint(["Welcome", "Case study"], notesOfLast: $"Mention {Upn}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APupilNumberOnAPdfPage_IsRefusedNamingThePage()
    {
        Assert.Contains("in page 3", await RefusedAsync("guide.pdf", Pdf("One", "Two", $"Three {Upn}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOverTheCap_IsRefusedWhileStreaming_AndAnEmptyOneToo()
    {
        var source = new CountingSource(10 * 1024 * 1024);
        var tooLarge = await Assert.ThrowsAsync<ProblemException>(() => SpooledFile.CopyAsync(source, 1024 * 1024, CancellationToken.None));
        Assert.Equal(413, tooLarge.Status);
        Assert.Contains("larger than 1 MB", tooLarge.Detail, StringComparison.Ordinal);
        Assert.True(source.Given < 2 * 1024 * 1024, "reading stopped soon after the cap");

        var empty = await Assert.ThrowsAsync<ProblemException>(() => SpooledFile.CopyAsync(new MemoryStream(), 1024, CancellationToken.None));
        Assert.Equal(400, empty.Status);
    }

    [Fact]
    public async Task TheSpool_IsDeletedWhenDisposed()
    {
        string path;
        await using (var spool = await SpooledFile.CopyAsync(new MemoryStream(Pdf("x")), 1024 * 1024, CancellationToken.None))
        {
            path = spool.Stream.Name;
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("C:\\Users\\me\\Desktop\\plan.docx", "plan.docx")]
    [InlineData("../../etc/plan.docx", "plan.docx")]
    [InlineData("  my   plan  .docx ", "my plan.docx")]
    [InlineData("plan\u202Excod.docx", "planxcod.docx")]
    [InlineData("a\tb\u0000c.PDF", "abc.pdf")]
    [InlineData("what?is:this*.pdf", "what-is-this-.pdf")]
    [InlineData("CON.docx", "file-CON.docx")]
    public void Names_AreMadeSafe(string raw, string expected)
    {
        Assert.Equal(expected, UploadRules.SanitiseName(raw));
    }

    [Fact]
    public void LongNames_AreCut_KeepingTheExtension_AndEmptyOrIdentifyingNamesAreRefused()
    {
        var name = UploadRules.SanitiseName(new string('a', 300) + ".docx");
        Assert.Equal(LibraryLimits.FileNameLength, name.Length);
        Assert.EndsWith(".docx", name, StringComparison.Ordinal);
        Assert.Throws<ProblemException>(() => UploadRules.SanitiseName("  .docx"));
        Assert.Throws<ProblemException>(() => UploadRules.SanitiseName("\u202E"));
        Assert.Contains("unique pupil number", Assert.Throws<ProblemException>(() => UploadRules.SanitiseName($"{Upn}.docx")).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAllowedTypes_CanBeNarrowedByConfiguration()
    {
        var onlyPdf = new LibraryOptions { Uploads = { AllowedExtensions = ["pdf"] } };
        var refusal = await Assert.ThrowsAsync<ProblemException>(() => InspectAsync("plan.docx", Word(["Fine."]), onlyPdf));
        Assert.Contains(".docx files are not accepted. Files that can be added: pdf.", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal("application/pdf", (await InspectAsync("guide.pdf", Pdf("Fine."), onlyPdf)).ContentType);
    }

    [Fact]
    public async Task HonestFiles_GiveTheirTextToSearch()
    {
        var docx = await InspectAsync("plan.docx", WordWithHeader("Assess, plan, do, review.", "Graduated approach"));
        Assert.Equal(("plan.docx", "docx"), (docx.FileName, docx.Extension));
        Assert.Contains("Assess, plan, do, review.", docx.IndexText, StringComparison.Ordinal);
        Assert.Contains("Graduated approach", docx.IndexText, StringComparison.Ordinal);

        var xlsx = await InspectAsync("map.xlsx", Excel("Provision map", ("A1", "Intervention"), ("B1", "Weekly cost")));
        Assert.Contains("Intervention", xlsx.IndexText, StringComparison.Ordinal);
        Assert.Contains("Provision map", xlsx.IndexText, StringComparison.Ordinal);

        var pptx = await InspectAsync("deck.pptx", PowerPoint(["Adaptive teaching", "Scaffolds"], notesOfLast: "Speaker notes"));
        Assert.Contains("Scaffolds", pptx.IndexText, StringComparison.Ordinal);
        Assert.Contains("Speaker notes", pptx.IndexText, StringComparison.Ordinal);

        var pdf = await InspectAsync("guide.pdf", Pdf("Page one words", "Page two words"));
        Assert.Contains("Page two words", pdf.IndexText, StringComparison.Ordinal);

        var png = await InspectAsync("chart.png", Png);
        Assert.Equal(("image/png", string.Empty), (png.ContentType, png.IndexText));
    }

    private static async Task<string> RefusedAsync(string name, byte[] content)
    {
        var refusal = await Assert.ThrowsAsync<ProblemException>(() => InspectAsync(name, content));
        Assert.Equal(400, refusal.Status);
        Assert.True(refusal.Errors.ContainsKey("file"));
        return refusal.Detail!;
    }

    private static async Task<InspectedFile> InspectAsync(string name, byte[] content, LibraryOptions? options = null)
    {
        await using var spool = await SpooledFile.CopyAsync(new MemoryStream(content), 50L * 1024 * 1024, CancellationToken.None);
        return await new UploadInspector(Options.Create(options ?? new LibraryOptions())).InspectAsync(name, spool);
    }

    private sealed class CountingSource(long length) : Stream
    {
        public long Given { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => Given;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Given);
            Given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
