package cn.yinfeng.supervision;

import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.ProjectDuplicates;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.stats.Stats;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warning rules (data in {@code warning_rule}, with their numbers in {@code params}) and the warnings they raise.
 * Each rule is one query that returns the causes it finds now; {@link #evaluate} raises a warning for a new cause,
 * updates level and detail of a known one, and clears the warnings whose cause is gone (they stay as history).
 *
 * <ul>
 *   <li>STAGE_STALLED: a live project's stage has not changed for more days than its stage allows ({@code params}
 *       by stage); red beyond {@code redFactor} times that.</li>
 *   <li>NOT_STARTED: signed {@code months} ago and not started.</li>
 *   <li>NO_FOLLOWUP: a live project without a follow-up for {@code days}.</li>
 *   <li>FUNDS_BEHIND: funds arrived behind a linear schedule of the contract amount over {@code scheduleMonths}
 *       from signing: yellow when short by more than {@code yellowShare}, red beyond {@code redShare}.</li>
 *   <li>INDICATOR_BEHIND: a region's indicator behind its 序时进度 this year; yellow/red as the statistics light.</li>
 *   <li>DUPLICATE_OPEN: a cross-county duplicate candidate neither merged nor dismissed after {@code days}.</li>
 *   <li>REVIEW_WAITING: a submitted project waiting for review for more than {@code days}; red beyond
 *       {@code redFactor} times that.</li>
 * </ul>
 */
@Service
public class Warnings {

