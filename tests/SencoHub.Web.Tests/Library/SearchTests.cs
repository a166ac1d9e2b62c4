using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.Library;

/// <summary>The full-text engines themselves (FTS5 and PostgreSQL), through the search service.</summary>
public sealed class SearchTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Words_MatchInAnyOrder_Stemmed_AndAsPrefixesWhileTyping(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        var map = await AddAsync(app, "Provision map template", "A termly map of interventions.", body: "Record each intervention, its cost and its impact.");
        var ehc = await AddAsync(app, "EHC needs assessment request checklist", "What to gather before requesting an assessment.");
        await AddAsync(app, "Attendance policy", "Whole-school attendance.");

        Assert.Equal([ehc], await IdsAsync(app, "assessments"));
        Assert.Equal([ehc], await IdsAsync(app, "requesting"));
        Assert.Equal([map], await IdsAsync(app, "map provision"));
        Assert.Equal([map], await IdsAsync(app, "provi"));
        Assert.Equal([map], await IdsAsync(app, "interventions impact"));
        Assert.Equal([ehc], await IdsAsync(app, "checkl"));
        Assert.Empty(await IdsAsync(app, "provision checklist"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ATitleMatch_RanksAboveAMatchInTheText(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        var inBody = await AddAsync(app, "Staff handbook", "General guidance.", body: "A short section mentions scaffolding once among many other things to do in class.");
        var inTitle = await AddAsync(app, "Scaffolding strategies", "Ways to scaffold tasks.");
        Assert.Equal([inTitle, inBody], await IdsAsync(app, "scaffolding"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filters_NarrowTheResults_AndEachFacetCountsAsIfItsValueWereChosen(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        await AddAsync(app, "Provision map template", "Map.", ResourceCategory.Template, [ReviewArea.DevelopingProvision], [NeedArea.CognitionAndLearning], [SchoolPhase.Primary], school: "nb-oak");
        await AddAsync(app, "One-page profile template", "Profile.", ResourceCategory.Template, [ReviewArea.Identification], [NeedArea.SemhNeeds], [SchoolPhase.Primary, SchoolPhase.Secondary]);
        await AddAsync(app, "SEND policy", "Policy.", ResourceCategory.Policy, [ReviewArea.Leadership], [], [SchoolPhase.Secondary], school: "nb-riv");
        await AddAsync(app, "Zones of regulation guide", "Guide.", ResourceCategory.Guidance, [ReviewArea.TeachingAndIntervention], [NeedArea.SemhNeeds], []);

        var all = await SearchAsync(app, new LibraryQuery());
        Assert.Equal(4, all.Total);
        Assert.Equal(2, Count(all.Facets.Category, "Template"));
        Assert.Equal(2, Count(all.Facets.NeedArea, "SemhNeeds"));
        Assert.Equal(2, Count(all.Facets.Phase, "Secondary"));
        Assert.Equal(["Oakfield Primary", "Riverside Academy"], all.Facets.School.Select(f => f.Label));

        var templates = await SearchAsync(app, new LibraryQuery(Category: ResourceCategory.Template));
        Assert.Equal(2, templates.Total);
        // The chosen facet still counts the other categories; the others count within templates.
        Assert.Equal(1, Count(templates.Facets.Category, "Policy"));
        Assert.Equal(1, Count(templates.Facets.NeedArea, "SemhNeeds"));
        Assert.Equal(0, Count(templates.Facets.ReviewArea, "Leadership"));

        var semhSecondary = await SearchAsync(app, new LibraryQuery(NeedArea: NeedArea.SemhNeeds, Phase: SchoolPhase.Secondary));
        Assert.Equal(["One-page profile template"], semhSecondary.Items.Select(i => i.Title));
        Assert.Equal(["Riverside Academy"], (await SearchAsync(app, new LibraryQuery(SchoolId: "nb-riv"))).Items.Select(i => i.School!.Name));
        Assert.Equal(["Provision map template"], (await SearchAsync(app, new LibraryQuery("template", ReviewArea: ReviewArea.DevelopingProvision))).Items.Select(i => i.Title));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PeopleSeeOnlyWhatIsMeantForTheirRoles_AndCountsFollow(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        await AddAsync(app, "Annual SENCO report template", "For SENCOs.", audiences: [Role.Senco]);
        await AddAsync(app, "Adaptive teaching quick guide", "For everyone.");

        var staff = await SearchAsync(app, new LibraryQuery("template guide"), DemoTrust.StaffOf("nb-oak"));
        Assert.Equal(0, staff.Total);
        Assert.Equal(["Adaptive teaching quick guide"], (await SearchAsync(app, new LibraryQuery(), DemoTrust.StaffOf("nb-oak"))).Items.Select(i => i.Title));
        Assert.Equal(2, (await SearchAsync(app, new LibraryQuery(), DemoTrust.SencoOf("nb-oak"))).Total);
        Assert.Equal(0, Count((await SearchAsync(app, new LibraryQuery(), DemoTrust.StaffOf("nb-oak"))).Facets.Audience, "Senco"));
        Assert.Equal(2, (await SearchAsync(app, new LibraryQuery(), DemoTrust.SendLead)).Total);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheIndex_FollowsEveryWrite(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        var id = await AddAsync(app, "Sensory audit", "Checklist.", body: "lighting and noise");
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SencoHubDb>();
            var resource = await db.Set<LibraryResource>().FindAsync(id);
            await db.Entry(resource!).Collection(r => r.Versions).LoadAsync();
            resource!.Describe(resource.Metadata with { Title = "Environment walk" }, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            await sp.GetRequiredService<LibraryIndex>().WriteAsync(resource, body: null);
        });

        Assert.Empty(await IdsAsync(app, "sensory"));
        Assert.Equal([id], await IdsAsync(app, "environment"));
        Assert.Equal([id], await IdsAsync(app, "lighting"));

        await app.WithScopeAsync(sp => sp.GetRequiredService<LibraryIndex>().RemoveAsync(id));
        Assert.Empty(await IdsAsync(app, "lighting"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task QueryOperators_AreJustWords(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        var id = await AddAsync(app, "Speech and language near school", "Support.");
        foreach (var text in new[] { "\"speech", "speech*", "NEAR(speech language)", "speech OR", "-speech", "speech & !", "language:*", "' OR 1=1 --", "(((", "the" })
        {
            await SearchAsync(app, new LibraryQuery(text));
        }

        Assert.Equal([id], await IdsAsync(app, "NEAR(speech language)"));
    }

    [Fact]
    public void Terms_KeepLettersAndDigitsOnly()
    {
        Assert.Equal(["ehc", "plan", "2026"], SearchLibrary.Terms("EHC-plan \"2026\"* ehc"));
        Assert.Empty(SearchLibrary.Terms("  *** "));
    }

    private static int Count(IReadOnlyList<FacetCount> facet, string value) => facet.Single(f => f.Value == value).Count;

    private static async Task<IReadOnlyList<int>> IdsAsync(SencoHubApp app, string text) =>
        [.. (await SearchAsync(app, new LibraryQuery(text))).Items.Select(i => i.Id)];

    private static Task<SearchResults> SearchAsync(SencoHubApp app, LibraryQuery query, DemoPerson? person = null) =>
        app.WithScopeAsync(async sp =>
        {
            var signedIn = await sp.GetRequiredService<IPersonDirectory>().FindAsync((person ?? DemoTrust.SendLead).AadObjectId, CancellationToken.None);
            return await sp.GetRequiredService<SearchLibrary>().SearchAsync(query, signedIn!);
        });

    private static Task<int> AddAsync(SencoHubApp app, string title, string summary, ResourceCategory category = ResourceCategory.Guidance,
        IReadOnlyList<ReviewArea>? areas = null, IReadOnlyList<NeedArea>? needs = null, IReadOnlyList<SchoolPhase>? phases = null,
        string? school = null, IReadOnlyList<Role>? audiences = null, string body = "") =>
        LibraryTestKit.AddResourceAsync(app, new ResourceMetadata(title, summary, category, areas ?? [ReviewArea.TeachingAndIntervention], needs ?? [], phases ?? [], audiences ?? [], school), body);
}
