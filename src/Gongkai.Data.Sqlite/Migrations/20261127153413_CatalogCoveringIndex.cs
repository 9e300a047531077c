using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CatalogCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Records_State_SiteId_PublishedAtUtc",
                table: "Records");

            migrationBuilder.CreateIndex(
                name: "IX_Records_Catalog",
                table: "Records",
                columns: new[] { "State", "Column", "SiteId", "PublishedAtUtc", "ThemeId", "GenreId", "PublisherId", "PublishedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Records_Catalog",
                table: "Records");

            migrationBuilder.CreateIndex(
                name: "IX_Records_State_SiteId_PublishedAtUtc",
                table: "Records",
                columns: new[] { "State", "SiteId", "PublishedAtUtc" });
        }
    }
}