    private static final Logger log = LoggerFactory.getLogger(Warnings.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Rule(
            String code, String nameZh, String nameEn, String level, String params, boolean enabled, int sortOrder) {

        public String name(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    /** A cause found now. {@code key} identifies it across evaluations. */
    record Finding(
            String subjectType,
            long subjectId,
            String key,
            long regionId,
            Long ownerId,
            String level,
            Map<String, Object> detail) {}

    public record Warning(
            long id,
            String rule,
            String ruleName,
            String subjectType,
            long subjectId,
            String subjectName,
            long regionId,
            String regionName,
            Long ownerId,
            String ownerName,
            String level,
            Map<String, Object> detail,
            Instant raisedAt,
            Instant lastSeenAt,
            Instant clearedAt) {

        public boolean active() {
            return clearedAt == null;
        }
    }

    /** A project's light (2 red, 1 yellow, 0 green) and how many of its warnings are active. */
    public record Light(int level, int warnings) {}

    /** The lights of these projects from their active warnings (projects without one are green). */
    public Map<Long, Light> projectLights(java.util.Collection<Long> projectIds) {
        var out = new java.util.HashMap<Long, Light>();
        if (projectIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select w.subject_id, max(case w.level when 'RED' then 2 when 'YELLOW' then 1 else 0 end), count(*)
                  from warning w
                 where w.subject_type = 'PROJECT' and w.subject_id = any(:ids) and w.cleared_at is null
                 group by w.subject_id
                """).param("ids", projectIds.toArray(Long[]::new)).query(rs -> {
            out.put(rs.getLong(1), new Light(rs.getInt(2), rs.getInt(3)));
        });
        return out;
    }

    public record Search(
            String rule,
            String level,
            Long regionId,
            boolean history,
            Long ownerId,
            String sort,
            boolean desc,
            int page,
            int size) {}

    public record Count(String regionName, String rule, String ruleName, long yellow, long red) {}

    private static final String LIVE = "('RESERVE', 'NEGOTIATING', 'SIGNED', 'REGISTERED', 'STARTED')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Regions regions;
    private final ProjectDuplicates projectDuplicates;
    private final Stats stats;
    private final Inbox inbox;

    Warnings(
            JdbcClient jdbc,
            Clock clock,
            Regions regions,
            ProjectDuplicates projectDuplicates,
            Stats stats,
            Inbox inbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.regions = regions;
        this.projectDuplicates = projectDuplicates;
        this.stats = stats;
        this.inbox = inbox;
    }

    public List<Rule> rules() {
        return jdbc.sql("select * from warning_rule order by sort_order, code")
                .query((rs, n) -> new Rule(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("level"),
                        rs.getString("params"),
                        rs.getBoolean("enabled"),
                        rs.getInt("sort_order")))
                .list();
    }

    /** Every enabled rule over the whole ledger; returns how many warnings are active afterwards. */
    @Transactional
    public int evaluate() {
        for (Rule rule : rules()) {
            if (rule.enabled()) {
                reconcile(rule, find(rule, null), null);
            }
        }
        return jdbc.sql("select count(*) from warning where cleared_at is null")
                .query(Integer.class)
                .single();
    }

    /** The project rules for one project: after it changed (in a transaction of its own, after the change's). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void evaluateProject(long projectId) {
        for (Rule rule : rules()) {
            if (rule.enabled()
                    && !rule.code().equals("INDICATOR_BEHIND")
                    && !rule.code().equals("DUPLICATE_OPEN")) {
                reconcile(rule, find(rule, projectId), projectId);
            }
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    List<Finding> find(Rule rule, Long projectId) {
        Map<String, Object> p = params(rule);
        return switch (rule.code()) {
            case "STAGE_STALLED" ->
                jdbc.sql("""
                    select p.id, p.region_id, p.leader_user_id, p.stage, s.since, :today - s.since as days,
                           (cast(:params as jsonb) ->> p.stage)::int as allowed
                      from project p
                     cross join lateral (
                           select greatest(max(t.on_date), p.signed_on, p.registered_on, p.started_on,
                                           cast(p.created_at at time zone 'Asia/Shanghai' as date)) as since
                             from project_transition t where t.project_id = p.id) s
                     where p.stage in %s and (cast(:pid as bigint) is null or p.id = :pid)
                       and (cast(:params as jsonb) ->> p.stage) is not null
                       and :today - s.since > (cast(:params as jsonb) ->> p.stage)::int
                    """.formatted(LIVE))
                        .param("today", today())
                        .param("params", rule.params())
                        .param("pid", projectId)
                        .query((rs, n) -> {
                            int days = rs.getInt("days");
                            int allowed = rs.getInt("allowed");
                            boolean red = days > allowed * number(p, "redFactor", 2);
                            return new Finding(
                                    "PROJECT",
                                    rs.getLong("id"),
                                    String.valueOf(rs.getLong("id")),
                                    rs.getLong("region_id"),
                                    (Long) rs.getObject("leader_user_id", Long.class),
                                    red ? "RED" : "YELLOW",
                                    Map.of(
                                            "stage",
                                            rs.getString("stage"),
                                            "days",
                                            days,
                                            "allowed",
                                            allowed,
                                            "since",
                                            rs.getDate("since").toString()));
                        })
                        .list();
            case "NOT_STARTED" ->
                jdbc.sql("""
                    select p.id, p.region_id, p.leader_user_id, p.signed_on
                      from project p
                     where p.stage in ('SIGNED', 'REGISTERED') and p.started_on is null and p.signed_on is not null
                       and p.signed_on + make_interval(months => :months) < :today
                       and (cast(:pid as bigint) is null or p.id = :pid)
                    """)
                        .param("months", (int) number(p, "months", 6))
                        .param("today", today())
                        .param("pid", projectId)
                        .query((rs, n) -> new Finding(
                                "PROJECT",
                                rs.getLong("id"),
                                String.valueOf(rs.getLong("id")),
                                rs.getLong("region_id"),
                                (Long) rs.getObject("leader_user_id", Long.class),
                                rule.level(),
                                Map.of("signedOn", rs.getDate("signed_on").toString(), "months", (int)
                                        number(p, "months", 6))))
                        .list();
            case "NO_FOLLOWUP" ->
                jdbc.sql("""
                    select p.id, p.region_id, p.leader_user_id, l.last, :today - l.last as days
                      from project p
                     cross join lateral (
                           select greatest(max(f.on_date), cast(p.created_at at time zone 'Asia/Shanghai' as date)) as last
                             from project_followup f where f.project_id = p.id) l
                     where p.stage in %s and :today - l.last > :days
                       and (cast(:pid as bigint) is null or p.id = :pid)
                    """.formatted(LIVE))
                        .param("today", today())
                        .param("days", (int) number(p, "days", 30))
                        .param("pid", projectId)
                        .query((rs, n) -> new Finding(
                                "PROJECT",
                                rs.getLong("id"),
                                String.valueOf(rs.getLong("id")),
                                rs.getLong("region_id"),
                                (Long) rs.getObject("leader_user_id", Long.class),
                                rule.level(),
                                Map.of("last", rs.getDate("last").toString(), "days", rs.getInt("days"))))
                        .list();
            case "FUNDS_BEHIND" ->
                jdbc.sql("""
                    select p.id, p.region_id, p.leader_user_id, x.expected, x.arrived
                      from project p
                     cross join lateral (
                           select round(p.contract_amount * least(1.0,
                                        ((extract(year from age(:today, p.signed_on)) * 12
                                          + extract(month from age(:today, p.signed_on)))::numeric) / cast(:schedule as int)), 2)
                                      as expected,
                                  coalesce((select sum(f.amount) from project_fund f where f.project_id = p.id
                                             and f.approved_at is not null and f.deleted_at is null), 0) as arrived) x
                     where p.signed_on is not null and p.contract_amount > 0
                       and p.stage in ('SIGNED', 'REGISTERED', 'STARTED', 'PRODUCING', 'FULL_PRODUCTION')
                       and x.arrived < x.expected * (1 - :yellow)
                       and (cast(:pid as bigint) is null or p.id = :pid)
                    """)
                        .param("today", today())
                        .param("schedule", (int) number(p, "scheduleMonths", 24))
                        .param("yellow", java.math.BigDecimal.valueOf(number(p, "yellowShare", 0.2)))
                        .param("pid", projectId)
                        .query((rs, n) -> {
                            var expected = rs.getBigDecimal("expected");
                            var arrived = rs.getBigDecimal("arrived");
                            boolean red = arrived.compareTo(expected.multiply(java.math.BigDecimal.ONE.subtract(
                                            java.math.BigDecimal.valueOf(number(p, "redShare", 0.5)))))
                                    < 0;
                            return new Finding(
                                    "PROJECT",
                                    rs.getLong("id"),
                                    String.valueOf(rs.getLong("id")),
                                    rs.getLong("region_id"),
                                    (Long) rs.getObject("leader_user_id", Long.class),
                                    red ? "RED" : "YELLOW",
                                    Map.of("expected", expected.toPlainString(), "arrived", arrived.toPlainString()));
                        })
                        .list();
            case "REVIEW_WAITING" ->
                jdbc.sql("""
                    select p.id, p.region_id, s.at,
                           extract(epoch from (cast(:now as timestamptz) - s.at)) / 86400 as days
                      from project p
                     cross join lateral (select max(r.at) as at from project_review r
                                          where r.project_id = p.id and r.action = 'SUBMIT') s
                     where p.review_status = 'SUBMITTED' and s.at < cast(:now as timestamptz) - make_interval(days => :days)
                       and (cast(:pid as bigint) is null or p.id = :pid)
                    """)
                        .param("now", Timestamp.from(clock.instant()))
                        .param("days", (int) number(p, "days", 3))
                        .param("pid", projectId)
                        .query((rs, n) -> {
                            double days = rs.getDouble("days");
                            boolean red = days > number(p, "days", 3) * number(p, "redFactor", 2);
                            return new Finding(
                                    "PROJECT",
                                    rs.getLong("id"),
                                    String.valueOf(rs.getLong("id")),
                                    rs.getLong("region_id"),
                                    null,
                                    red ? "RED" : "YELLOW",
                                    Map.of("days", (int) Math.floor(days)));
                        })
                        .list();
            case "DUPLICATE_OPEN" -> duplicates(rule, p);
            case "INDICATOR_BEHIND" -> behindSchedule();
            default -> {
                log.warn("Unknown warning rule {} is ignored", rule.code());
                yield List.of();
            }
        };
    }

    private List<Finding> duplicates(Rule rule, Map<String, Object> p) {
        Region root = regions.find(regions.findRoot()).orElseThrow();
        Instant before = clock.instant().minus(java.time.Duration.ofDays((long) number(p, "days", 7)));
        var out = new ArrayList<Finding>();
        for (var pair : projectDuplicates.pairs(regions.scopeOf(root.id()))) {
            var row = jdbc.sql("select greatest(a.created_at, b.created_at) as at, b.region_id from project a, project "
                            + "b where a.id = :a and b.id = :b")
                    .param("a", pair.a())
                    .param("b", pair.b())
                    .query()
                    .singleRow();
            Instant seen = ((Timestamp) row.get("at")).toInstant();
            if (seen.isBefore(before)) {
                out.add(new Finding(
                        "PAIR",
                        pair.a(),
                        pair.a() + "-" + pair.b(),
                        ((Number) row.get("region_id")).longValue(),
                        null,
                        rule.level(),
                        Map.of("a", pair.a(), "b", pair.b(), "reason", pair.reason())));
            }
        }
        return out;
    }

    /** Every region below the root with targets this year, each indicator whose light is yellow or red. */
    private List<Finding> behindSchedule() {
        YearMonth now = YearMonth.now(clock.withZone(Projects.ZONE));
        var out = new ArrayList<Finding>();
        List<Long> withTargets = jdbc.sql("select distinct region_id from target where year = :y")
                .param("y", now.getYear())
                .query(Long.class)
                .list();
        for (long regionId : withTargets) {
            Region region = regions.find(regionId).orElse(null);
            if (region == null) {
                continue;
            }
            for (Stats.Line line :
                    stats.summaryOf(region, now.withMonth(1), now, null).indicators()) {
                if (line.light() == Stats.Light.YELLOW || line.light() == Stats.Light.RED) {
                    var detail = new HashMap<String, Object>();
                    detail.put("indicator", line.code());
                    detail.put(
                            "value", line.value() == null ? null : line.value().toPlainString());
                    detail.put(
                            "schedule",
                            line.schedule() == null ? null : line.schedule().toPlainString());
                    detail.put("target", line.target().toPlainString());
                    out.add(new Finding(
                            "REGION",
                            regionId,
                            regionId + ":" + line.code(),
                            regionId,
                            null,
                            line.light().name(),
                            detail));
                }
            }
        }
        return out;
    }

    /** Raise, update, clear. {@code projectId}: only that project's warnings of the rule are cleared. */
    private void reconcile(Rule rule, List<Finding> findings, Long projectId) {
        Timestamp now = Timestamp.from(clock.instant());
        var keys = new ArrayList<String>();
        for (Finding f : findings) {
            keys.add(f.key());
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
                        "inbox.warningRaised",
                        List.of(Map.of("zh", rule.nameZh(), "en", rule.nameEn())),
                        "/supervision/warnings/" + raised.get("id"));
            }
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

    private static Map<String, Object> params(Rule rule) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(rule.params(), Map.class);
        return m;
    }

    private static double number(Map<String, Object> params, String name, double fallback) {
        Object v = params.get(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    // ------------------------------------------------------------------ reading

    private static final String SELECT = """
            select w.*, wr.name_zh, wr.name_en, r.name as region_name, u.display_name as owner_name,
                   case w.subject_type when 'PROJECT' then p.name when 'REGION' then rr.name
                        else pa.name || ' / ' || pb.name end as subject_name
              from warning w
              join warning_rule wr on wr.code = w.rule_code
              join region r on r.id = w.region_id
              left join app_user u on u.id = w.owner_user_id
              left join project p on w.subject_type = 'PROJECT' and p.id = w.subject_id
              left join region rr on w.subject_type = 'REGION' and rr.id = w.subject_id
              left join project pa on w.subject_type = 'PAIR' and pa.id = (w.detail ->> 'a')::bigint
              left join project pb on w.subject_type = 'PAIR' and pb.id = (w.detail ->> 'b')::bigint
            """;

    private static final Map<String, String> SORTS = Map.of(
            "raised",
            "w.raised_at",
            "level",
            "w.level",
            "rule",
            "wr.sort_order",
            "region",
            "r.path",
            "seen",
            "w.last_seen_at");

    public PageResult<Warning> search(Search s, RegionScope scope, java.util.Locale locale) {
        var where = new ArrayList<String>();
        where.add(scope.where("w.region_id"));
        where.add(s.history() ? "true" : "w.cleared_at is null");
        Map<String, Object> params = new HashMap<>();
        if (s.rule() != null && !s.rule().isBlank()) {
            where.add("w.rule_code = :rule");
            params.put("rule", s.rule());
        }
        if (s.level() != null && !s.level().isBlank()) {
            where.add("w.level = :level");
            params.put("level", s.level());
        }
        if (s.regionId() != null) {
            where.add("w.region_id in (select id from region where path like (select path from region where id = "
                    + ":regionId) || '%')");
            params.put("regionId", s.regionId());
        }
        if (s.ownerId() != null) {
            where.add("w.owner_user_id = :owner");
            params.put("owner", s.ownerId());
        }
        String order = SORTS.getOrDefault(s.sort(), "w.raised_at") + (s.desc() ? " desc" : " asc") + ", w.id desc";
        String cond = String.join(" and ", where);
        long total = scope.bind(jdbc.sql("select count(*) from warning w join warning_rule wr on wr.code = "
                        + "w.rule_code join region r on r.id = w.region_id where " + cond))
                .params(params)
                .query(Long.class)
                .single();
        var rows = scope.bind(jdbc.sql(SELECT + " where " + cond + " order by " + order + " limit :size offset :off"))
                .params(params)
                .param("size", s.size())
                .param("off", s.page() * s.size())
                .query((rs, n) -> map(rs, locale))
                .list();
        return new PageResult<>(rows, total, s.page(), s.size());
    }

    public Warning get(long id, RegionScope scope, java.util.Locale locale) {
        return scope.bind(jdbc.sql(SELECT + " where w.id = :id and " + scope.where("w.region_id")))
                .param("id", id)
                .query((rs, n) -> map(rs, locale))
                .optional()
                .orElseThrow(() -> new NotFoundException("warning", id));
    }

    /** Active warnings by region and rule, for the bureau's board. */
    public List<Count> counts(RegionScope scope, java.util.Locale locale) {
        return scope.bind(jdbc.sql("""
                select r.name as region_name, wr.code, wr.name_zh, wr.name_en,
                       count(*) filter (where w.level = 'YELLOW') as yellow,
                       count(*) filter (where w.level = 'RED') as red
                  from warning w join warning_rule wr on wr.code = w.rule_code join region r on r.id = w.region_id
                 where w.cleared_at is null and %s
                 group by r.path, r.name, wr.sort_order, wr.code, wr.name_zh, wr.name_en
                 order by r.path, wr.sort_order
                """.formatted(scope.where("w.region_id"))))
                .query((rs, n) -> new Count(
                        rs.getString("region_name"),
                        rs.getString("code"),
                        "en".equals(locale.getLanguage()) ? rs.getString("name_en") : rs.getString("name_zh"),
                        rs.getLong("yellow"),
                        rs.getLong("red")))
                .list();
    }

    private static Warning map(java.sql.ResultSet rs, java.util.Locale locale) throws java.sql.SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = JSON.readValue(rs.getString("detail"), Map.class);
        Timestamp cleared = rs.getTimestamp("cleared_at");
        return new Warning(
                rs.getLong("id"),
                rs.getString("rule_code"),
                "en".equals(locale.getLanguage()) ? rs.getString("name_en") : rs.getString("name_zh"),
                rs.getString("subject_type"),
                rs.getLong("subject_id"),
                rs.getString("subject_name"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("owner_user_id", Long.class),
                rs.getString("owner_name"),
                rs.getString("level"),
                detail,
                rs.getTimestamp("raised_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(),
                cleared == null ? null : cleared.toInstant());
    }
}
