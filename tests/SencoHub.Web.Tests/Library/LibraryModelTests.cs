using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.Library;

public sealed class LibraryModelTests
{
    [Fact]
    public void EveryTagValue_HasItsOwnBit_AndRoundTrips()
    {
        Assert.Equal(Enum.GetValues<ReviewArea>(), LibraryTags.ReviewAreas(LibraryTags.Bits(Enum.GetValues<ReviewArea>())).Order());
        Assert.Equal(Enum.GetValues<NeedArea>(), LibraryTags.NeedAreas(LibraryTags.Bits(Enum.GetValues<NeedArea>())).Order());
        Assert.Equal(Enum.GetValues<SchoolPhase>(), LibraryTags.Phases(LibraryTags.Bits(Enum.GetValues<SchoolPhase>())).Order());
        Assert.Equal(Enum.GetValues<Role>(), LibraryTags.Audiences(LibraryTags.Bits(Enum.GetValues<Role>())).Order());
        Assert.Equal(Enum.GetValues<ReviewArea>().Length, Enum.GetValues<ReviewArea>().Select(LibraryTags.Bit).Distinct().Count());
        Assert.Equal([NeedArea.SemhNeeds], LibraryTags.NeedAreas(LibraryTags.Bit(NeedArea.SemhNeeds)));
    }

    [Fact]
    public void Metadata_IsCheckedFieldByField()
    {
        var errors = new Dictionary<string, string[]>();
        var metadata = ResourceMetadata.Check(new ResourceMetadataInput
        {
            Title = "  Provision   map template ",
            Summary = "A termly provision map.",
            Category = "template",
            ReviewAreas = ["DevelopingProvision,Leadership"],
            NeedAreas = ["SemhNeeds", "semhneeds"],
            Phases = ["Primary"],
            Audiences = ["Senco", "Headteacher"],
        }, errors);

        Assert.Empty(errors);
        Assert.NotNull(metadata);
        Assert.Equal("Provision map template", metadata.Title);
        Assert.Equal(ResourceCategory.Template, metadata.Category);
        Assert.Equal([ReviewArea.Leadership, ReviewArea.DevelopingProvision], metadata.ReviewAreas);
        Assert.Equal([NeedArea.SemhNeeds], metadata.NeedAreas);
        Assert.Equal([Role.Senco, Role.Headteacher], metadata.Audiences);
    }

    [Fact]
    public void Metadata_WithAPupilIdentifierOrUnknownTags_IsRefusedWithEveryProblem()
    {
        var errors = new Dictionary<string, string[]>();
        var metadata = ResourceMetadata.Check(new ResourceMetadataInput
        {
            Title = "Plan for A123456789012",
            Summary = "Fine.",
            Category = "1",
            ReviewAreas = [],
            NeedAreas = ["Autism"],
            Phases = ["Nursery"],
            Audiences = ["Parents"],
        }, errors);

        Assert.Null(metadata);
        Assert.Equal(["audiences", "category", "needAreas", "phases", "reviewAreas", "title"], errors.Keys.Order());
        Assert.Contains("pupil", errors["title"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Visibility_FollowsTheAudience_AndTheSendLeadSeesEverything()
    {
        var forSencos = LibraryTags.Bits([Role.Senco]);
        Assert.True(LibraryResource.IsVisibleTo(0, [Role.Staff]));
        Assert.True(LibraryResource.IsVisibleTo(forSencos, [Role.Senco]));
        Assert.False(LibraryResource.IsVisibleTo(forSencos, [Role.Staff]));
        Assert.True(LibraryResource.IsVisibleTo(forSencos, [Role.SendLead]));
        Assert.False(LibraryResource.IsVisibleTo(forSencos, []));
    }

    [Fact]
    public void Staleness_CountsCalendarMonths()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.True(LibraryResource.IsStale(new DateOnly(2025, 11, 23), today, 12));
        Assert.False(LibraryResource.IsStale(new DateOnly(2025, 11, 24), today, 12));
    }
}
