package cn.yinfeng.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log: filtered pages for the admin and the chain verification. */
@Service
public class AuditQueries {

    /**
     * Result of walking the chain. {@code brokenAt} is the id of the first row that does not fit, or of the row a
     * checkpoint names that is gone; {@code reason} says what failed: {@code link} (not linked to the row before: a
     * row deleted or inserted), {@code content} (its hash does not fit its content: changed, or re-hashed without
     * the key), {@code rule} (an unkeyed row after keyed ones), {@code checkpoint-hash} (the row differs from what
     * a checkpoint recorded: the log was rewritten and re-hashed), {@code checkpoint-missing} (a checkpoint's row is
     * gone: rows deleted from the end), {@code checkpoint-file} (a line of the checkpoint file is not validly
     * signed), {@code checkpoint-unreadable}. {@code checkpointId} and {@code checkpointAt} name the checkpoint that
     * failed, otherwise the newest one, {@code rowBefore} the last row still there before a missing one,
     * {@code checkpointLine} its line in {@code checkpointFile}; {@code badLine} the
     * first line of that file that is not a validly signed checkpoint; {@code message} is the finding in the reader's language (API).
     */
    public record Verification(
            boolean intact,
            long rowsChecked,
            Long brokenAt,
            String reason,
            Long lastId,
            Long rowBefore,
            long checkpointsChecked,
            Long checkpointId,
            Instant checkpointAt,
            Integer checkpointLine,
            String checkpointFile,
            Integer badLine,
            String checkpointError,
            String message) {

        public Verification withMessage(String text) {
            return new Verification(
                    intact,
                    rowsChecked,
                    brokenAt,
                    reason,
                    lastId,
                    rowBefore,
                    checkpointsChecked,
                    checkpointId,
                    checkpointAt,
                    checkpointLine,
                    checkpointFile,
                    badLine,
                    checkpointError,
                    text);
        }
    }

