package cn.yinfeng.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log: filtered pages for the admin and the chain verification. */
@Service
public class AuditQueries {

    /** Result of walking the chain. {@code brokenAt} is the id of the first row that does not fit, if any. */
    public record Verification(boolean intact, long rowsChecked, Long brokenAt, String reason) {}

    public record Page(List<AuditEntry> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private static final Map<String, String> SORT_COLUMNS =
            Map.of("at", "id", "username", "username", "action", "action", "outcome", "outcome");

    private final JdbcClient jdbc;
    private final ZoneId zone;

    AuditQueries(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
    }

    @Transactional(readOnly = true)
    public Page search(AuditSearch s) {
        var where = new StringBuilder(" where true");
        var params = new java.util.HashMap<String, Object>();
        if (s.from() != null) {
            where.append(" and at >= :from");
            params.put("from", java.sql.Timestamp.from(s.from().atStartOfDay(zone).toInstant()));
        }
        if (s.to() != null) {
            where.append(" and at < :to");
            params.put("to", java.sql.Timestamp.from(s.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (s.username() != null) {
            where.append(" and lower(username) = lower(:username)");
            params.put("username", s.username());
        }
        if (s.action() != null) {
            where.append(" and action = :action");
            params.put("action", s.action());
        }
        if (s.outcome() != null) {
            where.append(" and outcome = :outcome");
            params.put("outcome", s.outcome().name());
        }
        long total = jdbc.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
        // the sort column comes from a fixed map, never from the request text
        String order = " order by " + SORT_COLUMNS.get(s.sort()) + " " + s.dir() + ", id " + s.dir();
        params.put("limit", s.size());
        params.put("offset", (long) s.page() * s.size());
        List<AuditEntry> rows = jdbc.sql("select * from audit_log" + where + order + " limit :limit offset :offset")
                .params(params).query(AuditQueries::map).list();
        return new Page(rows, total, s.page(), s.size());
    }

    /** The audit rows about one record, newest first (for the record's own timeline). */
    @Transactional(readOnly = true)
    public List<AuditEntry> forTarget(String targetType, Object targetId, int limit) {
        return jdbc.sql("select * from audit_log where target_type = :t and target_id = :id order by id desc limit :n")
                .param("t", targetType).param("id", String.valueOf(targetId)).param("n", limit)
                .query(AuditQueries::map).list();
    }

    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
    }

    /** Walks every row in order, recomputing each hash and checking each link. */
    @Transactional(readOnly = true)
    public Verification verify() {
        var state = new Object() {
            String prev = AuditChain.GENESIS;
            long checked;
            Long brokenAt;
            String reason;
        };
        var batch = new ArrayList<AuditEntry>();
        long lastId = 0;
        while (state.brokenAt == null) {
            batch.clear();
            batch.addAll(jdbc.sql("select * from audit_log where id > :after order by id limit 5000")
                    .param("after", lastId).query(AuditQueries::map).list());
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry e : batch) {
                if (!e.prevHash().equals(state.prev)) {
                    state.brokenAt = e.id();
                    state.reason = "link";
                    break;
                }
                if (!AuditChain.hash(e).equals(e.hash())) {
                    state.brokenAt = e.id();
                    state.reason = "content";
                    break;
                }
                state.prev = e.hash();
                state.checked++;
                lastId = e.id();
            }
        }
        return new Verification(state.brokenAt == null, state.checked, state.brokenAt, state.reason);
    }

    static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                (Long) rs.getObject("user_id"), rs.getString("username"), (Long) rs.getObject("region_id"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"), rs.getString("client_ip"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
