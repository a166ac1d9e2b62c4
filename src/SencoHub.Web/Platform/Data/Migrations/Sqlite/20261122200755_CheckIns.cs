using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_in_response_revisions");

            migrationBuilder.DropTable(
                name: "check_in_responses");

            migrationBuilder.DropTable(
                name: "check_in_rounds");

            migrationBuilder.DropTable(
                name: "check_in_templates");
        }
    }
}