    public record Page(List<AuditEntry> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private static final Map<String, String> SORT_COLUMNS =
            Map.of("at", "id", "username", "username", "action", "action", "outcome", "outcome");

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final AuditKey key;
    private final AuditCheckpoints checkpoints;

    AuditQueries(JdbcClient jdbc, Clock clock, AuditKey key, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
        this.key = key;
        this.checkpoints = checkpoints;
    }

    @Transactional(readOnly = true)
    public Page search(AuditSearch s) {
        var where = new StringBuilder(" where true");
        var params = new HashMap<String, Object>();
        if (s.from() != null) {
            where.append(" and at >= :from");
            params.put("from", Timestamp.from(s.from().atStartOfDay(zone).toInstant()));
        }
        if (s.to() != null) {
            where.append(" and at < :to");
            params.put(
                    "to", Timestamp.from(s.to().plusDays(1).atStartOfDay(zone).toInstant()));
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
        long total = jdbc.sql("select count(*) from audit_log" + where)
                .params(params)
                .query(Long.class)
                .single();
        // the sort column comes from a fixed map, never from the request text
        String order = " order by " + SORT_COLUMNS.get(s.sort()) + " " + s.dir() + ", id " + s.dir();
        params.put("limit", s.size());
        params.put("offset", (long) s.page() * s.size());
        List<AuditEntry> rows = jdbc.sql("select * from audit_log" + where + order + " limit :limit offset :offset")
                .params(params)
                .query(AuditQueries::map)
                .list();
        return new Page(rows, total, s.page(), s.size());
    }

    /** The audit rows about one record, newest first (for the record's own timeline). */
    @Transactional(readOnly = true)
    public List<AuditEntry> forTarget(String targetType, Object targetId, int limit) {
        return jdbc.sql("select * from audit_log where target_type = :t and target_id = :id order by id desc limit :n")
                .param("t", targetType)
                .param("id", String.valueOf(targetId))
                .param("n", limit)
                .query(AuditQueries::map)
                .list();
    }

    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_log order by action")
                .query(String.class)
                .list();
    }

    /**
     * Walks every row in order: each must link to the row before, carry the hash of its own rule (rule 1, the old
     * unkeyed one, only before the first keyed row) and, where a signed checkpoint names it, the checkpoint's hash;
     * then every checkpoint's row must still be there. Runs on the primary (not read-only): a replica behind the
     * primary would lack the newest checkpoint's row.
     */
    @Transactional
    public Verification verify() {
        var read = checkpoints.read();
        var byId = new HashMap<Long, List<AuditCheckpoints.Checkpoint>>();
        for (var cp : read.checkpoints()) {
            byId.computeIfAbsent(cp.id(), id -> new ArrayList<>()).add(cp);
        }
        var seen = new HashSet<Long>();
        var state = new Object() {
            String prev = AuditChain.GENESIS;
            boolean keyedSeen;
            long checked;
            Long lastId;
            Long brokenAt;
            Long rowBefore;
            String reason;
            AuditCheckpoints.Checkpoint against;
        };
        var batch = new ArrayList<Row>();
        long after = 0;
        while (state.brokenAt == null) {
            batch.clear();
            batch.addAll(jdbc.sql("select * from audit_log where id > :after order by id limit 5000")
                    .param("after", after)
                    .query((rs, n) -> new Row(map(rs, n), rs.getInt("hash_rule")))
                    .list());
            if (batch.isEmpty()) {
                break;
            }
            for (Row row : batch) {
                AuditEntry e = row.entry();
                String problem = null;
                if (!e.prevHash().equals(state.prev)) {
                    problem = "link";
                } else if (row.rule() == AuditChain.LEGACY && state.keyedSeen
                        || row.rule() != AuditChain.LEGACY && row.rule() != AuditChain.KEYED) {
                    problem = "rule";
                } else if (!AuditChain.same(AuditChain.expected(row.rule(), key.key(), e), e.hash())) {
                    problem = "content";
                } else {
                    for (var cp : byId.getOrDefault(e.id(), List.of())) {
                        if (!cp.hash().equals(e.hash())) {
                            problem = "checkpoint-hash";
                            state.against = cp;
                            break;
                        }
                    }
                }
                if (problem != null) {
                    state.brokenAt = e.id();
                    state.reason = problem;
                    break;
                }
                state.keyedSeen |= row.rule() == AuditChain.KEYED;
                state.prev = e.hash();
                state.checked++;
                state.lastId = e.id();
                if (byId.containsKey(e.id())) {
                    seen.add(e.id()); // only the ids checkpoints name: the walk holds no set of all rows
                }
                after = e.id();
            }
        }
        var newest = read.newest().orElse(null);
        if (state.brokenAt == null) {
            // every checkpoint names a row that is still there; the highest one missing says how far the end went
            var missing = read.checkpoints().stream()
                    .filter(cp -> !seen.contains(cp.id()))
                    .max(Comparator.comparingLong(AuditCheckpoints.Checkpoint::id));
            if (missing.isPresent()) {
                state.brokenAt = missing.get().id();
                state.rowBefore = jdbc.sql("select max(id) from audit_log where id < :id")
                        .param("id", missing.get().id())
                        .query(Long.class)
                        .optional()
                        .orElse(null);
                state.reason = "checkpoint-missing";
                state.against = missing.get();
            } else if (read.error() != null) {
                state.reason = "checkpoint-unreadable";
            } else if (read.badLine() > 0) {
                state.reason = "checkpoint-file";
            }
        }
        var shown = state.against != null ? state.against : newest;
        return new Verification(
                state.reason == null,
                state.checked,
                state.brokenAt,
                state.reason,
                state.lastId,
                state.rowBefore,
                read.checkpoints().size(),
                shown == null ? null : shown.id(),
                shown == null ? null : shown.at(),
                shown == null ? null : shown.line(),
                read.file().toString(),
                read.badLine() > 0 ? read.badLine() : null,
                read.error(),
                null);
    }

    private record Row(AuditEntry entry, int rule) {}

    static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                (Long) rs.getObject("user_id"),
                rs.getString("username"),
                (Long) rs.getObject("region_id"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"),
                rs.getString("client_ip"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
