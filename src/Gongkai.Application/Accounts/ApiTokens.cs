using System.Security.Cryptography;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Accounts;

public sealed record IssuedToken(int Id, string Token);

/// <summary>
/// Personal API tokens for the integration API (an office-automation system pushing approved
/// documents). A token acts as its owner, with the owner's current roles; only its SHA-256 is kept.
/// </summary>
public sealed class ApiTokens(GongkaiDbContext db, AuditLog audit, TimeProvider time)
{
    public const string Scheme = "gk_";

    public async Task<IssuedToken> IssueAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var token = Scheme + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var entity = new ApiToken(actor.PersonId, Require.Text(name, "令牌名称", 100), token[..10], AuditEvent.Sha256(token), time.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(actor, AuditActions.TokenIssue, $"token:{entity.Id}", null, null, new { name = entity.Name, prefix = entity.Prefix }, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IssuedToken(entity.Id, token);
    }

    public Task<List<ApiToken>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.PersonId).OrderByDescending(t => t.CreatedAtUtc).ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || (token.UserId != actor.UserId && !actor.IsAdministrator))
        {
            throw new DomainException("该令牌不存在。");
        }
        token.Revoke(time.GetUtcNow().UtcDateTime);
        await audit.AppendAsync(actor, AuditActions.TokenRevoke, $"token:{token.Id}", null, null, null, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner of an active token, or null.</summary>
    public async Task<int?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Scheme, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }
        var hash = AuditEvent.Sha256(token);
        var entity = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (entity.LastUsedAtUtc is null || now - entity.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            entity.LastUsedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return entity.UserId;
    }
}
