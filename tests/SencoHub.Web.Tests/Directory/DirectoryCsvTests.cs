using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Export;

namespace SencoHub.Web.Tests.Directory;

/// <summary>People and schools from the spreadsheets a school office keeps, and from a GIAS export.</summary>
public sealed class DirectoryCsvTests
{
    [Fact]
    public void Csv_ReadsQuotedFieldsByteOrderMarkAndEveryLineEnd_NumberingRowsAsASpreadsheetDoes()
    {
        var records = CsvText.Parse("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\r\n\"two\r\nlines\",z\rlast,");

        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(2, records[1].Row);
        Assert.Equal(["two\r\nlines", "z"], records[2].Fields);
        Assert.Equal(4, records[2].Row);
        Assert.Equal(["last", string.Empty], records[3].Fields);
        Assert.Equal(4, records.Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SchoolsThenPeopleByEmail_AreImportedFromCsv(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var schools = await ImportAsync(lead, "\uFEFFurn,name,phase\r\n987654,\"Riverside Primary, Upper Site\",Primary\r\n987655,Hillcrest Academy,all-through\r\n");
        Assert.Equal(HttpStatusCode.OK, schools.StatusCode);
        var riverside = await app.WithDbAsync(db => db.Set<School>().SingleAsync(s => s.Urn == "987654"));
        Assert.Equal("Riverside Primary, Upper Site", riverside.Name);
        Assert.Equal(SchoolPhase.AllThrough, (await app.WithDbAsync(db => db.Set<School>().SingleAsync(s => s.Urn == "987655"))).Phase);

        var people = await ImportAsync(lead,
            "Email,Name,Role,School\r\nrobin.hart@trust.example,Robin Hart,Senco,987654\r\nROBIN.HART@trust.example,Robin Hart,Staff,Hillcrest Academy\r\nkim.lowe@trust.example,Kim Lowe,SendLead,\r\n");
        Assert.Equal(HttpStatusCode.OK, people.StatusCode);

        var listed = (await lead.GetFromJsonAsync<JsonArray>("/api/directory/people"))!;
        var robin = listed.Single(p => (string?)p!["name"] == "Robin Hart")!;
        Assert.True((bool)robin["waitingForFirstSignIn"]!);
        Assert.Equal(2, robin["roles"]!.AsArray().Count);
        Assert.Contains(robin["roles"]!.AsArray(), r => (string?)r!["schoolId"] == riverside.Id && (int)r["role"]! == (int)Role.Senco);
        Assert.Contains(listed, p => (string?)p!["name"] == "Kim Lowe");
    }

    [Fact]
    public async Task APeopleCsvWithMistakes_IsRefusedWithEveryProblemByRowAndColumn_AndNothingIsImported()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var school = DemoTrust.SchoolIds[0];
        var before = await app.WithDbAsync(db => db.Set<Person>().CountAsync());

        var response = await ImportAsync(lead,
            $"email,name,role,school\nok.person@trust.example,Ok Person,Senco,{school}\nnot-an-email,Bad Email,Staff,{school}\nthird@trust.example,Third,Teacher,{school}\n"
            + "fourth@trust.example,Fourth,Senco,Nowhere High\nfifth@trust.example,Fifth,Trustee,{school}\n".Replace("{school}", school, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"];
        Assert.Contains("4 problems", detail, StringComparison.Ordinal);
        Assert.Contains("Row 3, column 'email': 'not-an-email' is not an email address.", detail, StringComparison.Ordinal);
        Assert.Contains("Row 4, column 'role': 'Teacher' is not a role; use one of SendLead, Trustee, Senco, Headteacher, Staff.", detail, StringComparison.Ordinal);
        Assert.Contains("Row 5, column 'school': 'Nowhere High' is not a school in the directory", detail, StringComparison.Ordinal);
        Assert.Contains("Row 6, column 'school': Trustee is a trust-wide role, so leave the school empty.", detail, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Person>().CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.Email == "ok.person@trust.example")));
    }

    [Fact]
    public async Task AFileThatWouldLeaveNoSendLead_IsRefused_AndNothingChanges()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var leadEntry = JsonNode.Parse(DemoTrust.Json)!["people"]!.AsArray().First(p => (string?)p!["aadObjectId"] == DemoTrust.SendLead.AadObjectId)!;
        var sendLeads = await app.WithDbAsync(db => db.Set<RoleAssignment>().CountAsync(r => r.Role == Role.SendLead));
        Assert.Equal(1, sendLeads);

        // The only SEND lead, listed by email, now as staff.
        var response = await ImportAsync(lead, $"email,name,role,school\n{leadEntry["email"]},{leadEntry["name"]},Staff,{DemoTrust.SchoolIds[0]}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nobody would be a SEND lead", (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/api/directory/people")).StatusCode);
    }

    [Fact]
    public async Task AGiasExport_AddsOpenEstablishments_WithPhasesMappedToOurs()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        const string gias =
            "URN,LA (code),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name)\r\n"
            + "912001,123,Brook Primary,Academy converter,Open,Primary\r\n"
            + "912002,123,Brook Middle,Academy converter,Open,Middle deemed secondary\r\n"
            + "912003,123,Meadow School,Academy special converter,Open,Not applicable\r\n"
            + "912004,123,Bridge Centre,Academy alternative provision sponsor led,Open,Not applicable\r\n"
            + "912005,123,Old Brook Primary,Academy converter,Closed,Primary\r\n"
            + "912006,123,Brook All-through,Free schools,\"Open, but proposed to close\",All-through\r\n";

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(lead, gias)).StatusCode);

        var phases = await app.WithDbAsync(db => db.Set<School>().Where(s => s.Urn.StartsWith("912")).ToDictionaryAsync(s => s.Urn, s => s.Phase));
        Assert.Equal(SchoolPhase.Primary, phases["912001"]);
        Assert.Equal(SchoolPhase.Secondary, phases["912002"]);
        Assert.Equal(SchoolPhase.Special, phases["912003"]);
        Assert.Equal(SchoolPhase.AlternativeProvision, phases["912004"]);
        Assert.Equal(SchoolPhase.AllThrough, phases["912006"]);
        Assert.False(phases.ContainsKey("912005"));
    }

    [Fact]
    public async Task AGiasRowWithoutAPhaseWeUse_IsRefusedByRowAndColumn()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await ImportAsync(lead, "URN,EstablishmentName,PhaseOfEducation (name)\n912101,Some Place,Not applicable\n12345,Short Urn,Primary\n");

        var detail = (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"];
        Assert.Contains("Row 2, column 'PhaseOfEducation (name)': 'Not applicable' does not say", detail, StringComparison.Ordinal);
        Assert.Contains("Row 3, column 'URN': '12345' is not a URN", detail, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<School>().AnyAsync(s => s.Urn == "912101")));
    }

    [Fact]
    public async Task AFileSencoHubDoesNotKnow_IsAnsweredInPlainEnglish()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await ImportAsync(lead, "forename,surname,job\nJo,Bloggs,Teacher\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"];
        Assert.StartsWith("SencoHub does not recognise this file.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON at line", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/directory/templates/people.csv", "email,name,role,school")]
    [InlineData("/api/directory/templates/schools.csv", "urn,name,phase")]
    public async Task Templates_AreTheHeaderRowTheImportRecognises(string path, string header)
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await lead.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(header + "\r\n")), bytes);
        var staff = await app.ClientForAsync(DemoTrust.StaffOf(DemoTrust.SchoolIds[0]).AadObjectId);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(path)).StatusCode);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient lead, string csv) =>
        lead.PostAsync("/api/directory/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
