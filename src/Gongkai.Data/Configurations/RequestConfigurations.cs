using System.Text.Json;
using Gongkai.Core.Catalog;
using Gongkai.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Configurations;

internal sealed class RequestCaseConfiguration : IEntityTypeConfiguration<RequestCase>
{
    public void Configure(EntityTypeBuilder<RequestCase> builder)
    {
        builder.ToTable("RequestCases");
        builder.Property(c => c.CaseNumber).HasMaxLength(40);
        builder.Property(c => c.QueryCodeHash).HasMaxLength(64);
        builder.Property(c => c.ApplicantKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.ReplyType).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ApplicantName).HasMaxLength(200);
        builder.Property(c => c.IdType).HasMaxLength(40);
        builder.Property(c => c.IdNumber).HasMaxLength(40);
        builder.Property(c => c.CreditCode).HasMaxLength(18);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Email).HasMaxLength(200);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.FormWanted).HasMaxLength(100);
        builder.Property(c => c.DeliveryMethod).HasMaxLength(100);
        builder.Property(c => c.ResponsibleAgency).HasMaxLength(RequestCase.ResponsibleAgencyMaxLength);
        builder.Property(c => c.ResponsibleAgencyContact).HasMaxLength(RequestCase.ResponsibleAgencyMaxLength);
        builder.Property(c => c.FeePaymentMethod).HasMaxLength(RequestCase.FeePaymentMethodMaxLength);
        builder.Ignore(c => c.AnswerForApplicant);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.Pauses).AsJson("PausesJson", () => new List<ClockPause>());
        builder.Ignore(c => c.DeadlineInputs);
        builder.HasIndex(c => c.CaseNumber).IsUnique();
        builder.HasIndex(c => c.QueryCodeHash).IsUnique();
        builder.HasIndex(c => new { c.OrganizationId, c.State });
        builder.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> builder)
    {
        builder.ToTable("LetterTemplates");
        builder.HasKey(t => t.Kind);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Body).HasMaxLength(8000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class HolidayNoticeConfiguration : IEntityTypeConfiguration<Gongkai.Core.Calendar.HolidayNotice>
{
    public void Configure(EntityTypeBuilder<Gongkai.Core.Calendar.HolidayNotice> builder)
    {
        builder.ToTable("HolidayNotices");
        builder.HasKey(n => n.Year);
        builder.Property(n => n.Year).ValueGeneratedNever();
        builder.Property(n => n.Source).HasMaxLength(300);
        builder.Property(n => n.UpdatedBy).HasMaxLength(256);
    }
}
