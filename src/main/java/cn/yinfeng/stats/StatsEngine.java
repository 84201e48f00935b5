package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
            "SIGNED_AMOUNT",
                    "sum(s.w * coalesce(s.contract_amount, s.total_investment)) filter (where s.signed_on "
                            + "between :from and :to and %s)",
            "STARTED_COUNT", "sum(s.w) filter (where s.started_on between :from and :to and %s)",
            "PRODUCING_COUNT", "sum(s.w) filter (where s.producing_on between :from and :to and %s)",
            "PERFORMANCE_RATE",
                    "coalesce(sum(s.w) filter (where s.signed_on between :from and :to and s.stage in "
                            + "('REGISTERED', 'STARTED', 'PRODUCING', 'FULL_PRODUCTION') and %s), 0) / nullif(sum(s.w) filter "
                            + "(where s.signed_on between :from and :to and %1$s), 0)",
            "START_RATE",
                    "coalesce(sum(s.w) filter (where s.signed_on between :from and :to and s.started_on is not "
                            + "null and %s), 0) / nullif(sum(s.w) filter (where s.signed_on between :from and :to and %1$s), 0)",
            "PRODUCTION_RATE",
                    "coalesce(sum(s.w) filter (where s.signed_on between :from and :to and s.producing_on is "
                            + "not null and %s), 0) / nullif(sum(s.w) filter (where s.signed_on between :from and :to and %1$s)"
                            + ", 0)",
            "COHORT_CONTRACT",
                    "sum(s.w * coalesce(s.contract_amount, s.total_investment)) filter (where s.signed_on "
                            + "between :from and :to and %s)");

    /** The same computations over the monthly aggregate rows {@code p} of {@code stats_project_month}. */
    private static final Map<String, String> AGGREGATE_EXPR = Map.of(
            "SIGNED_COUNT", "sum(p.projects) filter (where p.event = 'SIGNED' and %s)",
            "SIGNED_AMOUNT", "sum(p.amount) filter (where p.event = 'SIGNED' and %s)",
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
                            + "filter (where p.event = 'SIGNED' and %1$s), 0)",
            "COHORT_CONTRACT", "sum(p.amount) filter (where p.event = 'SIGNED' and %s)");

    /** The size bands of {@code stats_project_month.band}: lower bounds of total investment, 万元. */
    static final List<BigDecimal> BANDS =
            List.of(BigDecimal.ZERO, new BigDecimal("10000"), new BigDecimal("50000"), new BigDecimal("100000"));

    private static final Set<String> ACTIVITY = Set.of("TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS");

    private final JdbcClient jdbc;
    private final List<IndicatorSource> sources;
    private final StatsAggregates aggregates;
    private final Clock clock;

    StatsEngine(JdbcClient jdbc, List<IndicatorSource> sources, StatsAggregates aggregates, Clock clock) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /**
     * Values by group id and indicator code. Counts may be fractional where credit is split. {@code asOf} null means
     * now: then whole months are read from the monthly aggregates (brought up to date first), anything else from the
     * approved history.
     */
    Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups, List<Indicator> indicators, LocalDate from, LocalDate to, Instant asOf) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        groups.forEach(g -> out.put(g.id(), new LinkedHashMap<>()));
        if (groups.isEmpty()) {
            return out;
        }
        boolean aggregated = asOf == null && aggregatesAnswer(indicators, from, to);
        if (aggregated && aggregates.dirty()) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                // refreshing takes a transaction (and connection) of its own; taken while the caller's transaction
                // holds one, every request thread can end up holding one connection and waiting for a second, the
                // pool runs dry and nothing moves until the pool's timeout. Callers refresh before their transaction
                // (Stats, MonthlyReport); a write that landed since is read from the history instead, exactly.
                aggregated = false;
            } else {
                aggregates.refreshDirty();
            }
        }
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put("fromMonth", from.withDayOfMonth(1));
        params.put("toMonth", to.withDayOfMonth(1));
        params.put("asOf", Timestamp.from(asOf == null ? clock.instant() : asOf));
        var values = new ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            values.add("(cast(:g" + i + " as bigint), cast(:p" + i + " as varchar))");
            params.put("g" + i, groups.get(i).id());
            params.put("p" + i, groups.get(i).path());
        }
        String grp = "with grp(gid, gpath) as (values " + String.join(", ", values) + "), ";
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
        boolean fundsRate = indicators.stream().anyMatch(i -> i.computation().equals("FUNDS_RATE"));

        // 1. project indicators
        var select = new ArrayList<String>();
        var projectCols = new LinkedHashMap<String, String>();
        int c = 0;
        var expressions = aggregated ? AGGREGATE_EXPR : PROJECT_EXPR;
        String alias = aggregated ? "p" : "s";
        for (Indicator ind : indicators) {
            String template = expressions.get(ind.computation());
            if (template == null) {
                continue;
            }
            String col = "c" + c++;
            select.add(template.formatted(filter(ind, col, params, alias, aggregated)) + " as " + col);
            projectCols.put(ind.code(), col);
        }
        var cohortContract = new HashMap<Long, BigDecimal>();
        if (!select.isEmpty() || fundsRate) {
            select.add(expressions.get("COHORT_CONTRACT").formatted(eligibleFilter("cohort", params, alias))
                    + " as cohort");
            String from1 = aggregated
                    ? grp.substring(0, grp.length() - 2) + " select g.gid, " + String.join(", ", select)
                            + " from grp g join stats_project_month p on p.region_id = g.gid"
                            + " where p.month between :fromMonth and :toMonth group by g.gid"
                    : grp + snap + " select s.gid, " + String.join(", ", select) + " from snap s group by s.gid";
            jdbc.sql(from1)
                    .params(params)
                    .query((rs, n) -> {
                        long gid = rs.getLong("gid");
                        for (var e : projectCols.entrySet()) {
                            out.get(gid).put(e.getKey(), rs.getBigDecimal(e.getValue()));
                        }
                        cohortContract.put(gid, rs.getBigDecimal("cohort"));
                        return null;
                    })
                    .list();
        }

        // 2. funds arrived: approved as of the date, credited like their project
        var fundSelect = new ArrayList<String>();
        var fundCols = new LinkedHashMap<String, String>();
        String f = aggregated ? "f" : "s";
        for (Indicator ind : indicators) {
            if (!ind.computation().equals("FUNDS")) {
                continue;
            }
            String col = "f" + fundCols.size();
            String origin = "o_" + col;
            params.put(origin, ind.fundOrigin());
            fundSelect.add("sum(" + (aggregated ? "" : "s.w * ") + "f.amount) filter (where f.month between :fromMonth "
                    + "and :toMonth and (cast(:" + origin + " as varchar) is null or f.origin = :" + origin + ") and "
                    + filter(ind, col, params, f, aggregated) + ") as " + col);
            fundCols.put(ind.code(), col);
        }
        var cohortFunds = new HashMap<Long, BigDecimal>();
        if (!fundCols.isEmpty() || fundsRate) {
            String cohort = aggregated
                    ? "(select sum(fc.amount) from stats_fund_cohort fc where fc.region_id = g.gid and "
                            + "fc.signed_month between :fromMonth and :toMonth and "
                            + "fc.month <= :toMonth and " + eligibleFilter("fc", params, "fc") + ") as cohort_funds"
                    : "sum(s.w * f.amount) filter (where s.signed_on between :from and :to and "
                            + eligibleFilter("fc", params, "s") + ") as cohort_funds";
            String sql = aggregated
                    ? grp.substring(0, grp.length() - 2) + " select g.gid, fm.*, " + cohort + " from grp g cross join "
                            + "lateral (select " + String.join(", ", fundSelect) + (fundSelect.isEmpty() ? "" : ", ")
                            + "null as none from stats_fund_month f where f.region_id = g.gid and f.month between "
                            + ":fromMonth and :toMonth) fm"
                    : grp + snap + " select s.gid, "
                            + String.join(
                                    "", fundSelect.stream().map(x -> x + ", ").toList())
                            + cohort
                            + " from snap s join project_fund f on f.project_id = s.project_id where f.month <= :toMonth"
                            + " and f.approved_at <= :asOf and (f.deleted_at is null or f.deleted_at > :asOf)"
                            + " group by s.gid";
            jdbc.sql(sql)
                    .params(params)
                    .query((rs, n) -> {
                        long gid = rs.getLong("gid");
                        for (var e : fundCols.entrySet()) {
                            out.get(gid).put(e.getKey(), rs.getBigDecimal(e.getValue()));
                        }
                        cohortFunds.put(gid, rs.getBigDecimal("cohort_funds"));
                        return null;
                    })
                    .list();
        }

        // 3. activities: done ones in the period, recorded by the as-of date
        var act = new HashMap<Long, Map<String, BigDecimal>>();
        if (indicators.stream().anyMatch(i -> ACTIVITY.contains(i.computation()))) {
            jdbc.sql(grp.substring(0, grp.length() - 2) + """
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
                    """)
                    .params(params)
                    .query((rs, n) -> {
                        act.put(
                                rs.getLong("gid"),
                                Map.of(
                                        "TRIPS",
                                        rs.getBigDecimal("trips"),
                                        "POINT_TO_POINT",
                                        rs.getBigDecimal("p2p"),
                                        "VISITED",
                                        rs.getBigDecimal("visited"),
                                        "DELEGATIONS",
                                        rs.getBigDecimal("delegations")));
                        return null;
                    })
                    .list();
        }

        // 3b. key projects being attracted: a stock of current key projects by their own region, whatever the period
        var key = new HashMap<Long, Map<String, BigDecimal>>();
        if (indicators.stream().anyMatch(i -> i.computation().startsWith("KEY_"))) {
            String sql = aggregated
                    ? grp.substring(0, grp.length() - 2) + " select g.gid, sum(k.projects) as n, sum(k.total) as total "
                            + "from grp g join stats_stage_month k on k.region_id = g.gid and k.key_project group by g.gid"
                    : grp.substring(0, grp.length() - 2) + " select g.gid, count(*) as n, sum(a.total_investment) as "
                            + "total from grp g join region r on r.path like g.gpath || '%' join project_approved a on "
                            + "a.region_id = r.id where a.key_project and a.valid_from <= :asOf and (a.valid_to is null "
                            + "or a.valid_to > :asOf) group by g.gid";
            jdbc.sql(sql)
                    .params(params)
                    .query((rs, n) -> {
                        key.put(
                                rs.getLong("gid"),
                                Map.of("KEY_COUNT", rs.getBigDecimal("n"), "KEY_TOTAL", rs.getBigDecimal("total")));
                        return null;
                    })
                    .list();
        }

        // 4. computations other modules answer from their own tables
        var external = new HashMap<Long, Map<String, BigDecimal>>();
        for (IndicatorSource source : sources) {
            var wanted = new LinkedHashSet<String>();
            indicators.stream()
                    .map(Indicator::computation)
                    .filter(source.computations()::contains)
                    .forEach(wanted::add);
            if (!wanted.isEmpty()) {
                source.compute(groups, wanted, from, to, asOf == null ? clock.instant() : asOf)
                        .forEach((gid, byComputation) -> external.computeIfAbsent(gid, k -> new HashMap<>())
                                .putAll(byComputation));
            }
        }

        for (Region g : groups) {
            var values2 = out.get(g.id());
            for (Indicator ind : indicators) {
                switch (ind.computation()) {
                    case "KEY_COUNT", "KEY_TOTAL" ->
                        values2.put(
                                ind.code(), key.getOrDefault(g.id(), Map.of()).get(ind.computation()));
                    case "TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS" ->
                        values2.put(
                                ind.code(), act.getOrDefault(g.id(), Map.of()).get(ind.computation()));
                    case "FUNDS_RATE" -> {
                        BigDecimal contract = cohortContract.get(g.id());
                        BigDecimal funds = cohortFunds.getOrDefault(g.id(), BigDecimal.ZERO);
                        values2.put(
                                ind.code(),
                                contract == null || contract.signum() == 0
                                        ? null
                                        : (funds == null ? BigDecimal.ZERO : funds)
                                                .divide(contract, 4, RoundingMode.HALF_UP));
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

    /**
     * The aggregates hold whole months, the current ledger and the catalogue's size bands: a period of whole months
     * and indicators whose size parameter is one of the bands (none for funds) can be read from them.
     */
    static boolean aggregatesAnswer(List<Indicator> indicators, LocalDate from, LocalDate to) {
        if (from.getDayOfMonth() != 1 || !to.equals(to.withDayOfMonth(to.lengthOfMonth()))) {
            return false;
        }
        for (Indicator ind : indicators) {
            boolean noSize = ind.minTotal() == null || ind.minTotal().signum() == 0;
            if (ind.computation().equals("FUNDS") && !noSize) {
                return false;
            }
            if (PROJECT_EXPR.containsKey(ind.computation()) && !noSize && band(ind.minTotal()) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int band(BigDecimal minTotal) {
        for (int i = 0; i < BANDS.size(); i++) {
            if (BANDS.get(i).compareTo(minTotal == null ? BigDecimal.ZERO : minTotal) == 0) {
                return i;
            }
        }
        return -1;
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
    private static String filter(
            Indicator ind, String col, Map<String, Object> params, String alias, boolean aggregated) {
        params.put("elig_" + col, ind.eligibleOnly());
        String eligible = "(not :elig_" + col + " or " + alias + ".counted)";
        if (aggregated) {
            if (!alias.equals("p")) {
                return eligible; // funds: no size parameter (aggregatesAnswer)
            }
            params.put("band_" + col, band(ind.minTotal()));
            return "p.band >= :band_" + col + " and " + eligible;
        }
        params.put("min_" + col, ind.minTotal() == null ? BigDecimal.ZERO : ind.minTotal());
        return "s.total_investment >= :min_" + col + " and " + eligible;
    }

    private static String eligibleFilter(String col, Map<String, Object> params, String alias) {
        params.put("elig_" + col, true);
        return "(not :elig_" + col + " or " + alias + ".counted)";
    }
}
