using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RecordPublicationPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicationPeriodBasis",
                table: "Records",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublicationPeriodDays",
                table: "Records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublicationPeriodInWorkingDays",
                table: "Records",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublicationPeriodBasis",
                table: "Records");

            migrationBuilder.DropColumn(
                name: "PublicationPeriodDays",
                table: "Records");

            migrationBuilder.DropColumn(
                name: "PublicationPeriodInWorkingDays",
                table: "Records");
        }
    }
}
