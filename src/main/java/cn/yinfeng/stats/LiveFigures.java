package cn.yinfeng.stats;

import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorRules;
import cn.yinfeng.targets.RuleVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Project and fund indicators computed from the approved history as of an instant, under any rule version: one
 * query over the projects, one over their funds. The SQL of each indicator is {@link IndicatorSql}'s.
 */
@Component
class LiveFigures {

    private final JdbcClient jdbc;

    LiveFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The approved snapshot rows {@code s} of the groups with their credit weight under the rules. */
    static String snapshots(RuleVersion rules) {
        String share = IndicatorSql.attractingShare(rules, "a");
        return """
                snap as (
                  select a.*, cr.w, g.gid
                    from project_approved a
                   cross join lateral (values (a.region_id, 1 - %1$s / 100.0),
                                              (a.attracting_region_id, %1$s / 100.0)) cr(rid, w)
                    join region r on r.id = cr.rid
                    join grp g on r.path like g.gpath || '%%'
                   where %2$s and cr.w > 0)
                """.formatted(share, IndicatorSql.validAt("a"));
    }

    /**
     * Values by group and code for the project and fund indicators among {@code indicators}; {@code params} holds
     * the groups, the period and {@code asOf}, {@code grp} the groups' CTE.
     */
    Map<Long, Map<String, BigDecimal>> compute(
            String grp, Map<String, Object> params, List<Indicator> indicators, RuleVersion rules) {
        var out = new HashMap<Long, Map<String, BigDecimal>>();
        String with = grp + ", " + snapshots(rules);
        String eligible = IndicatorSql.eligible(rules, "s");
        boolean fundsRate = indicators.stream().anyMatch(i -> i.computation().equals("FUNDS_RATE"));

        var select = new ArrayList<String>();
        var cols = new LinkedHashMap<String, String>();
        for (Indicator ind : indicators) {
            String c = ind.computation();
            if (!IndicatorRules.PROJECT.containsKey(c)) {
                continue;
            }
            String col = "c" + cols.size();
            String counts = IndicatorSql.counts(ind, rules, "s");
            String numerator = IndicatorSql.rateNumerator(c);
            String inPeriod = IndicatorSql.eventDate(c) + " between :from and :to and " + counts;
            select.add(
                    numerator == null
                            ? "sum(s.w * " + IndicatorSql.amount(c) + ") filter (where " + inPeriod + ") as " + col
                            : "coalesce(sum(s.w) filter (where " + inPeriod + " and " + numerator + "), 0) / "
                                    + "nullif(sum(s.w) filter (where " + inPeriod + "), 0) as " + col);
            cols.put(ind.code(), col);
        }
        if (!select.isEmpty() || fundsRate) {
            select.add("sum(s.w * " + IndicatorSql.amount("COHORT_CONTRACT")
                    + ") filter (where s.signed_on between :from and :to and " + eligible + ") as cohort");
            StatsEngine.readByGroup(
                    jdbc.sql(with + " select s.gid, " + String.join(", ", select) + " from snap s group by s.gid")
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
            fundSelect.add("sum(s.w * f.amount) filter (where f.month between :fromMonth and :toMonth and "
                    + IndicatorSql.fundCounts(ind, rules) + ") as " + col);
            fundCols.put(ind.code(), col);
        }
        if (!fundCols.isEmpty() || fundsRate) {
            fundSelect.add("sum(s.w * f.amount) filter (where s.signed_on between :from and :to and " + eligible
                    + ") as cohort_funds");
            StatsEngine.readByGroup(
                    jdbc.sql(with + " select s.gid, " + String.join(", ", fundSelect)
                                    + " from snap s join project_fund f on f.project_id = s.project_id"
                                    + " where f.month <= :toMonth and " + IndicatorSql.fundValidAt("f")
                                    + " group by s.gid")
                            .params(params),
                    fundCols,
                    StatsEngine.COHORT_FUNDS,
                    "cohort_funds",
                    out);
        }
        return out;
    }
}
