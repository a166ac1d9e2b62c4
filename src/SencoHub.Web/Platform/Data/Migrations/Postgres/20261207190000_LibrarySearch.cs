using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, keep it when regenerating Initial: the library's full-text index, a stored
    /// tsvector ('english' configuration: stemming, stop words) weighted title A, tags and summary B,
    /// body D, with a GIN index. The table is outside the EF model and references no other table, so
    /// this migration works whichever side of a regenerated Initial it sorts on. Written by
    /// Features/Library (LibraryIndex), read by LibrarySearch.
    /// </summary>
    [DbContext(typeof(PostgresSencoHubDb))]
    [Migration("20261207190000_LibrarySearch")]
    public sealed class LibrarySearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE library_search_documents (
                    resource_id integer NOT NULL PRIMARY KEY,
                    title text NOT NULL,
                    summary text NOT NULL,
                    tags text NOT NULL,
                    body text NOT NULL,
                    document tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english'::regconfig, title), 'A')
                        || setweight(to_tsvector('english'::regconfig, tags), 'B')
                        || setweight(to_tsvector('english'::regconfig, summary), 'B')
                        || setweight(to_tsvector('english'::regconfig, body), 'D')) STORED);
                """);
            migrationBuilder.Sql("CREATE INDEX ix_library_search_documents_document ON library_search_documents USING GIN (document);");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_search_documents;");
        }
    }
}
