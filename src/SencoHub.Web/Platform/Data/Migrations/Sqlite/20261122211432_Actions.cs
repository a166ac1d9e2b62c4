using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Actions : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_ReplacesTrackingKey",
                table: "outbox_messages",
                column: "ReplacesTrackingKey");

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
                name: "action_assignments");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_ReplacesTrackingKey",
                table: "outbox_messages");
        }
    }
}
