using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_feed_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RecipientAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ActivityType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviewText = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    WebUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TemplateParametersJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_feed_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StrategyPriorityId = table.Column<int>(type: "INTEGER", nullable: true),
                    StrategyPriorityKey = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    StrategyPriorityTitle = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    ReviewArea = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OwnerRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "check_in_templates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    TeamAadGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsDead = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeadReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "half_terms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AcademicYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_half_terms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "library_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMayContribute = table.Column<bool>(type: "INTEGER", nullable: false),
                    DemoSeededAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "library_store_cursors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Store = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Cursor = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_store_cursors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "non_school_days",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_non_school_days", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TargetConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ActivityJson = table.Column<string>(type: "TEXT", nullable: false),
                    TrackingKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReplacesTrackingKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IfUnreachable = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AttemptStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SentActivityId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SentConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "schools",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Urn = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "strategy_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Vision = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededByVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategy_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "teams_users",
                columns: table => new
                {
                    AadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_users", x => x.AadObjectId);
                });

            migrationBuilder.CreateTable(
                name: "trust",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DirectoryVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trust", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "action_assignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastUpdateAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_assignments_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_reminders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_reminders_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "check_in_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AcademicYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    HalfTerm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolIds = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_check_in_rounds_check_in_templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "check_in_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "library_resources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewAreaBits = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedAreaBits = table.Column<int>(type: "INTEGER", nullable: false),
                    PhaseBits = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceBits = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastReviewedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreItemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_resources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_library_resources_schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "role_assignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_role_assignments_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_role_assignments_schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "strategy_acknowledgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategy_acknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_strategy_acknowledgements_strategy_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "strategy_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "strategy_nudges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategy_nudges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_strategy_nudges_strategy_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "strategy_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "strategy_priorities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewArea = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SuccessMeasures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Timeframe = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategy_priorities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_strategy_priorities_strategy_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "strategy_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_acknowledgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssignmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_acknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_acknowledgements_action_assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "action_assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_updates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssignmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EvidenceUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RepeatKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_updates_action_assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "action_assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "check_in_response_revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_response_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_check_in_response_revisions_check_in_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "check_in_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "check_in_responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    NumbersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FirstSubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_check_in_responses_check_in_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "check_in_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "library_contributions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewAreaBits = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedAreaBits = table.Column<int>(type: "INTEGER", nullable: false),
                    PhaseBits = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceBits = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ForResourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IndexText = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ContributorPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContributorAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ContributorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_contributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_library_contributions_library_resources_ForResourceId",
                        column: x => x.ForResourceId,
                        principalTable: "library_resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_library_contributions_library_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "library_resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_library_contributions_schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "library_resource_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StoreKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    StoreVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StoreItemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WebUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AddedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddedByAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_resource_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_library_resource_versions_library_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "library_resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_acknowledgements_AssignmentId",
                table: "action_acknowledgements",
                column: "AssignmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_action_assignments_ActionId_SchoolId",
                table: "action_assignments",
                columns: new[] { "ActionId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_action_assignments_SchoolId",
                table: "action_assignments",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_action_feed_notifications_IdempotencyKey",
                table: "action_feed_notifications",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_action_feed_notifications_State_DueAt",
                table: "action_feed_notifications",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_action_reminders_ActionId_SchoolId_Kind_On",
                table: "action_reminders",
                columns: new[] { "ActionId", "SchoolId", "Kind", "On" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_action_reminders_once",
                table: "action_reminders",
                columns: new[] { "ActionId", "SchoolId", "Kind" },
                unique: true,
                filter: "\"Kind\" <> 'Overdue'");

            migrationBuilder.CreateIndex(
                name: "IX_action_updates_AssignmentId_RepeatKey",
                table: "action_updates",
                columns: new[] { "AssignmentId", "RepeatKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_actions_State_DueOn",
                table: "actions",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_check_in_response_revisions_RoundId_SchoolId_Revision",
                table: "check_in_response_revisions",
                columns: new[] { "RoundId", "SchoolId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_check_in_responses_RoundId_SchoolId",
                table: "check_in_responses",
                columns: new[] { "RoundId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_check_in_rounds_AcademicYear_HalfTerm",
                table: "check_in_rounds",
                columns: new[] { "AcademicYear", "HalfTerm" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_check_in_rounds_Sequence",
                table: "check_in_rounds",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_check_in_rounds_TemplateId",
                table: "check_in_rounds",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_check_in_templates_Version",
                table: "check_in_templates",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_ConversationId",
                table: "conversations",
                column: "ConversationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_Kind_UserAadObjectId",
                table: "conversations",
                columns: new[] { "Kind", "UserAadObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_half_terms_AcademicYear_Name",
                table: "half_terms",
                columns: new[] { "AcademicYear", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_library_contributions_ContributorPersonId",
                table: "library_contributions",
                column: "ContributorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_library_contributions_ForResourceId",
                table: "library_contributions",
                column: "ForResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_library_contributions_ResourceId",
                table: "library_contributions",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_library_contributions_SchoolId",
                table: "library_contributions",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_library_contributions_State_SubmittedAt",
                table: "library_contributions",
                columns: new[] { "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_library_resource_versions_ResourceId_Number",
                table: "library_resource_versions",
                columns: new[] { "ResourceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_library_resources_LastReviewedOn",
                table: "library_resources",
                column: "LastReviewedOn");

            migrationBuilder.CreateIndex(
                name: "IX_library_resources_SchoolId",
                table: "library_resources",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_library_resources_StoreItemId",
                table: "library_resources",
                column: "StoreItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_library_store_cursors_Store",
                table: "library_store_cursors",
                column: "Store",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_non_school_days_Date",
                table: "non_school_days",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_IdempotencyKey",
                table: "outbox_messages",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_ReplacesTrackingKey",
                table: "outbox_messages",
                column: "ReplacesTrackingKey");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_State_DueAt",
                table: "outbox_messages",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_TargetAadObjectId_State",
                table: "outbox_messages",
                columns: new[] { "TargetAadObjectId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Topic",
                table: "outbox_messages",
                column: "Topic");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_TrackingKey",
                table: "outbox_messages",
                column: "TrackingKey");

            migrationBuilder.CreateIndex(
                name: "IX_people_AadObjectId",
                table: "people",
                column: "AadObjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_role_assignments_PersonId_Role_SchoolId",
                table: "role_assignments",
                columns: new[] { "PersonId", "Role", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_role_assignments_SchoolId_Role",
                table: "role_assignments",
                columns: new[] { "SchoolId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_strategy_acknowledgements_VersionId_PersonId_SchoolId",
                table: "strategy_acknowledgements",
                columns: new[] { "VersionId", "PersonId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_strategy_nudges_VersionId_PersonId_On",
                table: "strategy_nudges",
                columns: new[] { "VersionId", "PersonId", "On" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_strategy_priorities_Key",
                table: "strategy_priorities",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_strategy_priorities_VersionId_Key",
                table: "strategy_priorities",
                columns: new[] { "VersionId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_strategy_versions_Number",
                table: "strategy_versions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_strategy_versions_one_draft",
                table: "strategy_versions",
                column: "State",
                unique: true,
                filter: "\"State\" = 'Draft'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_acknowledgements");

            migrationBuilder.DropTable(
                name: "action_feed_notifications");

            migrationBuilder.DropTable(
                name: "action_reminders");

            migrationBuilder.DropTable(
                name: "action_updates");

            migrationBuilder.DropTable(
                name: "check_in_response_revisions");

            migrationBuilder.DropTable(
                name: "check_in_responses");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "half_terms");

            migrationBuilder.DropTable(
                name: "library_contributions");

            migrationBuilder.DropTable(
                name: "library_resource_versions");

            migrationBuilder.DropTable(
                name: "library_settings");

            migrationBuilder.DropTable(
                name: "library_store_cursors");

            migrationBuilder.DropTable(
                name: "non_school_days");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "role_assignments");

            migrationBuilder.DropTable(
                name: "strategy_acknowledgements");

            migrationBuilder.DropTable(
                name: "strategy_nudges");

            migrationBuilder.DropTable(
                name: "strategy_priorities");

            migrationBuilder.DropTable(
                name: "teams_users");

            migrationBuilder.DropTable(
                name: "trust");

            migrationBuilder.DropTable(
                name: "action_assignments");

            migrationBuilder.DropTable(
                name: "check_in_rounds");

            migrationBuilder.DropTable(
                name: "library_resources");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "strategy_versions");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "check_in_templates");

            migrationBuilder.DropTable(
                name: "schools");
        }
    }
}
