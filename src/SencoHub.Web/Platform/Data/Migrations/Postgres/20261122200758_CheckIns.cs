using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "check_in_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AcademicYear = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    HalfTerm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    SchoolIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    SubmittedByPersonId = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    NumbersJson = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    SubmittedByPersonId = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FirstSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
