package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorRules;
import cn.yinfeng.targets.RuleVersion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records behind a project figure: every approved project of the region whose date falls in the period, as of
 * the instant and under the rule version, each either counted (with its credit weight and what it adds) or left
 * out with the first reason that holds. Built from the same {@link IndicatorSql} as the figure, so the counted rows
 * add up to it.
 */
@Component
public class FigureExplanation {

    /** Rows shown at most; the totals always cover every row. */
    static final int LIMIT = 2000;

    /** One project of the period. {@code reason} null: counted. */
    public record Item(
            long projectId,
            String name,
            String regionName,
            @Nullable LocalDate date,
            BigDecimal weight,
            @Nullable BigDecimal adds,
            @Nullable String fundOrigin,
            @Nullable String projectType,
            BigDecimal totalInvestment,
            @Nullable String reason) {}

    /** The figure with its list. {@code total} is the sum of the counted rows, as the figure computes it. */
    public record Explained(
            String indicator,
            String regionCode,
            String regionName,
            YearMonth from,
            YearMonth to,
            Instant asOf,
            int ruleVersion,
            boolean supported,
            BigDecimal total,
            long counted,
            long leftOut,
            List<Item> items,
            boolean truncated) {}

    private final JdbcClient jdbc;

    FigureExplanation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean explains(Indicator ind) {
        return IndicatorRules.PROJECT.containsKey(ind.computation());
    }

    Explained explain(Region region, Indicator ind, YearMonth from, YearMonth to, Instant asOf, RuleVersion rules) {
        if (!explains(ind)) {
            return new Explained(
                    ind.code(),
                    region.code(),
                    region.name(),
                    from,
                    to,
                    asOf,
                    rules.version(),
                    false,
                    BigDecimal.ZERO,
                    0,
                    0,
                    List.of(),
                    false);
        }
        var params = new HashMap<String, Object>();
        params.put("g", region.id());
        params.put("p", region.path());
        params.put("from", from.atDay(1));
        params.put("to", to.atEndOfMonth());
        params.put("asOf", Timestamp.from(asOf));
        String c = ind.computation();
        String date = IndicatorSql.eventDate(c);
        List<IndicatorSql.Exclusion> exclusions = IndicatorSql.exclusions(ind, rules, "s");
        String reason = exclusions.isEmpty()
                ? "cast(null as varchar)"
                : "case"
                        + exclusions.stream()
                                .map(e -> " when " + e.condition() + " then '" + e.code() + "'")
                                .collect(Collectors.joining())
                        + " end";
        // rates explain their cohort: the projects signed in the period, each adding 1
        String adds = IndicatorSql.rateNumerator(c) == null ? "s.w * " + IndicatorSql.amount(c) : "s.w";
        String sql = "with grp(gid, gpath) as (values (cast(:g as bigint), cast(:p as varchar))), "
                + LiveFigures.snapshots(rules) + """
                , rows as (
                  select s.project_id, s.name, r.name as region_name, %1$s as d, s.w, %2$s as adds, s.fund_origin,
                         s.project_type, s.total_investment, %3$s as reason
                    from snap s join region r on r.id = s.region_id
                   where %1$s between :from and :to)
                select *, count(*) filter (where reason is null) over () as n_counted,
                       count(*) filter (where reason is not null) over () as n_left,
                       sum(adds) filter (where reason is null) over () as total
                  from rows order by reason nulls first, d, project_id limit %4$d
                """.formatted(date, adds, reason, LIMIT + 1);
        var totals = new long[2];
        var sum = new BigDecimal[] {BigDecimal.ZERO};
        List<Item> items = jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    totals[0] = rs.getLong("n_counted");
                    totals[1] = rs.getLong("n_left");
                    BigDecimal t = rs.getBigDecimal("total");
                    sum[0] = t == null ? BigDecimal.ZERO : t;
                    return new Item(
                            rs.getLong("project_id"),
                            rs.getString("name"),
                            rs.getString("region_name"),
                            rs.getObject("d", LocalDate.class),
                            rs.getBigDecimal("w").setScale(4, RoundingMode.HALF_UP),
                            rs.getBigDecimal("adds"),
                            rs.getString("fund_origin"),
                            rs.getString("project_type"),
                            rs.getBigDecimal("total_investment"),
                            rs.getString("reason"));
                })
                .list();
        boolean truncated = items.size() > LIMIT;
        return new Explained(
                ind.code(),
                region.code(),
                region.name(),
                from,
                to,
                asOf,
                rules.version(),
                true,
                sum[0],
                totals[0],
                totals[1],
                truncated ? items.subList(0, LIMIT) : items,
                truncated);
    }
}
