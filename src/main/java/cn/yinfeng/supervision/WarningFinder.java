package cn.yinfeng.supervision;

import static cn.yinfeng.supervision.WarningRules.number;

import cn.yinfeng.approvals.MilestoneList;
import cn.yinfeng.projects.ProjectDuplicates;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.stats.Stats;
import cn.yinfeng.supervision.WarningRules.Rule;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.stereotype.Component;

/**
 * What each warning rule finds now: one query per rule, returning the causes it sees.
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
 *   <li>MILESTONE_OVERDUE: an approval step of a live project past its deadline and not done (the approvals
 *       module's {@link MilestoneList#overdue}), one warning per step, to the project's 包联 leader and county; red
 *       beyond {@code redDays} days over.</li>
 * </ul>
 */
@Component
class WarningFinder {

    private static final Logger log = LoggerFactory.getLogger(WarningFinder.class);

    /** A cause found now. {@code key} identifies it across evaluations. */
    record Finding(
            String subjectType,
            long subjectId,
            String key,
            long regionId,
            Long ownerId,
            String level,
            Map<String, Object> detail) {}

    private static final String LIVE = "('RESERVE', 'NEGOTIATING', 'SIGNED', 'REGISTERED', 'STARTED')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Regions regions;
    private final ProjectDuplicates projectDuplicates;
    private final Stats stats;
    private final MilestoneList milestones;

    WarningFinder(
            JdbcClient jdbc,
            Clock clock,
            Regions regions,
            ProjectDuplicates projectDuplicates,
            Stats stats,
            MilestoneList milestones) {
        this.milestones = milestones;
        this.jdbc = jdbc;
        this.clock = clock;
        this.regions = regions;
        this.projectDuplicates = projectDuplicates;
        this.stats = stats;
    }

    /** The causes of this rule now; {@code projectId}: only that project's (project rules only). */
    List<Finding> find(Rule rule, Long projectId) {
        Map<String, Object> p = WarningRules.params(rule);
        return switch (rule.code()) {
            case "STAGE_STALLED" -> stageStalled(rule, p, projectId);
            case "NOT_STARTED" -> notStarted(rule, p, projectId);
            case "NO_FOLLOWUP" -> noFollowup(rule, p, projectId);
            case "FUNDS_BEHIND" -> fundsBehind(p, projectId);
            case "REVIEW_WAITING" -> reviewWaiting(p, projectId);
            case "DUPLICATE_OPEN" -> duplicates(rule, p);
            case "INDICATOR_BEHIND" -> behindSchedule();
            case "MILESTONE_OVERDUE" -> milestonesOverdue(p, projectId);
            default -> {
                log.warn("Unknown warning rule {} is ignored", rule.code());
                yield List.of();
            }
        };
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    private List<Finding> stageStalled(Rule rule, Map<String, Object> p, Long projectId) {
        return jdbc.sql("""
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
                    return onProject(
                            rs,
                            leader(rs),
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
    }

    private List<Finding> notStarted(Rule rule, Map<String, Object> p, Long projectId) {
        return jdbc.sql("""
                    select p.id, p.region_id, p.leader_user_id, p.signed_on
                      from project p
                     where p.stage in ('SIGNED', 'REGISTERED') and p.started_on is null and p.signed_on is not null
                       and p.signed_on + make_interval(months => :months) < :today
                       and (cast(:pid as bigint) is null or p.id = :pid)
                    """)
                .param("months", (int) number(p, "months", 6))
                .param("today", today())
                .param("pid", projectId)
                .query((rs, n) -> onProject(
                        rs,
                        leader(rs),
                        rule.level(),
                        Map.of("signedOn", rs.getDate("signed_on").toString(), "months", (int) number(p, "months", 6))))
                .list();
    }

    private List<Finding> noFollowup(Rule rule, Map<String, Object> p, Long projectId) {
        return jdbc.sql("""
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
                .query((rs, n) -> onProject(
                        rs,
                        leader(rs),
                        rule.level(),
                        Map.of("last", rs.getDate("last").toString(), "days", rs.getInt("days"))))
                .list();
    }

    private List<Finding> fundsBehind(Map<String, Object> p, Long projectId) {
        return jdbc.sql("""
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
                .param("yellow", BigDecimal.valueOf(number(p, "yellowShare", 0.2)))
                .param("pid", projectId)
                .query((rs, n) -> {
                    var expected = rs.getBigDecimal("expected");
                    var arrived = rs.getBigDecimal("arrived");
                    boolean red = arrived.compareTo(expected.multiply(
                                    BigDecimal.ONE.subtract(BigDecimal.valueOf(number(p, "redShare", 0.5)))))
                            < 0;
                    return onProject(
                            rs,
                            leader(rs),
                            red ? "RED" : "YELLOW",
                            Map.of("expected", expected.toPlainString(), "arrived", arrived.toPlainString()));
                })
                .list();
    }

    private List<Finding> reviewWaiting(Map<String, Object> p, Long projectId) {
        return jdbc.sql("""
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
                    return onProject(rs, null, red ? "RED" : "YELLOW", Map.of("days", (int) Math.floor(days)));
                })
                .list();
    }

    private List<Finding> milestonesOverdue(Map<String, Object> p, Long projectId) {
        double redDays = number(p, "redDays", 30);
        return milestones.overdue(projectId).stream()
                .map(m -> new Finding(
                        "PROJECT",
                        m.projectId(),
                        m.projectId() + ":" + m.step(),
                        m.regionId(),
                        m.leaderId(),
                        m.daysOver() > redDays ? "RED" : "YELLOW",
                        Map.of(
                                "step",
                                m.stepName(),
                                "unit",
                                m.unit(),
                                "deadline",
                                m.deadline().toString(),
                                "daysOver",
                                m.daysOver())))
                .toList();
    }

    /** A cause on the project of this row ({@code id}, {@code region_id}). */
    private static Finding onProject(ResultSet rs, Long ownerId, String level, Map<String, Object> detail)
            throws SQLException {
        long id = rs.getLong("id");
        return new Finding("PROJECT", id, String.valueOf(id), rs.getLong("region_id"), ownerId, level, detail);
    }

    private static Long leader(ResultSet rs) throws SQLException {
        return rs.getObject("leader_user_id", Long.class);
    }

    private List<Finding> duplicates(Rule rule, Map<String, Object> p) {
        Region root = regions.find(regions.findRoot()).orElseThrow();
        Instant before = clock.instant().minus(Duration.ofDays((long) number(p, "days", 7)));
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
}
