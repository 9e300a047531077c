using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnnualReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Records_PublisherId",
                table: "Records");

            migrationBuilder.AddColumn<string>(
                name: "DocumentKind",
                table: "Records",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Other"); // existing records are neither 规章 nor 行政规范性文件

            migrationBuilder.CreateTable(
                name: "AnnualReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    FiguresJson = table.Column<string>(type: "TEXT", nullable: false),
                    Table4Json = table.Column<string>(type: "TEXT", nullable: false),
                    Overview = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    OtherMatters = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Records_PublisherId_DocumentKind",
                table: "Records",
                columns: new[] { "PublisherId", "DocumentKind" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_OrganizationId_Year",
                table: "AnnualReports",
                columns: new[] { "OrganizationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_RecordId",
                table: "AnnualReports",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualReports");

            migrationBuilder.DropIndex(
                name: "IX_Records_PublisherId_DocumentKind",
                table: "Records");

            migrationBuilder.DropColumn(
                name: "DocumentKind",
                table: "Records");

            migrationBuilder.CreateIndex(
                name: "IX_Records_PublisherId",
                table: "Records",
                column: "PublisherId");
        }
    }
}
