using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Postgres.Migrations
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "PublicationPeriodDays",
                table: "Records",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublicationPeriodInWorkingDays",
                table: "Records",
                type: "boolean",
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
