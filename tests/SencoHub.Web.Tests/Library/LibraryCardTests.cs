using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Tests.Cards;

namespace SencoHub.Web.Tests.Library;

public sealed class LibraryCardTests
{
    [SkippableFact]
    public async Task EveryLibraryCard_PassesValidation_StaysUnder40KB_AndEscapesWhatPeopleTyped()
    {
        await using var app = await LibraryTestKit.StartAsync(TestProvider.Sqlite);
        var title = "**Bold** [link](https://evil.example) " + new string('t', LibraryLimits.TitleLength - 40);
        var summary = new string('s', LibraryLimits.SummaryLength);
        var ids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await LibraryTestKit.AddResourceAsync(app, new ResourceMetadata($"{i} {title}"[..LibraryLimits.TitleLength], summary, ResourceCategory.Template,
                ReviewAreas.All, Enum.GetValues<NeedArea>(), Enum.GetValues<SencoHub.Web.Features.Directory.SchoolPhase>(), Enum.GetValues<Role>(), "nb-oak"),
                reviewedOn: new DateOnly(2024, 1, 1)));
        }

        var cards = await app.WithScopeAsync(async sp =>
        {
            var library = sp.GetRequiredService<LibraryCards>();
            var summaries = await sp.GetRequiredService<SearchLibrary>().SummariesAsync(ids, new DateOnly(2026, 11, 23));
            var person = new SignedInPerson(1, "aad", "**Name**", "a@b.c", [new RoleGrant(Role.Senco, "nb-oak")]);
            var approved = LibraryContribution.OfLink(summaries[0] is { } s ? new ResourceMetadata(s.Title, s.Summary, s.Category, s.ReviewAreas, s.NeedAreas, [], [], null) : null!,
                null, "https://example.org", null, person, DateTimeOffset.UnixEpoch);
            var rejected = LibraryContribution.OfLink(approved.Metadata, null, "https://example.org", null, person, DateTimeOffset.UnixEpoch);
            rejected.Reject(new string('r', LibraryLimits.ReasonLength), "**Lead**", DateTimeOffset.UnixEpoch);
            return new Dictionary<string, JsonNode>
            {
                ["resource"] = library.Resource(summaries[0]).ToJson(),
                ["stale-digest"] = library.StaleDigest([.. summaries.Take(15)], 20, 12, "Autumn 2 2026-27").ToJson(),
                ["contribution-approved"] = library.ContributionApproved(approved, 1, "**Lead**").ToJson(),
                ["contribution-rejected"] = library.ContributionRejected(rejected, "**Lead**").ToJson(),
            };
        });
        Assert.DoesNotContain("**Bold**", cards["resource"].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Not reviewed since", cards["resource"].ToJsonString(), StringComparison.Ordinal);
        await CardsTestSupport.AssertValidAsync(cards);
    }
}
