package cn.yinfeng.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes indicators for groups of regions (one region, or the units of a ranking) in three readable queries:
 * projects, funds and activities. The rules, in the SQL:
 * <ul>
 *   <li>only approved versions count, taken as they stood at {@code asOf} ({@code project_approved} validity);</li>
 *   <li>a project counts once, in the period of its signing date; an expansion is its own project with the added
 *       amount; not-counted projects drop out of indicators restricted to eligible projects;</li>
 *   <li>a project attracted by one region and landing in another is credited by its recorded share to each;</li>
 *   <li>rates are over the cohort signed in the period.</li>
 * </ul>
 */
@Component
class StatsEngine {

    /** Aggregate expression per computation over the approved snapshots {@code s} with weight {@code w}. */
    private static final Map<String, String> PROJECT_EXPR = Map.of(
            "SIGNED_COUNT", "sum(s.w) filter (where s.signed_on between :from and :to and %s)",
            "SIGNED_AMOUNT", "sum(s.w * coalesce(s.contract_amount, s.total_investment)) filter (where s.signed_on "
                    + "between :from and :to and %s)",
            "STARTED_COUNT", "sum(s.w) filter (where s.started_on between :from and :to and %s)",
            "PRODUCING_COUNT", "sum(s.w) filter (where s.producing_on between :from and :to and %s)",
            "PERFORMANCE_RATE", "sum(s.w) filter (where s.signed_on between :from and :to and s.stage in ('REGISTERED', "
                    + "'STARTED', 'PRODUCING', 'FULL_PRODUCTION') and %s) / nullif(sum(s.w) filter (where s.signed_on "
                    + "between :from and :to and %1$s), 0)",
            "START_RATE", "sum(s.w) filter (where s.signed_on between :from and :to and s.started_on is not null and %s)"
                    + " / nullif(sum(s.w) filter (where s.signed_on between :from and :to and %1$s), 0)",
            "PRODUCTION_RATE", "sum(s.w) filter (where s.signed_on between :from and :to and s.producing_on is not null "
                    + "and %s) / nullif(sum(s.w) filter (where s.signed_on between :from and :to and %1$s), 0)",
            "COHORT_CONTRACT", "sum(s.w * coalesce(s.contract_amount, s.total_investment)) filter (where s.signed_on "
                    + "between :from and :to and %s)");

    private final JdbcClient jdbc;
    private final List<IndicatorSource> sources;

    StatsEngine(JdbcClient jdbc, List<IndicatorSource> sources) {
        this.jdbc = jdbc;
        this.sources = sources;
    }

