using Gongkai.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.FullName).HasMaxLength(200);
        builder.Property(o => o.ShortName).HasMaxLength(100);
        builder.Property(o => o.IndexPrefix).HasMaxLength(18);
        builder.Property(o => o.PrefixKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.ReconsiderationBody).HasMaxLength(Organization.ReconsiderationBodyMaxLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(o => o.IndexPrefix).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.ToTable("Sites");
        builder.Property(s => s.Slug).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.SiteIdCode).HasMaxLength(10);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.IsRoot);
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> builder)
    {
        builder.ToTable("Terms");
        builder.Property(t => t.Vocabulary).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Label).HasMaxLength(100);
        builder.Property(t => t.Key).HasMaxLength(40);
        builder.HasIndex(t => new { t.Vocabulary, t.ParentId, t.Label }).IsUnique();
        builder.HasIndex(t => new { t.Vocabulary, t.Key }).IsUnique();
        builder.HasOne<Term>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndexSerialCounterConfiguration : IEntityTypeConfiguration<IndexSerialCounter>
{
    public void Configure(EntityTypeBuilder<IndexSerialCounter> builder)
    {
        builder.ToTable("IndexSerials");
        builder.HasKey(c => new { c.Prefix, c.Year });
        builder.Property(c => c.Prefix).HasMaxLength(18);
    }
}

internal sealed class RecordConfiguration : IEntityTypeConfiguration<Record>
{
    public void Configure(EntityTypeBuilder<Record> builder)
    {
        builder.ToTable("Records");
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.IndexPrefix).HasMaxLength(18);
        builder.Property(r => r.DocumentNumber).HasMaxLength(100);
        builder.Property(r => r.Procedure).HasMaxLength(200);
        builder.Property(r => r.WithdrawalReason).HasMaxLength(500);
        builder.HasOne<Record>().WithMany().HasForeignKey(r => r.InterpretsRecordId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Record>().WithMany().HasForeignKey(r => r.ReplacedByRecordId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Column).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DocumentKind).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.PublicationPeriodBasis).HasMaxLength(Core.Editorial.PublicationPeriod.BasisMaxLength);
        builder.Ignore(r => r.PublicationPeriod);
        // The annual report counts 规章 and 行政规范性文件 per organization (table 2).
        builder.HasIndex(r => new { r.PublisherId, r.DocumentKind });
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IndexNumber);
        builder.Ignore(r => r.HasIndexNumber);

        // An index number is unique and never reused (国办秘函〔2009〕6号).
        builder.HasIndex(r => new { r.IndexPrefix, r.IndexYear, r.IndexSerial }).IsUnique();
        // Newest public records across sites (home page, feeds).
        builder.HasIndex(r => new { r.State, r.PublishedAtUtc });
        // Covers the catalog's count and facet queries, so they read this index instead of the
        // rows (which carry the bodies): see docs/benchmarks.md, "Catalog page".
        builder.HasIndex(r => new { r.State, r.Column, r.SiteId, r.PublishedAtUtc, r.ThemeId, r.GenreId, r.PublisherId, r.PublishedOn })
            .HasDatabaseName("IX_Records_Catalog");
        builder.HasIndex(r => r.IsDemo);
        // Covers the statistics' year of records (by organization, theme and month, and lateness under
        // 条例 Art. 26): a year at a million records is read from this index instead of from rows that
        // carry the bodies (seconds; docs/benchmarks.md, "Statistics").
        builder.HasIndex(r => new { r.State, r.Column, r.PublishedAtUtc, r.PublisherId, r.ThemeId, r.PublishedOn, r.PublishedLate })
            .HasDatabaseName("IX_Records_Statistics");

        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.PublisherId).OnDelete(DeleteBehavior.Restrict);
        foreach (var termKey in new[]
                 {
                     nameof(Record.GenreId), nameof(Record.ThemeId), nameof(Record.EffectStatusId),
                     nameof(Record.DisclosureTermId), nameof(Record.DisclosureMethodId), nameof(Record.DisclosureScopeId),
                 })
        {
            builder.HasOne<Term>().WithMany().HasForeignKey(termKey).OnDelete(DeleteBehavior.Restrict);
        }

        builder.OwnsMany(r => r.Attachments, a =>
        {
            a.ToTable("Attachments");
            a.WithOwner().HasForeignKey("RecordId");
            a.HasKey(x => x.Id);
            a.Property(x => x.FileName).HasMaxLength(255);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StorageKey).HasMaxLength(300);
            a.Ignore(x => x.IsPublic);
        });
        builder.Navigation(r => r.Attachments).HasField("_attachments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(EntityTypeBuilder<SearchChange> builder)
    {
        builder.ToTable("SearchChanges");
        // No foreign key: the entry must outlive a deleted record, whose deletion it announces.
        builder.HasIndex(c => c.RecordId);
    }
}

internal sealed class SearchNodeConfiguration : IEntityTypeConfiguration<SearchNode>
{
    public void Configure(EntityTypeBuilder<SearchNode> builder)
    {
        builder.ToTable("SearchNodes");
        builder.HasKey(n => n.Name);
        builder.Property(n => n.Name).HasMaxLength(SearchNode.NameMaxLength);
    }
}
