package cn.yinfeng.supervision;

import cn.yinfeng.supervision.WarningFinder.Finding;
import cn.yinfeng.supervision.WarningRules.Rule;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluating the warning rules ({@link WarningRules}): each rule's query ({@link WarningFinder}) returns the causes
 * it finds now; {@link #evaluate} raises a warning for a new cause, updates level and detail of a known one, and
 * clears the warnings whose cause is gone (they stay as history). Reading warnings is {@link WarningList}'s.
 */
@Service
public class Warnings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WarningRules rules;
    private final WarningFinder finder;
    private final Inbox inbox;

    Warnings(JdbcClient jdbc, Clock clock, WarningRules rules, WarningFinder finder, Inbox inbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = rules;
        this.finder = finder;
        this.inbox = inbox;
    }

    /** Every enabled rule over the whole ledger; returns how many warnings are active afterwards. */
    @Transactional
    public int evaluate() {
        for (Rule rule : rules.rules()) {
            if (rule.enabled()) {
                reconcile(rule, finder.find(rule, null), null);
            }
        }
        return jdbc.sql("select count(*) from warning where cleared_at is null")
                .query(Integer.class)
                .single();
    }

    /** The project rules for one project: after it changed (in a transaction of its own, after the change's). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void evaluateProject(long projectId) {
        for (Rule rule : rules.rules()) {
            if (rule.enabled()
                    && !rule.code().equals("INDICATOR_BEHIND")
                    && !rule.code().equals("DUPLICATE_OPEN")) {
                reconcile(rule, finder.find(rule, projectId), projectId);
            }
        }
    }

    /** Raise, update, clear. {@code projectId}: only that project's warnings of the rule are cleared. */
    private void reconcile(Rule rule, List<Finding> findings, Long projectId) {
        Timestamp now = Timestamp.from(clock.instant());
        var keys = new ArrayList<String>();
        for (Finding f : findings) {
            keys.add(f.key());
            raise(rule, f, now);
        }
        String scope = projectId == null ? "" : " and subject_type = 'PROJECT' and subject_id = :pid";
        var spec = jdbc.sql("update warning set cleared_at = :now where rule_code = :rule and cleared_at is null"
                        + scope + (keys.isEmpty() ? "" : " and subject_key not in (:keys)"))
                .param("now", now)
                .param("rule", rule.code());
        if (projectId != null) {
            spec = spec.param("pid", projectId);
        }
        if (!keys.isEmpty()) {
            spec = spec.param("keys", keys);
        }
        spec.update();
    }

    /** A new cause raises a warning (and tells its owner); a known one updates its level and detail. */
    private void raise(Rule rule, Finding f, Timestamp now) {
        var raised = jdbc.sql("""
                insert into warning (rule_code, subject_type, subject_id, subject_key, region_id, owner_user_id,
                                     level, detail, raised_at, last_seen_at)
                values (:rule, :type, :sid, :key, :region, :owner, :level, cast(:detail as jsonb), :now, :now)
                on conflict (rule_code, subject_key) where cleared_at is null
                do update set level = excluded.level, detail = excluded.detail, region_id = excluded.region_id,
                              owner_user_id = excluded.owner_user_id, last_seen_at = excluded.last_seen_at
                returning id, (xmax = 0) as inserted
                """)
                .param("rule", rule.code())
                .param("type", f.subjectType())
                .param("sid", f.subjectId())
                .param("key", f.key())
                .param("region", f.regionId())
                .param("owner", f.ownerId())
                .param("level", f.level())
                .param("detail", JSON.writeValueAsString(f.detail()))
                .param("now", now)
                .query()
                .singleRow();
        if (Boolean.TRUE.equals(raised.get("inserted")) && f.ownerId() != null) {
            inbox.notify(
                    f.ownerId(),
                    "WARNING",
                    "inbox.warningRaisedOn",
                    List.of(Map.of("zh", rule.nameZh(), "en", rule.nameEn()), subjectLabel(f)),
                    "PROJECT".equals(f.subjectType())
                            ? "/projects/" + f.subjectId()
                            : "/supervision/warnings/" + raised.get("id"));
        }
    }

    /** What a warning is about, for its note: a project by name and code, a region, or the two projects of a pair. */
    private String subjectLabel(Finding f) {
        return switch (f.subjectType()) {
            case "PROJECT" ->
                jdbc.sql("select name || '（' || code || '）' from project where id = :id")
                        .param("id", f.subjectId())
                        .query(String.class)
                        .optional()
                        .orElse("#" + f.subjectId());
            case "REGION" ->
                jdbc.sql("select name from region where id = :id")
                        .param("id", f.subjectId())
                        .query(String.class)
                        .optional()
                        .orElse("#" + f.subjectId());
            default ->
                jdbc.sql("""
                        select string_agg(p.name || '（' || p.code || '）', ' / ' order by p.id)
                          from project p where p.id in (:a, :b)
                        """)
                        .param("a", idOf(f.detail().get("a"), f.subjectId()))
                        .param("b", idOf(f.detail().get("b"), f.subjectId()))
                        .query(String.class)
                        .optional()
                        .orElse("#" + f.subjectId());
        };
    }

    private static long idOf(Object v, long fallback) {
        return v instanceof Number n ? n.longValue() : v == null ? fallback : Long.parseLong(v.toString());
    }
}
