package cn.yinfeng.talent;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.Accounts.UserCard;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see talents' ID numbers and phones in full: only users an administrator has explicitly granted it to
 * (table {@code talent_pii_grant}), and even they see masked values until they ask for one talent's full values, a
 * separate request that leaves an audit row. Refusals are audited too. Grants and revocations are audited.
 */
@Service
public class TalentPii {

    /** The full values of one talent, for a granted user. */
    public record Revealed(long talentId, String name, String idNumber, String phone) {}

    public record Grant(
            long userId,
            String username,
            String displayName,
            String regionName,
            String reason,
            String grantedBy,
            String grantedAt) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Talents talents;
    private final TalentCrypto crypto;
    private final AuditLog audit;
    private final Accounts accounts;

    TalentPii(
            JdbcClient jdbc,
            CurrentUser currentUser,
            Talents talents,
            TalentCrypto crypto,
            AuditLog audit,
            Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.talents = talents;
        this.crypto = crypto;
        this.audit = audit;
    }

    /** Whether the signed-in user holds the grant. */
    public boolean granted() {
        return currentUser.get().map(u -> granted(u.id())).orElse(false);
    }

    boolean granted(long userId) {
        return jdbc.sql("select count(*) from talent_pii_grant where user_id = :u")
                        .param("u", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * The full ID number and phone of a talent in the caller's scope. Without the grant: denied, and the attempt is
     * audited. Not one transaction: the audit row of a refusal must survive the refusal, and the success row is
     * committed before any full value is returned.
     */
    public Revealed reveal(long talentId) {
        YinfengUser user = currentUser.require();
        var t = talents.talent(talentId); // 404 outside the scope
        if (!granted(user.id())) {
            audit.record("TALENT_PII_REVEAL", "talent", talentId, Outcome.DENIED, "no grant");
            throw new AccessDeniedException("no grant to see personal data");
        }
        var enc = talents.ciphertexts(talentId);
        audit.record("TALENT_PII_REVEAL", "talent", talentId, Outcome.SUCCESS, t.name());
        return new Revealed(
                talentId,
                t.name(),
                crypto.decrypt(enc.get("idNumber"), "talent.id_number"),
                crypto.decrypt(enc.get("phone"), "talent.phone"));
    }

    /** Full values for an export by a granted user (the export itself is audited by the caller). */
    String[] fullValues(long talentId) {
        var enc = talents.ciphertexts(talentId);
        return new String[] {
            crypto.decrypt(enc.get("idNumber"), "talent.id_number"), crypto.decrypt(enc.get("phone"), "talent.phone")
        };
    }

    // ------------------------------------------------------------------ grants (administrators)

    public List<Grant> grants() {
        requireAdmin();
        record Stored(long userId, String reason, long grantedBy, String grantedAt) {}
        var stored = jdbc.sql("""
                select g.user_id, g.reason, g.granted_by,
                       to_char(g.granted_at at time zone :zone, 'YYYY-MM-DD HH24:MI') as granted_at
                  from talent_pii_grant g order by g.granted_at desc
                """)
                .param("zone", cn.yinfeng.common.Times.ZONE.getId())
                .query((rs, n) -> new Stored(
                        rs.getLong("user_id"),
                        rs.getString("reason"),
                        rs.getLong("granted_by"),
                        rs.getString("granted_at")))
                .list();
        Map<Long, UserCard> users = accounts.cards(stored.stream()
                .flatMap(g -> Stream.of(g.userId(), g.grantedBy()))
                .collect(Collectors.toSet()));
        return stored.stream()
                .map(g -> {
                    UserCard user = users.get(g.userId());
                    return new Grant(
                            g.userId(),
                            user.username(),
                            user.displayName(),
                            user.regionName(),
                            g.reason(),
                            users.get(g.grantedBy()).username(),
                            g.grantedAt());
                })
                .toList();
    }

    @Transactional
    public void grant(String username, String reason) {
        YinfengUser admin = requireAdmin();
        var problems = new ArrayList<InvalidInputException.Problem>();
        Long userId = username == null ? null : accounts.idOf(username.trim()).orElse(null);
        if (userId == null) {
            problems.add(new InvalidInputException.Problem("username", "talent.grant.noUser"));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new InvalidInputException.Problem("reason", "validation.required"));
        }
        if (reason != null && reason.trim().length() > 500) {
            problems.add(new InvalidInputException.Problem("reason", "validation.tooLong", 500));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                insert into talent_pii_grant (user_id, reason, granted_by) values (:u, :r, :b)
                on conflict (user_id) do update set reason = excluded.reason, granted_by = excluded.granted_by,
                       granted_at = now()
                """)
                .param("u", userId)
                .param("r", reason.trim())
                .param("b", admin.id())
                .update();
        audit.record("TALENT_PII_GRANT", "app_user", userId, Outcome.SUCCESS, username + ": " + reason.trim());
    }

    @Transactional
    public void revoke(long userId) {
        requireAdmin();
        int n = jdbc.sql("delete from talent_pii_grant where user_id = :u")
                .param("u", userId)
                .update();
        if (n > 0) {
            audit.record("TALENT_PII_REVOKE", "app_user", userId, Outcome.SUCCESS, null);
        }
    }

    private YinfengUser requireAdmin() {
        YinfengUser u = currentUser.require();
        if (!u.isAdmin()) {
            throw new AccessDeniedException("grants are managed by administrators");
        }
        return u;
    }
}
