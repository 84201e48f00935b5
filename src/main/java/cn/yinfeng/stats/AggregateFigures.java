package cn.yinfeng.stats;

import cn.yinfeng.targets.Indicator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Project and fund indicators read from the monthly aggregates ({@code V12__stats_aggregates.sql}): the current
 * approved ledger, whole months, the rules whose eligibility is the projects' own flag, and filters the aggregates'
 * dimensions hold (size bands; the origin of funds, a fund record's own for funds and the project's for projects).
 * {@link #answers} says which indicators qualify.
 */
@Component
class AggregateFigures {

    /** The computations over the monthly aggregate rows {@code p} of {@code stats_project_month}. */
    private static final Map<String, String> EXPR = Map.of(
            "SIGNED_COUNT", "sum(p.projects) filter (where p.event = 'SIGNED' and %s)",
            "SIGNED_AMOUNT", "sum(p.amount) filter (where p.event = 'SIGNED' and %s)",
            "SIGNED_USD", "sum(p.usd_amount) filter (where p.event = 'SIGNED' and %s)",
            "REGISTERED_COUNT", "sum(p.projects) filter (where p.event = 'REGISTERED' and %s)",
            "STARTED_COUNT", "sum(p.projects) filter (where p.event = 'STARTED' and %s)",
            "PRODUCING_COUNT", "sum(p.projects) filter (where p.event = 'PRODUCING' and %s)",
            "PERFORMANCE_RATE",
                    "sum(p.performing) filter (where p.event = 'SIGNED' and %s) / nullif(sum(p.projects) "
                            + "filter (where p.event = 'SIGNED' and %1$s), 0)",
            "START_RATE",
                    "sum(p.started) filter (where p.event = 'SIGNED' and %s) / nullif(sum(p.projects) "
                            + "filter (where p.event = 'SIGNED' and %1$s), 0)",
            "PRODUCTION_RATE",
                    "sum(p.producing) filter (where p.event = 'SIGNED' and %s) / nullif(sum(p.projects) "
                            + "filter (where p.event = 'SIGNED' and %1$s), 0)");

    /** The size bands of {@code stats_project_month.band}: lower bounds of total investment, 万元. */
    static final List<BigDecimal> BANDS =
            List.of(BigDecimal.ZERO, new BigDecimal("10000"), new BigDecimal("50000"), new BigDecimal("100000"));

    private static final Set<String> FUND_COMPUTATIONS = Set.of("FUNDS", "FUNDS_RATE");

    private final JdbcClient jdbc;

    AggregateFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the aggregates hold this indicator: a computation they carry with filters in their dimensions. */
    static boolean answers(Indicator ind) {
        boolean noProjectFilter = ind.maxTotal() == null && ind.projectTypes().isEmpty() && !ind.keyOnly();
        if (FUND_COMPUTATIONS.contains(ind.computation())) {
            return noProjectFilter
                    && band(ind.minTotal()) == 0
                    && (ind.computation().equals("FUNDS") || ind.fundOrigins().isEmpty());
        }
        return EXPR.containsKey(ind.computation()) && noProjectFilter && band(ind.minTotal()) >= 0;
    }

    static int band(BigDecimal minTotal) {
        for (int i = 0; i < BANDS.size(); i++) {
            if (BANDS.get(i).compareTo(minTotal == null ? BigDecimal.ZERO : minTotal) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Values by group and code for {@code indicators}, all of which {@link #answers}. */
    Map<Long, Map<String, BigDecimal>> compute(String grp, Map<String, Object> params, List<Indicator> indicators) {
        var out = new HashMap<Long, Map<String, BigDecimal>>();
        boolean fundsRate = indicators.stream().anyMatch(i -> i.computation().equals("FUNDS_RATE"));
        var select = new ArrayList<String>();
        var cols = new LinkedHashMap<String, String>();
        for (Indicator ind : indicators) {
            String template = EXPR.get(ind.computation());
            if (template == null) {
                continue;
            }
            String col = "c" + cols.size();
            params.put("band_" + col, band(ind.minTotal()));
            String filter = "p.band >= :band_" + col + origins("p.origin", ind.fundOrigins())
                    + (ind.eligibleOnly() ? " and p.counted" : "");
            select.add(template.formatted(filter) + " as " + col);
            cols.put(ind.code(), col);
        }
        if (!select.isEmpty() || fundsRate) {
            select.add("sum(p.amount) filter (where p.event = 'SIGNED' and p.counted) as cohort");
            StatsEngine.readByGroup(
                    jdbc.sql(grp + " select g.gid, " + String.join(", ", select)
                                    + " from grp g join stats_project_month p on p.region_id = g.gid"
                                    + " where p.month between :fromMonth and :toMonth group by g.gid")
                            .params(params),
                    cols,
                    StatsEngine.COHORT_CONTRACT,
                    "cohort",
                    out);
        }
        var fundSelect = new ArrayList<String>();
        var fundCols = new LinkedHashMap<String, String>();
        for (Indicator ind : indicators) {
            if (!ind.computation().equals("FUNDS")) {
                continue;
            }
            String col = "f" + fundCols.size();
            fundSelect.add("sum(f.amount) filter (where true" + origins("f.origin", ind.fundOrigins())
                    + (ind.eligibleOnly() ? " and f.counted" : "") + ") as " + col);
            fundCols.put(ind.code(), col);
        }
        if (!fundCols.isEmpty() || fundsRate) {
            fundSelect.add("null as none");
            StatsEngine.readByGroup(
                    jdbc.sql(grp + " select g.gid, fm.*, (select sum(fc.amount) from stats_fund_cohort fc"
                                    + " where fc.region_id = g.gid and fc.signed_month between :fromMonth and :toMonth"
                                    + " and fc.month <= :toMonth and fc.counted) as cohort_funds"
                                    + " from grp g cross join lateral (select " + String.join(", ", fundSelect)
                                    + " from stats_fund_month f where f.region_id = g.gid"
                                    + " and f.month between :fromMonth and :toMonth) fm")
                            .params(params),
                    fundCols,
                    StatsEngine.COHORT_FUNDS,
                    "cohort_funds",
                    out);
        }
        return out;
    }

    /**
     * The condition {@code " and column in (...)"} for an indicator's origins, empty when it has none. A project with
     * no recorded origin is held under {@code ''} and so matches none.
     */
    private static String origins(String column, List<String> origins) {
        return origins.isEmpty()
                ? ""
                : " and " + column + " in ("
                        + String.join(
                                ", ",
                                origins.stream().map(o -> "'" + origin(o) + "'").toList())
                        + ")";
    }

    private static String origin(String o) {
        if (!cn.yinfeng.targets.IndicatorRules.ORIGINS.contains(o)) {
            throw new IllegalArgumentException("not an origin: " + o);
        }
        return o;
    }
}
