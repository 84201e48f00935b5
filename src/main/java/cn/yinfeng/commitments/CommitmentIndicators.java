package cn.yinfeng.commitments;

import cn.yinfeng.common.Times;
import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.IndicatorSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The catalogue's commitment figures, so that they get targets, lights and rankings like the others. Over the
 * commitments <em>due in the period</em>, each read by {@link CommitmentBoard#STATUS} on the earlier of the as-of day
 * and today, with the actuals recorded by the as-of instant, counted in the project's landing county:
 * <ul>
 *   <li>{@code COMMITMENT_RATE} 承诺履约率: kept (on time or late) ÷ due — not yet due ones are left out;</li>
 *   <li>{@code COMMITMENTS_KEPT} 已履约承诺数;</li>
 *   <li>{@code EFFECTIVE_PROJECTS} 达效项目数: projects whose commitments due in the period are all kept, at least
 *       one of them an output or tax promise.</li>
 * </ul>
 * The list behind each figure ({@link #records}) is read from the same statement, one row per commitment (per
 * project for 达效), so a figure is the sum of its list.
 */
@Component
class CommitmentIndicators implements IndicatorSource {

    static final String RATE = "COMMITMENT_RATE";
    static final String KEPT = "COMMITMENTS_KEPT";
    static final String EFFECTIVE = "EFFECTIVE_PROJECTS";

    /** Per project of the period: due, behind, and output or tax kept. */
    private static final String PROJECTS = """
            proj as (select s.project_id, s.region_id,
                            count(*) filter (where s.status <> 'PENDING') as due,
                            count(*) filter (where s.status in ('SHORT', 'UNREPORTED')) as behind,
                            count(*) filter (where s.kind in ('OUTPUT', 'TAX') and s.status in ('MET', 'MET_LATE'))
                                as output_kept
                       from s group by s.project_id, s.region_id)
            """;

    private static final String EFFECTIVE_SQL = "p.due > 0 and p.behind = 0 and p.output_kept > 0";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;

    CommitmentIndicators(JdbcClient jdbc, Clock clock, MessageSource messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
    }

    @Override
    public Set<String> computations() {
        return Set.of(RATE, KEPT, EFFECTIVE);
    }

    /** The statuses of the commitments due in the period, as the board reads them. */
    private static String due() {
        return "s as (" + CommitmentBoard.STATUS + " where c.due_on between :from and :to)";
    }

    private Map<String, Object> params(LocalDate from, LocalDate to, Instant asOf) {
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put("asOf", Timestamp.from(asOf));
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        LocalDate asOfDay = LocalDate.ofInstant(asOf, Times.ZONE);
        params.put("today", asOfDay.isBefore(today) ? asOfDay : today);
        return params;
    }

    @Override
    public Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups, Set<String> computations, LocalDate from, LocalDate to, Instant asOf) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        if (groups.isEmpty()) {
            return out;
        }
        var params = params(from, to, asOf);
        String sql = "with " + IndicatorSource.groupTable(groups, params) + ", " + due() + ", " + PROJECTS
                + """
                select g.gid,
                       count(*) filter (where s.status in ('MET', 'MET_LATE')) as kept,
                       count(*) filter (where s.status <> 'PENDING') as due,
                       (select count(*) from proj p join region r on r.id = p.region_id
                         where r.path like g.gpath || '%%' and %s) as effective
                  from grp g
                  left join (s join region sr on sr.id = s.region_id) on sr.path like g.gpath || '%%'
                 group by g.gid, g.gpath
                """.formatted(EFFECTIVE_SQL);
        jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    var m = new HashMap<String, BigDecimal>();
                    BigDecimal kept = rs.getBigDecimal("kept");
                    BigDecimal due = rs.getBigDecimal("due");
                    if (computations.contains(RATE) && due.signum() > 0) {
                        m.put(RATE, kept.divide(due, 4, RoundingMode.HALF_UP));
                    }
                    if (computations.contains(KEPT)) {
                        m.put(KEPT, kept);
                    }
                    if (computations.contains(EFFECTIVE)) {
                        m.put(EFFECTIVE, rs.getBigDecimal("effective"));
                    }
                    out.put(rs.getLong("gid"), m);
                    return null;
                })
                .list();
        return out;
    }

    /**
     * The commitments due in the period (for 达效, their projects): counted first, then those left out with why —
     * not yet due (COMMITMENT_PENDING), short (COMMITMENT_SHORT), not reported (COMMITMENT_UNREPORTED); for 达效 a
     * project with a commitment behind (COMMITMENT_BEHIND) or none of output or tax kept (NO_OUTPUT_KEPT). For the
     * rate, a kept commitment is in both parts and one behind in the denominator alone.
     */
    @Override
    public boolean records(
            Region group, String computation, LocalDate from, LocalDate to, Instant asOf, Consumer<SourceRecord> sink) {
        if (!computations().contains(computation)) {
            return false;
        }
        var params = params(from, to, asOf);
        params.put("g", group.id());
        params.put("p", group.path());
        String head = "with grp(gid, gpath) as (values (cast(:g as bigint), cast(:p as varchar))), " + due();
        var locale = LocaleContextHolder.getLocale();
        if (computation.equals(EFFECTIVE)) {
            String sql = head + ", " + PROJECTS + """
                    select p.project_id, pr.name, pr.code, r.name as region_name, p.due, p.behind,
                           %s as effective
                      from proj p join project pr on pr.id = p.project_id join region r on r.id = p.region_id
                      join grp g on r.path like g.gpath || '%%'
                     where p.due > 0
                     order by effective desc, pr.code
                    """.formatted(EFFECTIVE_SQL);
            jdbc.sql(sql).params(params).query(rs -> {
                boolean effective = rs.getBoolean("effective");
                sink.accept(new SourceRecord(
                        "PROJECT",
                        rs.getLong("project_id"),
                        rs.getString("name"),
                        rs.getString("code"),
                        rs.getString("region_name"),
                        null,
                        effective ? BigDecimal.ONE : BigDecimal.ZERO,
                        effective ? null : rs.getLong("behind") > 0 ? "COMMITMENT_BEHIND" : "NO_OUTPUT_KEPT",
                        "/projects/" + rs.getLong("project_id")));
            });
            return true;
        }
        String sql = head + """
                select s.id, s.project_id, s.kind, s.status, pr.name, c.clause, c.due_on, r.name as region_name
                  from s join project_commitment c on c.id = s.id join project pr on pr.id = s.project_id
                  join region r on r.id = s.region_id join grp g on r.path like g.gpath || '%'
                 order by s.status not in ('MET', 'MET_LATE'), s.status = 'PENDING', c.due_on, s.id
                """;
        boolean rate = computation.equals(RATE);
        jdbc.sql(sql).params(params).query(rs -> {
            CommitmentRule.Status status = CommitmentRule.Status.valueOf(rs.getString("status"));
            String clause = rs.getString("clause");
            String detail = messages.getMessage("commitment.kind." + rs.getString("kind"), null, locale)
                    + (clause == null ? "" : " · " + clause) + " · "
                    + messages.getMessage("commitment.status." + status.name(), null, locale);
            String reason = status.kept()
                    ? null
                    : status == CommitmentRule.Status.PENDING
                            ? "COMMITMENT_PENDING"
                            : rate ? null : "COMMITMENT_" + status.name();
            Share share = !rate ? Share.FIGURE : status.kept() ? Share.BOTH : Share.DENOMINATOR;
            sink.accept(new SourceRecord(
                    "COMMITMENT",
                    rs.getLong("id"),
                    rs.getString("name"),
                    detail,
                    rs.getString("region_name"),
                    rs.getObject("due_on", LocalDate.class),
                    reason == null ? BigDecimal.ONE : BigDecimal.ZERO,
                    reason,
                    "/projects/" + rs.getLong("project_id"),
                    share));
        });
        return true;
    }
}
