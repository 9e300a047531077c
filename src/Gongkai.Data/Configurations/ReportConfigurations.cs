using Gongkai.Core.Catalog;
using Gongkai.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Configurations;

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> builder)
    {
        builder.ToTable("AnnualReports");
        builder.Property(r => r.Figures).AsJson("FiguresJson", () => EnteredFigures.None);
        builder.Property(r => r.Table4).AsJson("Table4Json", () => ReviewAndLitigationTable.Empty);
        builder.Property(r => r.Overview).HasMaxLength(20_000);
        builder.Property(r => r.Problems).HasMaxLength(20_000);
        builder.Property(r => r.OtherMatters).HasMaxLength(20_000);
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.HasUnsubmittedChanges);
        builder.HasIndex(r => new { r.OrganizationId, r.Year }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Record>().WithMany().HasForeignKey(r => r.RecordId).OnDelete(DeleteBehavior.SetNull);
    }
}
