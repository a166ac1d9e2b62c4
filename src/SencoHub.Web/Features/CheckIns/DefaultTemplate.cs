using SencoHub.Web.Platform.Review;
namespace SencoHub.Web.Features.CheckIns;

/// <summary>The survey a new installation starts with; the SEND lead changes it in the tab.</summary>
public static class DefaultTemplate
{
    public static readonly IReadOnlyList<string> SelfEvaluationScale = ["Not yet in place", "Developing", "Established", "Strong and shared"];

    public static SurveyDefinition Create() => new()
    {
        Sections =
        [
            new SurveySection
            {
                Id = "counts",
                Title = "Numbers this half-term",
                Help = "Whole-school counts only: never pupils' names or identifiers.",
                Questions =
                [
                    Count("sen-support", "Pupils at SEN support", "On the SEND register at SEN support on the day you answer."),
                    Count("ehc-plans", "Pupils with an EHC plan", "Education, health and care plans in place on the day you answer."),
                    Count("ehc-requests", "EHC needs assessment requests this half-term", "Requests made by the school, or by families that you know of."),
                ],
            },
            new SurveySection
            {
                Id = "self-evaluation",
                Title = "Self-evaluation",
                Help = "Where is your school now in each review area? A short comment helps the trust target support.",
                Questions =
                [
                    .. Area(ReviewArea.Leadership, "leadership", "Leadership of SEND",
                        "Vision, accountability and the use of SEND resources are led from the top, not left to the SENCO."),
                    .. Area(ReviewArea.Identification, "identification", "Identifying need",
                        "Needs are spotted early and accurately, and the SEND register is reviewed regularly."),
                    .. Area(ReviewArea.TrackingAndMonitoring, "tracking", "Tracking and monitoring progress",
                        "Progress is measured from each pupil's starting point and the information is acted on."),
                    .. Area(ReviewArea.TeachingAndIntervention, "teaching", "High quality teaching and intervention",
                        "Adaptive teaching comes first; interventions are evidence-based and their impact is reviewed."),
                    .. Area(ReviewArea.DevelopingProvision, "provision", "Developing provision",
                        "Provision grows through partnerships, families' views and sharing practice between schools."),
                ],
            },
            new SurveySection
            {
                Id = "narrative",
                Title = "Wins and concerns",
                Questions =
                [
                    new SurveyQuestion { Id = "wins", Type = QuestionType.Long, Label = "Wins this half-term", Help = "What has gone well? No pupil names or identifiers." },
                    new SurveyQuestion
                    {
                        Id = "concerns", Type = QuestionType.Long, Label = "Concerns", Purpose = QuestionPurpose.Concerns,
                        Help = "Anything worrying you about SEND in your school. No pupil names or identifiers.",
                    },
                ],
            },
            new SurveySection
            {
                Id = "support",
                Title = "Support and training",
                Questions =
                [
                    new SurveyQuestion
                    {
                        Id = "support", Type = QuestionType.Multiple, Label = "Support you would like from the trust", Purpose = QuestionPurpose.SupportWanted,
                        Options =
                        [
                            new("educational-psychologist", "Educational psychologist"),
                            new("speech-language", "Speech and language therapy"),
                            new("training", "Training"),
                            new("send-review", "SEND review"),
                            new("advice-visit", "Advice visit"),
                            new("other", "Other"),
                        ],
                    },
                    new SurveyQuestion { Id = "support-detail", Type = QuestionType.Short, Label = "Anything more about the support you would like" },
                    new SurveyQuestion
                    {
                        Id = "cpd", Type = QuestionType.Multiple, Label = "CPD your staff need", Purpose = QuestionPurpose.CpdNeeds,
                        Options =
                        [
                            new("adaptive-teaching", "Adaptive teaching"),
                            new("communication", "Communication and interaction, including autism"),
                            new("cognition", "Cognition and learning"),
                            new("semh", "Social, emotional and mental health"),
                            new("sensory-physical", "Sensory and physical needs"),
                            new("teaching-assistants", "Deploying teaching assistants"),
                            new("statutory", "EHC needs assessments and annual reviews"),
                        ],
                    },
                ],
            },
            new SurveySection
            {
                Id = "wellbeing",
                Title = "You",
                Questions =
                [
                    new SurveyQuestion
                    {
                        Id = "wellbeing", Type = QuestionType.Rating, Label = "How are you doing as SENCO this half-term?", Required = true,
                        Purpose = QuestionPurpose.Wellbeing, Scale = ["Struggling", "Stretched", "Managing", "Good", "Thriving"],
                        Help = "Seen by the SEND lead, trustees and your headteacher, to plan support for SENCOs.",
                    },
                ],
            },
        ],
    };

    private static SurveyQuestion Count(string id, string label, string help) =>
        new() { Id = id, Type = QuestionType.Number, Label = label, Help = help, Required = true, Min = 0, Max = SurveyDefinition.MaxCount };

    private static SurveyQuestion[] Area(ReviewArea area, string id, string label, string help) =>
    [
        new() { Id = id, Type = QuestionType.Rating, Label = label, Help = help, Required = true, Area = area, Scale = SelfEvaluationScale },
        new() { Id = id + "-comment", Type = QuestionType.Short, Label = $"{label}: comment" },
    ];
}
