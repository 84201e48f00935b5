package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.util.List;
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

    TalentPii(JdbcClient jdbc, CurrentUser currentUser, Talents talents, TalentCrypto crypto, AuditLog audit) {
        this.jdbc = jdbc;
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
        return jdbc.sql("""
                select g.user_id, u.username, u.display_name, r.name as region_name, g.reason, b.username as granted_by,
                       to_char(g.granted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as granted_at
                  from talent_pii_grant g join app_user u on u.id = g.user_id join region r on r.id = u.region_id
                  join app_user b on b.id = g.granted_by order by g.granted_at desc
                """)
                .query((rs, n) -> new Grant(
                        rs.getLong("user_id"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("region_name"),
                        rs.getString("reason"),
                        rs.getString("granted_by"),
                        rs.getString("granted_at")))
                .list();
    }

    @Transactional
    public void grant(String username, String reason) {
        YinfengUser admin = requireAdmin();
        var problems = new java.util.ArrayList<InvalidInputException.Problem>();
        Long userId = username == null
                ? null
                : jdbc.sql("select id from app_user where username = :u")
                        .param("u", username.trim())
                        .query(Long.class)
                        .optional()
                        .orElse(null);
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
