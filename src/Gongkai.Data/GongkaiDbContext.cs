using Gongkai.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>The database of record. The model is provider-neutral; each provider has its own migrations.</summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Record> Records => Set<Record>();
    public DbSet<IndexSerialCounter> IndexSerials => Set<IndexSerialCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}
