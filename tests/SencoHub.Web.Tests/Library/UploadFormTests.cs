using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Library;

namespace SencoHub.Web.Tests.Library;

public sealed class UploadFormTests
{
    [Fact]
    public async Task AFormFromHttpClient_IsReadFieldByField_WithItsFile()
    {
        using var content = LibraryTestKit.Form("plan.docx", TestDocuments.Word(["x"]), title: "Plan", phases: ["Primary", "Special"]);
        var context = new DefaultHttpContext();
        context.Request.ContentType = content.Headers.ContentType!.ToString();
        context.Request.Body = await content.ReadAsStreamAsync();
        await using var form = await UploadForm.ReadAsync(context.Request, new UploadInspector(Options.Create(new LibraryOptions())), 1024 * 1024, CancellationToken.None);
        Assert.Equal("plan.docx", form.FileName);
        Assert.NotNull(form.File);
        Assert.Equal("Plan", form.Field("title"));
        Assert.Equal(["Primary", "Special"], form.Fields("phases"));
    }
}
