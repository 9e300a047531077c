using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RequestFees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "FeeAmount",
                table: "RequestCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeBasis",
                table: "RequestCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeDueOn",
                table: "RequestCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeeMode",
                table: "RequestCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeNoticeOn",
                table: "RequestCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeePaidOn",
                table: "RequestCases",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FeeAmount",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "FeeBasis",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "FeeDueOn",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "FeeMode",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "FeeNoticeOn",
                table: "RequestCases");

            migrationBuilder.DropColumn(
                name: "FeePaidOn",
                table: "RequestCases");
        }
    }
}