    /** Values by group id and indicator code. Counts may be fractional where credit is split. */
    Map<Long, Map<String, BigDecimal>> compute(List<Region> groups, List<Indicator> indicators, LocalDate from,
            LocalDate to, Instant asOf) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        groups.forEach(g -> out.put(g.id(), new LinkedHashMap<>()));
        if (groups.isEmpty()) {
            return out;
        }
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put("asOf", Timestamp.from(asOf));
        var values = new ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            values.add("(cast(:g" + i + " as bigint), cast(:p" + i + " as varchar))");
            params.put("g" + i, groups.get(i).id());
            params.put("p" + i, groups.get(i).path());
        }
        String grp = "grp(gid, gpath) as (values " + String.join(", ", values) + ")";
        String snap = """
                snap as (
                  select a.*, cr.w, g.gid
                    from project_approved a
                   cross join lateral (values (a.region_id, 1 - coalesce(a.attracting_share, 0) / 100.0),
                                              (a.attracting_region_id, coalesce(a.attracting_share, 0) / 100.0)) cr(rid, w)
                    join region r on r.id = cr.rid
                    join grp g on r.path like g.gpath || '%'
                   where a.valid_from <= :asOf and (a.valid_to is null or a.valid_to > :asOf) and cr.w > 0)
                """;

        // 1. project indicators
        var select = new ArrayList<String>();
        var projectCols = new LinkedHashMap<String, String>();
        int c = 0;
        for (Indicator ind : indicators) {
            String template = PROJECT_EXPR.get(ind.computation());
            if (template == null) {
                continue;
            }
            String col = "c" + c++;
            select.add(template.formatted(filter(ind, col, params)) + " as " + col);
            projectCols.put(ind.code(), col);
        }
        String cohortCol = "c" + c++;
        select.add(PROJECT_EXPR.get("COHORT_CONTRACT").formatted(eligibleFilter(cohortCol, params)) + " as " + cohortCol);
        var cohortContract = new HashMap<Long, BigDecimal>();
        jdbc.sql("with " + grp + ", " + snap + " select s.gid, " + String.join(", ", select) + " from snap s group by s.gid")
                .params(params).query((rs, n) -> {
                    long gid = rs.getLong("gid");
                    projectCols.forEach((code, col) -> {
                        try {
                            out.get(gid).put(code, rs.getBigDecimal(col));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    cohortContract.put(gid, rs.getBigDecimal(cohortCol));
                    return null;
                }).list();

        // 2. funds arrived: approved as of the date, credited like their project
        var fundSelect = new ArrayList<String>();
        var fundCols = new LinkedHashMap<String, String>();
        for (Indicator ind : indicators) {
            if (!ind.computation().equals("FUNDS")) {
                continue;
            }
            String col = "f" + fundCols.size();
            String origin = "o_" + col;
            params.put(origin, ind.fundOrigin());
            fundSelect.add("sum(s.w * f.amount) filter (where f.month between date_trunc('month', cast(:from as date)) "
                    + "and :to and (cast(:" + origin + " as varchar) is null or f.origin = :" + origin + ") and "
                    + filter(ind, col, params) + ") as " + col);
            fundCols.put(ind.code(), col);
        }
        fundSelect.add("sum(s.w * f.amount) filter (where f.month <= :to and s.signed_on between :from and :to and "
                + eligibleFilter("fc", params) + ") as cohort_funds");
        var cohortFunds = new HashMap<Long, BigDecimal>();
        jdbc.sql("with " + grp + ", " + snap + " select s.gid, " + String.join(", ", fundSelect)
                + " from snap s join project_fund f on f.project_id = s.project_id"
                + " where f.approved_at <= :asOf and (f.deleted_at is null or f.deleted_at > :asOf) group by s.gid")
                .params(params).query((rs, n) -> {
                    long gid = rs.getLong("gid");
                    fundCols.forEach((code, col) -> {
                        try {
                            out.get(gid).put(code, rs.getBigDecimal(col));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    cohortFunds.put(gid, rs.getBigDecimal("cohort_funds"));
                    return null;
                }).list();

        // 3. activities: done ones in the period, recorded by the as-of date
        var act = new HashMap<Long, Map<String, BigDecimal>>();
        jdbc.sql("with " + grp + """
                 select g.gid,
                   (select count(*) from trip t join region r on r.id = t.region_id where r.path like g.gpath || '%'
                      and t.status = 'DONE' and t.start_date between :from and :to and t.created_at <= :asOf) as trips,
                   (select count(*) from trip t join region r on r.id = t.region_id where r.path like g.gpath || '%'
                      and t.status = 'DONE' and t.point_to_point and t.start_date between :from and :to
                      and t.created_at <= :asOf) as p2p,
                   (select count(distinct v.enterprise_id) from trip_visit v join trip t on t.id = v.trip_id
                      join region r on r.id = t.region_id where r.path like g.gpath || '%' and t.status = 'DONE'
                      and v.visit_date between :from and :to and t.created_at <= :asOf) as visited,
                   (select count(*) from delegation d join region r on r.id = d.region_id where r.path like g.gpath || '%'
                      and d.status = 'DONE' and d.visit_date between :from and :to and d.created_at <= :asOf) as delegations
                  from grp g
                """).params(params).query((rs, n) -> {
                    act.put(rs.getLong("gid"), Map.of("TRIPS", rs.getBigDecimal("trips"), "POINT_TO_POINT",
                            rs.getBigDecimal("p2p"), "VISITED", rs.getBigDecimal("visited"), "DELEGATIONS",
                            rs.getBigDecimal("delegations")));
                    return null;
                }).list();

        // 4. computations other modules answer from their own tables
        var external = new HashMap<Long, Map<String, BigDecimal>>();
        for (IndicatorSource source : sources) {
            var wanted = new java.util.LinkedHashSet<String>();
            indicators.stream().map(Indicator::computation).filter(source.computations()::contains).forEach(wanted::add);
            if (!wanted.isEmpty()) {
                source.compute(groups, wanted, from, to, asOf).forEach((gid, byComputation) ->
                        external.computeIfAbsent(gid, k -> new HashMap<>()).putAll(byComputation));
            }
        }

        for (Region g : groups) {
            var values2 = out.get(g.id());
            for (Indicator ind : indicators) {
                switch (ind.computation()) {
                    case "TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS" ->
                            values2.put(ind.code(), act.getOrDefault(g.id(), Map.of()).get(ind.computation()));
                    case "FUNDS_RATE" -> {
                        BigDecimal contract = cohortContract.get(g.id());
                        BigDecimal funds = cohortFunds.getOrDefault(g.id(), BigDecimal.ZERO);
                        values2.put(ind.code(), contract == null || contract.signum() == 0 ? null
                                : (funds == null ? BigDecimal.ZERO : funds).divide(contract, 4, RoundingMode.HALF_UP));
                    }
                    default -> {
                        var ext = external.get(g.id());
                        if (ext != null && ext.containsKey(ind.computation())) {
                            values2.put(ind.code(), ext.get(ind.computation()));
                        }
                    }
                }
                BigDecimal v = values2.get(ind.code());
                values2.put(ind.code(), normalise(ind, v));
            }
        }
        return out;
    }

    /** Counts and amounts read as 0 when nothing matched; rates stay null (no cohort, no rate). */
    private static BigDecimal normalise(Indicator ind, BigDecimal v) {
        if (ind.unit() == Indicator.Unit.RATE) {
            return v == null ? null : v.setScale(4, RoundingMode.HALF_UP);
        }
        if (v == null) {
            return ind.unit() == Indicator.Unit.WAN ? new BigDecimal("0.00") : BigDecimal.ZERO;
        }
        if (ind.unit() == Indicator.Unit.WAN) {
            return v.setScale(2, RoundingMode.HALF_UP);
        }
        // counts: whole unless credit was split
        BigDecimal whole = v.setScale(0, RoundingMode.HALF_UP);
        return whole.compareTo(v) == 0 ? whole : v.setScale(2, RoundingMode.HALF_UP);
    }

    /** The filter of an indicator's parameters: size band and eligibility, bound under names unique to the column. */
    private static String filter(Indicator ind, String col, Map<String, Object> params) {
        params.put("min_" + col, ind.minTotal() == null ? BigDecimal.ZERO : ind.minTotal());
        params.put("elig_" + col, ind.eligibleOnly());
        return "s.total_investment >= :min_" + col + " and (not :elig_" + col + " or s.counted)";
    }

    private static String eligibleFilter(String col, Map<String, Object> params) {
        params.put("elig_" + col, true);
        return "(not :elig_" + col + " or s.counted)";
    }
}
