using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SencoHub.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// Hand-written, keep it when regenerating Initial: the library's full-text index (FTS5, Porter
    /// stemmer, prefix indexes) over its own documents table, kept in step by triggers. The table is
    /// outside the EF model and references no other table, so this migration works whichever side of
    /// a regenerated Initial it sorts on. Written by Features/Library (LibraryIndex), read by LibrarySearch.
    /// </summary>
    [DbContext(typeof(SqliteSencoHubDb))]
    [Migration("20261207190000_LibrarySearch")]
    public sealed class LibrarySearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE library_search_documents (
                    resource_id INTEGER NOT NULL PRIMARY KEY,
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    body TEXT NOT NULL);
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE library_search USING fts5(
                    title, summary, tags, body,
                    content='library_search_documents', content_rowid='resource_id',
                    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_documents_inserted AFTER INSERT ON library_search_documents BEGIN
                    INSERT INTO library_search(rowid, title, summary, tags, body) VALUES (new.resource_id, new.title, new.summary, new.tags, new.body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_documents_deleted AFTER DELETE ON library_search_documents BEGIN
                    INSERT INTO library_search(library_search, rowid, title, summary, tags, body) VALUES ('delete', old.resource_id, old.title, old.summary, old.tags, old.body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_documents_updated AFTER UPDATE ON library_search_documents BEGIN
                    INSERT INTO library_search(library_search, rowid, title, summary, tags, body) VALUES ('delete', old.resource_id, old.title, old.summary, old.tags, old.body);
                    INSERT INTO library_search(rowid, title, summary, tags, body) VALUES (new.resource_id, new.title, new.summary, new.tags, new.body);
                END;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_search;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_search_documents;");
        }
    }
}
