package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorRules;
import cn.yinfeng.targets.IndicatorSource;
import cn.yinfeng.targets.RuleVersion;
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
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Computes indicators for groups of regions (one region, or the units of a ranking) under a rule version, in a few
 * readable queries: projects, funds ({@link AggregateFigures} or {@link LiveFigures}), activities, key projects, and
 * the computations other modules answer. The rules, in the SQL ({@link IndicatorSql}):
 * <ul>
 *   <li>only approved versions count, taken as they stood at {@code asOf} ({@code project_approved} validity);</li>
 *   <li>a project counts once, in the period of its signing date; an expansion is its own project with the added
 *       amount (or, under a version where expansions do not count, not at all); indicators restricted to eligible
 *       projects leave out those marked not counted, below the version's threshold or of an excluded type;</li>
 *   <li>a project attracted by one region and landing in another is credited to each by the version's split rule;</li>
 *   <li>rates are over the cohort signed in the period.</li>
 * </ul>
 */
@Component
class StatsEngine {

    /** Keys under which the figure sources hand back the cohorts of 资金到位率. */
    static final String COHORT_CONTRACT = "#cohort_contract";

    static final String COHORT_FUNDS = "#cohort_funds";

    private static final Set<String> ACTIVITY = IndicatorRules.ACTIVITY;

    private final JdbcClient jdbc;
    private final List<IndicatorSource> sources;
    private final StatsAggregates aggregates;
    private final AggregateFigures aggregated;
    private final LiveFigures live;
    private final Clock clock;

