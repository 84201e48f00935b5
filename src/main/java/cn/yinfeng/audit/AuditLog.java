package cn.yinfeng.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit rows. A row joins the caller's transaction when there is one, so an action that rolls back leaves
 * no "success" behind; failures and denials are recorded outside any business transaction by their callers.
 * Rows are chained under a transaction-scoped advisory lock so that concurrent writers cannot fork the chain, each
 * sealed with the keyed rule ({@link AuditChain#KEYED}, HMAC-SHA256 under {@code yinfeng.audit.key}).
 */
@Service
public class AuditLog {

    private static final long CHAIN_LOCK = 0x59_46_41_55_44_49_54L; // "YFAUDIT"
    private static final int DETAIL_MAX = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditKey key;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, AuditKey key) {
        this.jdbc = jdbc;
        this.key = key;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Records an event by the current user (taken from the security context), from the current request. */
    public void record(String action, String targetType, Object targetId, Outcome outcome, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        AuditActor actor = null;
        String username = null;
        if (auth != null && auth.isAuthenticated()) {
            if (auth.getPrincipal() instanceof AuditActor a) {
                actor = a;
            }
            username = auth.getName();
        }
        record(actor, username, action, targetType, targetId, outcome, detail, clientIp());
    }

    /** Records an event with an explicit actor, e.g. a failed login where nobody is signed in. */
    public void record(
            AuditActor actor,
            String username,
            String action,
            String targetType,
            Object targetId,
            Outcome outcome,
            String detail,
            String clientIp) {
        Long userId = actor == null ? null : actor.userId();
        Long regionId = actor == null ? null : actor.regionId();
        String name = actor != null ? actor.username() : username;
        String target = targetId == null ? null : truncate(String.valueOf(targetId), 128);
        String text = detail == null ? null : truncate(sanitize(detail), DETAIL_MAX);
        String ip = clientIp == null ? null : truncate(clientIp, 64);
        String user = name == null ? null : truncate(sanitize(name), 64);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)")
                    .param("lock", CHAIN_LOCK)
                    .query()
                    .singleRow();
            String prev = jdbc.sql("select hash from audit_log order by id desc limit 1")
                    .query(String.class)
                    .optional()
                    .orElse(AuditChain.GENESIS);
            String hash = AuditChain.keyed(
                    key.key(), prev, at, userId, user, regionId, action, targetType, target, outcome, text, ip);
            jdbc.sql("""
                    insert into audit_log (at, user_id, username, region_id, action, target_type, target_id,
                                           outcome, detail, client_ip, prev_hash, hash, hash_rule)
                    values (:at, :userId, :username, :regionId, :action, :targetType, :targetId,
                            :outcome, :detail, :ip, :prev, :hash, :rule)
                    """)
                    .param("at", Timestamp.from(at))
                    .param("userId", userId)
                    .param("username", user)
                    .param("regionId", regionId)
                    .param("action", action)
                    .param("targetType", targetType)
                    .param("targetId", target)
                    .param("outcome", outcome.name())
                    .param("detail", text)
                    .param("ip", ip)
                    .param("prev", prev)
                    .param("hash", hash)
                    .param("rule", AuditChain.KEYED)
                    .update();
        });
    }

    /** The newest row's id (0 when the log is empty): a mark to ask {@link #recordedSince} about later. */
    public long latestId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_log")
                .query(Long.class)
                .single();
    }

    /**
     * Whether anything but the {@code ignoring} actions was recorded after the row {@code id}: every write of the
     * platform records a row (in its own transaction, under the chain's lock, so rows become visible in id order),
     * so none means nothing was written since.
     */
    public boolean recordedSince(long id, Collection<String> ignoring) {
        return jdbc.sql("select exists (select 1 from audit_log where id > :id and action <> all(:ignoring))")
                .param("id", id)
                .param("ignoring", ignoring.toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    /** The address of the client of the current request, or of the request that started this background work. */
    public static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return BACKGROUND_CLIENT.get();
    }

    private static final ThreadLocal<String> BACKGROUND_CLIENT = new ThreadLocal<>();

    /**
     * Runs work outside any request (an import the page started, say) with the client address of the request that
     * started it, so its audit rows say where it came from as they would have in the request.
     */
    public static void forClient(String clientIp, Runnable work) {
        BACKGROUND_CLIENT.set(clientIp);
        try {
            work.run();
        } finally {
            BACKGROUND_CLIENT.remove();
        }
    }

    /** Control characters (CR, LF ...) would let a value forge lines in an exported log; they are escaped. */
    static String sanitize(String value) {
        var out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
