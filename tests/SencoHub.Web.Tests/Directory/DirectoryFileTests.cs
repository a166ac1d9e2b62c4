using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Tests.Directory;

public sealed class DirectoryFileTests
{
    private const string ValidTail = """
        "halfTerms": [ { "academicYear": "2026-27", "halfTerm": "Autumn1", "start": "2026-09-02", "end": "2026-10-23" } ] }
        """;

    [Fact]
    public void DemoTrust_IsValid_AndHasEveryRoleTheProductNeeds()
    {
        var directory = DirectoryFileReader.Read(DemoTrust.Json, []);

        Assert.True(directory.Schools.Count >= 6);
        Assert.True(directory.Schools.Select(s => s.Phase).Distinct().Count() >= 4);
        Assert.Contains(directory.People, p => p.Roles.Any(r => r.Role == Role.SendLead));
        Assert.Contains(directory.People, p => p.Roles.Any(r => r.Role == Role.Trustee));
        Assert.Contains(directory.People, p => p.Roles.Any(r => r.Role == Role.Staff));
        foreach (var school in directory.Schools)
        {
            Assert.Contains(directory.People, p => p.Roles.Contains(new RoleGrant(Role.Senco, school.Id)));
            Assert.Contains(directory.People, p => p.Roles.Contains(new RoleGrant(Role.Headteacher, school.Id)));
        }

        Assert.Contains(directory.People, p => p.Roles.Count(r => r.Role == Role.Senco) == 2);
        Assert.Equal(6, directory.HalfTerms.Count(h => h.AcademicYear == "2026-27"));
    }

    [Fact]
    public void NamesHoldingAPupilIdentifier_AreRefused_ByEntryAndField()
    {
        var ex = Refused("""
            { "trust": { "name": "T A700000000037" },
              "schools": [ { "id": "a", "name": "A\u200b700000000037 Primary", "urn": "100001", "phase": "Primary" } ],
              "people": [ { "aadObjectId": "p1", "name": "Sam A-7000-0000-0037", "email": "one@x.org", "roles": [] } ],
            """ + ValidTail);

        Assert.Contains("trust.name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("schools[0] (\"a\").name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("people[0] (\"p1\").name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unique pupil number", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("700000000037", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJson_IsRefusedWithItsPosition()
    {
        var ex = Assert.Throws<DirectoryFileException>(() => DirectoryFileReader.Read("{ \"trust\": { \"name\": \"X\" ", []));
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void DuplicateSchoolIds_NameTheEntryAndField()
    {
        var ex = Refused("""
            { "trust": { "name": "T" },
              "schools": [ { "id": "a", "name": "A", "urn": "100001", "phase": "Primary" },
                           { "id": "a", "name": "B", "urn": "100002", "phase": "Primary" } ],
              "people": [],
            """ + ValidTail);
        Assert.Contains("schools[1] (\"a\").id", ex.Message);
        Assert.Contains("more than one school", ex.Message);
    }

    [Fact]
    public void DuplicatePeople_AreRefused()
    {
        var ex = Refused("""
            { "trust": { "name": "T" }, "schools": [],
              "people": [ { "aadObjectId": "p1", "name": "One", "email": "one@x.org", "roles": [] },
                          { "aadObjectId": "p1", "name": "Two", "email": "two@x.org", "roles": [] } ],
            """ + ValidTail);
        Assert.Contains("people[1] (\"p1\").aadObjectId", ex.Message);
    }

    [Fact]
    public void UnknownRole_AndUnknownSchool_AreNamed()
    {
        var ex = Refused("""
            { "trust": { "name": "T" },
              "schools": [ { "id": "a", "name": "A", "urn": "100001", "phase": "Primary" } ],
              "people": [ { "aadObjectId": "not-a-guid", "name": "P", "email": "p@x.org",
                            "roles": [ { "role": "Caretaker", "school": "a" }, { "role": "Senco", "school": "zzz" } ] } ],
            """ + ValidTail);
        Assert.Contains("people[0] (\"not-a-guid\").roles[0].role: \"Caretaker\" is not a role", ex.Message);
        Assert.Contains("people[0] (\"not-a-guid\").roles[1].school: \"zzz\" is not a school", ex.Message);
        Assert.Contains("2 problems", ex.Message);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void BadUrn_IsRefused(string urn)
    {
        var ex = Refused($$"""
            { "trust": { "name": "T" },
              "schools": [ { "id": "a", "name": "A", "urn": "{{urn}}", "phase": "Primary" } ], "people": [],
            """ + ValidTail);
        Assert.Contains("schools[0] (\"a\").urn", ex.Message);
    }

    [Theory]
    [InlineData("2026-13-01", "2026-10-23", "halfTerms[0].start")]
    [InlineData("2026-09-02", "23/10/2026", "halfTerms[0].end")]
    [InlineData("2026-10-23", "2026-09-02", "halfTerms[0].end")]
    [InlineData("2027-09-02", "2027-10-23", "halfTerms[0].start")]
    public void BadDates_AreRefused(string start, string end, string field)
    {
        var ex = Refused($$"""
            { "trust": { "name": "T" }, "schools": [], "people": [],
              "halfTerms": [ { "academicYear": "2026-27", "halfTerm": "Autumn1", "start": "{{start}}", "end": "{{end}}" } ] }
            """);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void TrustWideRoleWithSchool_AndSchoolRoleWithout_AreRefused()
    {
        var ex = Refused("""
            { "trust": { "name": "T" },
              "schools": [ { "id": "a", "name": "A", "urn": "100001", "phase": "Special" } ],
              "people": [ { "aadObjectId": "p", "name": "P", "email": "p@x.org",
                            "roles": [ { "role": "SendLead", "school": "a" }, { "role": "Headteacher" } ] } ],
            """ + ValidTail);
        Assert.Contains("roles[0].school: SendLead is a trust-wide role", ex.Message);
        Assert.Contains("roles[1].school: Headteacher is a school role", ex.Message);
    }

    [Fact]
    public void RoleMayNameASchoolAlreadyInTheDirectory()
    {
        var directory = DirectoryFileReader.Read("""
            { "trust": { "name": "T" }, "schools": [],
              "people": [ { "aadObjectId": "p", "name": "P", "email": "p@x.org", "roles": [ { "role": "Staff", "school": "known" } ] } ],
            """ + ValidTail, ["known"]);
        Assert.Equal(new RoleGrant(Role.Staff, "known"), directory.People[0].Roles[0]);
    }

    [Fact]
    public void WrongType_IsRefusedAsMalformed()
    {
        var ex = Refused("""{ "trust": { "name": "T" }, "schools": {}, "people": [], "halfTerms": [] }""");
        Assert.Contains("not valid JSON", ex.Message);
    }

    private static DirectoryFileException Refused(string json) =>
        Assert.Throws<DirectoryFileException>(() => DirectoryFileReader.Read(json, []));
}