    StatsEngine(
            JdbcClient jdbc,
            List<IndicatorSource> sources,
            StatsAggregates aggregates,
            AggregateFigures aggregated,
            LiveFigures live,
            Clock clock) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.aggregates = aggregates;
        this.aggregated = aggregated;
        this.live = live;
        this.clock = clock;
    }

    /**
     * Values by group id and indicator code under a rule version. Counts may be fractional where credit is split.
     * {@code asOf} null means now: then the indicators the monthly aggregates hold (whole months, plain rules, see
     * {@link AggregateFigures#answers}) are read from them (brought up to date first), the rest from the approved
     * history.
     */
    Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups,
            List<Indicator> indicators,
            LocalDate from,
            LocalDate to,
            @Nullable Instant asOf,
            RuleVersion rules) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        groups.forEach(g -> out.put(g.id(), new LinkedHashMap<>()));
        if (groups.isEmpty()) {
            return out;
        }
        boolean aggregatable = asOf == null && wholeMonths(from, to) && rules.plain();
        var fromAggregates = new ArrayList<Indicator>();
        var fromHistory = new ArrayList<Indicator>();
        for (Indicator ind : indicators) {
            if (IndicatorRules.PROJECT.containsKey(ind.computation())
                    || ind.computation().equals("FUNDS")
                    || ind.computation().equals("FUNDS_RATE")) {
                (aggregatable && AggregateFigures.answers(ind) ? fromAggregates : fromHistory).add(ind);
            }
        }
        boolean keyFromAggregates = aggregatable;
        if (aggregatable && aggregates.dirty()) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                // refreshing takes a transaction (and connection) of its own; taken while the caller's transaction
                // holds one, every request thread can end up holding one connection and waiting for a second, the
                // pool runs dry and nothing moves until the pool's timeout. Callers refresh before their transaction
                // (Stats, MonthlyReport); a write that landed since is read from the history instead, exactly.
                fromHistory.addAll(fromAggregates);
                fromAggregates.clear();
                keyFromAggregates = false;
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
        String grp = "with grp(gid, gpath) as (values " + String.join(", ", values) + ")";

        // 1-2. projects and their funds, from the aggregates or the history
        var figures = new HashMap<Long, Map<String, BigDecimal>>();
        var fromAgg = fromAggregates.isEmpty()
                ? Map.<Long, Map<String, BigDecimal>>of()
                : aggregated.compute(grp, params, fromAggregates);
        var fromLive = fromHistory.isEmpty()
                ? Map.<Long, Map<String, BigDecimal>>of()
                : live.compute(grp, params, fromHistory, rules);
        // the funds rate takes its cohorts from the source that answered it
        boolean rateFromAggregates =
                fromAggregates.stream().anyMatch(i -> i.computation().equals("FUNDS_RATE"));
        for (Region g : groups) {
            Map<String, BigDecimal> agg = fromAgg.getOrDefault(g.id(), Map.of());
            Map<String, BigDecimal> hist = fromLive.getOrDefault(g.id(), Map.of());
            var v = new HashMap<String, BigDecimal>(agg);
            v.putAll(hist);
            Map<String, BigDecimal> cohorts = rateFromAggregates ? agg : hist;
            v.put(COHORT_CONTRACT, cohorts.get(COHORT_CONTRACT));
            v.put(COHORT_FUNDS, cohorts.get(COHORT_FUNDS));
            figures.put(g.id(), v);
        }
        grp = grp + ", ";
        // 3. activities: done ones in the period, recorded by the as-of date
        var act = new HashMap<Long, Map<String, BigDecimal>>();
        if (indicators.stream().anyMatch(i -> ACTIVITY.contains(i.computation()))) {
            // the same pieces the explanation lists the records with (RecordSql)
            var columns = new ArrayList<String>();
            RecordSql.ACTIVITIES.forEach((c, a) -> columns.add(a.figure() + " as " + c.toLowerCase()));
            jdbc.sql(grp.substring(0, grp.length() - 2) + " select g.gid, " + String.join(", ", columns)
                            + " from grp g")
                    .params(params)
                    .query((rs, n) -> {
                        act.put(
                                rs.getLong("gid"),
                                Map.of(
                                        "TRIPS",
                                        rs.getBigDecimal("trips"),
                                        "POINT_TO_POINT",
                                        rs.getBigDecimal("point_to_point"),
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
            String sql = keyFromAggregates
                    ? grp.substring(0, grp.length() - 2) + " select g.gid, sum(k.projects) as n, sum(k.total) as total "
                            + "from grp g join stats_stage_month k on k.region_id = g.gid and k.key_project group by g.gid"
                    : grp.substring(0, grp.length() - 2) + " select g.gid, count(*) as n, sum(a.total_investment) as "
                            + "total from " + RecordSql.keyProjects() + " group by g.gid";
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
                        BigDecimal contract = figures.get(g.id()).get(COHORT_CONTRACT);
                        BigDecimal funds = figures.get(g.id()).get(COHORT_FUNDS);
                        values2.put(
                                ind.code(),
                                contract == null || contract.signum() == 0
                                        ? null
                                        : (funds == null ? BigDecimal.ZERO : funds)
                                                .divide(contract, 4, RoundingMode.HALF_UP));
                    }
                    default -> {
                        if (figures.get(g.id()).containsKey(ind.code())) {
                            values2.put(ind.code(), figures.get(g.id()).get(ind.code()));
                        }
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
     * Reads a figures query's rows, one per group ({@code gid}): each indicator's column by its code, and the cohort
     * column under {@code cohortKey}.
     */
    static void readByGroup(
            JdbcClient.StatementSpec statement,
            Map<String, String> columns,
            String cohortKey,
            String cohortColumn,
            Map<Long, Map<String, BigDecimal>> out) {
        statement
                .query((rs, n) -> {
                    var values = out.computeIfAbsent(rs.getLong("gid"), k -> new HashMap<>());
                    for (var e : columns.entrySet()) {
                        values.put(e.getKey(), rs.getBigDecimal(e.getValue()));
                    }
                    values.put(cohortKey, rs.getBigDecimal(cohortColumn));
                    return null;
                })
                .list();
    }

    static boolean wholeMonths(LocalDate from, LocalDate to) {
        return from.getDayOfMonth() == 1 && to.equals(to.withDayOfMonth(to.lengthOfMonth()));
    }

    /** Counts and amounts read as 0 when nothing matched; rates stay null (no cohort, no rate). */
    private static BigDecimal normalise(Indicator ind, BigDecimal v) {
        if (ind.unit() == Indicator.Unit.RATE) {
            return v == null ? null : v.setScale(4, RoundingMode.HALF_UP);
        }
        if (v == null) {
            return ind.unit() == Indicator.Unit.WAN || ind.unit() == Indicator.Unit.USD
                    ? new BigDecimal("0.00")
                    : BigDecimal.ZERO;
        }
        if (ind.unit() == Indicator.Unit.WAN || ind.unit() == Indicator.Unit.USD) {
            return v.setScale(2, RoundingMode.HALF_UP);
        }
        // counts: whole unless credit was split
        BigDecimal whole = v.setScale(0, RoundingMode.HALF_UP);
        return whole.compareTo(v) == 0 ? whole : v.setScale(2, RoundingMode.HALF_UP);
    }
}
