using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Features.Directory;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// A school's answer to a round: one per school per round. A revision replaces the answers and
/// appends to <see cref="CheckInResponseRevision"/>, which keeps every version that was sent.
/// </summary>
public sealed class CheckInResponse
{
    private CheckInResponse()
    {
    }

    public long Id { get; private set; }
    public int RoundId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string SchoolId { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeTextJson)]
    public string AnswersJson { get; private set; } = "{}";

    /// <summary>The whole-number answers alone, so results can read many rounds without their narrative.</summary>
    [StoredText(StoredText.Generated)]
    public string NumbersJson { get; private set; } = "{}";
    public int Revision { get; private set; }
    public int SubmittedByPersonId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string SubmittedBy { get; private set; } = string.Empty;
    public DateTimeOffset FirstSubmittedAt { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    public CheckInAnswers Answers => CheckInAnswers.Parse(AnswersJson);

    public static (CheckInResponse Response, CheckInResponseRevision History) Submit(
        int roundId, string schoolId, CheckInAnswers answers, int personId, string personName, DateTimeOffset at)
    {
        var response = new CheckInResponse { RoundId = roundId, SchoolId = schoolId, FirstSubmittedAt = at };
        return (response, response.Record(answers, personId, personName, at));
    }

    /// <summary>Replaces the answers; null when they are the same as now (a double press or a retry).</summary>
    public CheckInResponseRevision? Revise(CheckInAnswers answers, int personId, string personName, DateTimeOffset at) =>
        answers.SameAs(Answers) ? null : Record(answers, personId, personName, at);

    private CheckInResponseRevision Record(CheckInAnswers answers, int personId, string personName, DateTimeOffset at)
    {
        AnswersJson = answers.ToJson();
        NumbersJson = answers.NumbersToJson();
        Revision++;
        SubmittedByPersonId = personId;
        SubmittedBy = personName.Length > 200 ? personName[..200] : personName;
        SubmittedAt = at;
        return new CheckInResponseRevision(RoundId, SchoolId, Revision, AnswersJson, SubmittedByPersonId, SubmittedBy, at);
    }
}

/// <summary>One version of a school's answers as it was sent; never changed.</summary>
public sealed class CheckInResponseRevision(int roundId, string schoolId, int revision, string answersJson, int submittedByPersonId, string submittedBy, DateTimeOffset submittedAt)
{
    public long Id { get; private set; }
    public int RoundId { get; private set; } = roundId;
    [StoredText(StoredText.Identifier)]
    public string SchoolId { get; private set; } = schoolId;
    public int Revision { get; private set; } = revision;
    [StoredText(StoredText.FreeTextJson)]
    public string AnswersJson { get; private set; } = answersJson;
    public int SubmittedByPersonId { get; private set; } = submittedByPersonId;
    [StoredText(StoredText.Generated)]
    public string SubmittedBy { get; private set; } = submittedBy;
    public DateTimeOffset SubmittedAt { get; private set; } = submittedAt;
}

internal sealed class CheckInResponseConfiguration : IEntityTypeConfiguration<CheckInResponse>
{
    public void Configure(EntityTypeBuilder<CheckInResponse> builder)
    {
        builder.ToTable("check_in_responses");
        builder.Property(r => r.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(r => r.SubmittedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.RoundId, r.SchoolId }).IsUnique();
        builder.HasOne<CheckInRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.Answers);
    }
}

internal sealed class CheckInResponseRevisionConfiguration : IEntityTypeConfiguration<CheckInResponseRevision>
{
    public void Configure(EntityTypeBuilder<CheckInResponseRevision> builder)
    {
        builder.ToTable("check_in_response_revisions");
        builder.Property(r => r.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(r => r.SubmittedBy).HasMaxLength(200);
        // Two revisions racing for the same number: one insert fails and is retried.
        builder.HasIndex(r => new { r.RoundId, r.SchoolId, r.Revision }).IsUnique();
        builder.HasOne<CheckInRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
