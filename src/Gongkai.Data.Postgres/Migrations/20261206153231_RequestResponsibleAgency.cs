using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RequestResponsibleAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResponsibleAgency",
                table: "RequestCases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleAgencyContact",
                table: "RequestCases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResponsibleAgency",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "ResponsibleAgencyContact",
                table: "RequestCases");
        }
    }
}
