package cn.yinfeng.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statements {@code GET /api/v1/stats/dashboard} runs after authentication (which the floor call also pays), in
 * order, as {@code cn.yinfeng.stats.Stats.dashboard}, {@code StatsEngine.compute} (aggregate path),
 * {@code Regions.visible} and {@code Targets} build them for the bench user (scope: the whole province) and the
 * province root; and the funds-by-county pair that compares the aggregate with the detail rows. If those change,
 * change this class; the harness checks the dashboard's trend against the trend statement before timing.
 *
 * <p>Also the statements of a summary and of a figure's explanation under a rule version that is not plain, computed
 * from the approved history: {@code Stats.summaryIn}, {@code StatsEngine.compute} (history path),
 * {@code LiveFigures}, {@code IndicatorSql}, {@code TalentIndicators}, {@code Targets.targets} and
 * {@code FigureExplanation}, rebuilt piece by piece from the version as {@code Catalogue.load} reads it, with
 * Spring's named parameters turned into {@code ?} in order of appearance as {@code NamedParameterUtils} does. The
 * harness checks the endpoints' figures against these statements before timing.
 */
final class StatsSql {

    /** Index of the series statement (trend, chains, funnel, bands) in {@link #dashboard}. */
    static final int SERIES = 7;

    private static final String REGION_SELECT = "select id, code, name, short_name, level, parent_id, path, sort_order, "
            + "version from region";
    private static final String SCOPE = " id in (select scope_r.id from region scope_r where scope_r.path like ?)";
    private static final String SCOPE_PATTERN = "/1/%";
    private static final String DIRTY = "select exists (select 1 from stats_dirty)";

    private StatsSql() {}

    static List<AppSql.Query> dashboard(int year) {
        var out = new ArrayList<AppSql.Query>();
        // CurrentUser.scope() -> Regions.scopeOf: the caller's own region
        out.add(new AppSql.Query(REGION_SELECT + " where id = ?", List.of(DataLoader.ROOT_ID)));
        // Stats.dashboard: Regions.visible(scope), the region asked for and the units below it among them
        out.add(new AppSql.Query(REGION_SELECT + " where" + SCOPE, List.of(SCOPE_PATTERN)));
        // Catalogue.current(): the version in force (its catalogue is cached)
        out.add(new AppSql.Query("""
                select coalesce((select version from rule_version where effective_from <= ?
                                  order by effective_from desc, version desc limit 1),
                                (select min(version) from rule_version))
                """, List.of(LocalDate.of(year, 12, 31))));
        // Stats.fresh(), then on the second connection StatsEngine.compute's own check and its statement
        out.add(new AppSql.Query(DIRTY, List.of()));
        out.add(new AppSql.Query(DIRTY, List.of()));
        var values = new ArrayList<String>();
        var params = new ArrayList<Object>();
        var cityIds = new ArrayList<Object>();
        for (int i = 0; i < DataLoader.CITIES; i++) {
            long city = 2 + i;
            values.add("(cast(? as bigint), cast(? as varchar))");
            params.add(city);
            params.add(DataLoader.cityPath(city));
            cityIds.add(city);
        }
        params.add(0);     // band of SIGNED_AMOUNT (no size parameter)
        params.add(true);  // eligible only
        params.add(true);  // cohort: eligible only
        params.add(LocalDate.of(year, 1, 1));
        params.add(LocalDate.of(year, 12, 1));
        out.add(new AppSql.Query("with grp(gid, gpath) as (values " + String.join(", ", values) + ") select g.gid, "
                + "sum(p.amount) filter (where p.event = 'SIGNED' and p.band >= ? and (not ? or p.counted)) as c0, "
                + "sum(p.amount) filter (where p.event = 'SIGNED' and (not ? or p.counted)) as cohort from grp g "
                + "join stats_project_month p on p.region_id = g.gid where p.month between ? and ? group by g.gid",
                params));
        // Targets.targets(units, year)
        var targetParams = new ArrayList<Object>(cityIds);
        targetParams.add(year);
        out.add(new AppSql.Query("select region_id, indicator_code, value from target where region_id in ("
                + String.join(", ", java.util.Collections.nCopies(cityIds.size(), "?")) + ") and year = ?",
                targetParams));
        // DashboardSeries.of: the trend, the chain mix, the funnel and the bands in one statement
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 1);
        long root = DataLoader.ROOT_ID;
        out.add(new AppSql.Query("""
                select 'T' as kind, (extract(year from p.month) * 100 + extract(month from p.month))::int as key,
                       null as label, sum(p.amount) as v
                  from stats_project_month p
                 where p.region_id = ? and p.event = 'SIGNED' and p.counted and p.month between ? and ?
                 group by 2
                union all
                select 'C', 0, coalesce(c.name, '未归链'), sum(x.amount)
                  from stats_chain_month x left join chain c on c.id = x.chain_id
                 where x.region_id = ? and x.counted and x.month between ? and ?
                 group by 3
                union all
                select 'F', 0, s.stage, sum(s.projects) from stats_stage_month s where s.region_id = ? group by 3
                union all
                select 'B', p.band, null, sum(p.projects)
                  from stats_project_month p
                 where p.region_id = ? and p.event = 'SIGNED' and p.counted and p.month between ? and ?
                 group by 2
                """, List.of(root, LocalDate.of(year - 1, 1, 1), to, root, from, to, root, root, from, to)));
        return out;
    }

    /** Approved funds of a year by credited county, computed from the detail rows as the live statistics do. */
    static AppSql.Query liveFundsByRegion(int year) {
        return new AppSql.Query("""
                select cr.rid, sum(cr.w * f.amount)
                  from project_fund f
                  join project_approved a on a.project_id = f.project_id and a.valid_to is null
                 cross join lateral (values (a.region_id, 1 - coalesce(a.attracting_share, 0) / 100.0),
                                            (a.attracting_region_id, coalesce(a.attracting_share, 0) / 100.0)) cr(rid, w)
                 where f.month between ? and ? and f.approved_at is not null and f.deleted_at is null
                   and cr.w > 0 and cr.rid is not null
                 group by cr.rid order by cr.rid
                """, List.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 1)));
    }

    /** The same from the monthly aggregate: the counties' own rows (cities and the province hold the roll-ups). */
    static AppSql.Query aggregateFundsByRegion(int year) {
        return new AppSql.Query("select f.region_id, sum(f.amount) from stats_fund_month f join region r on r.id = "
                + "f.region_id where r.level = 'COUNTY' and f.month between ? and ? group by f.region_id order by "
                + "f.region_id", List.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 1)));
    }

    // ------------------------------------------------------------------ rule versions, from the approved history

    /** {@code FigureExplanation.LIMIT}: rows an explanation lists at most. */
    static final int EXPLAIN_LIMIT = 2000;

    private static final List<String> ORIGINS = List.of("OVERSEAS", "OUT_OF_PROVINCE", "IN_PROVINCE", "IN_CITY");
    private static final List<String> TYPES = List.of("INDUSTRIAL", "SERVICE", "AGRI_TOURISM", "INFRASTRUCTURE",
            "OTHER");
    /** {@code IndicatorRules.PROJECT}: the computations over projects. */
    private static final Set<String> PROJECT = Set.of("SIGNED_COUNT", "SIGNED_AMOUNT", "SIGNED_USD",
            "REGISTERED_COUNT", "STARTED_COUNT", "PRODUCING_COUNT", "PERFORMANCE_RATE", "START_RATE",
            "PRODUCTION_RATE");
    private static final Set<String> ACTIVITY = Set.of("TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS");
    private static final Set<String> TALENT = Set.of("TALENTS_INTRODUCED", "TRAINING_ATTENDANCE");

    /** One definition of a version's catalogue (the fields the SQL reads). */
    record Indicator(String code, String computation, BigDecimal minTotal, BigDecimal maxTotal,
            List<String> fundOrigins, List<String> projectTypes, boolean eligibleOnly, boolean keyOnly) {}

    /** A rule version as {@code Catalogue.load} reads it; thresholds by type, {@code "*"} for every other type. */
    record Version(int version, boolean expansionsCount, String split, BigDecimal splitShare,
            List<String> excludedTypes, Map<String, BigDecimal> thresholds, List<Indicator> indicators) {

        /** {@code RuleVersion.plain}: what the monthly aggregates hold. */
        boolean plain() {
            return expansionsCount && split.equals("RECORDED") && excludedTypes.isEmpty() && thresholds.isEmpty();
        }
    }

    /** A region the statements are built for. */
    record Group(long id, String code, String path) {}

    static Version version(Connection db, int version) throws SQLException {
        var thresholds = new LinkedHashMap<String, BigDecimal>();
        try (PreparedStatement ps = db.prepareStatement(
                "select project_type, min_total from rule_threshold where version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    thresholds.put(rs.getString(1) == null ? "*" : rs.getString(1), rs.getBigDecimal(2));
                }
            }
        }
        var indicators = new ArrayList<Indicator>();
        try (PreparedStatement ps = db.prepareStatement(
                "select * from indicator_definition where version = ? order by sort_order, code")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indicators.add(new Indicator(rs.getString("code"), rs.getString("computation"),
                            rs.getBigDecimal("min_total"), rs.getBigDecimal("max_total"),
                            strings(rs.getArray("fund_origins")), strings(rs.getArray("project_types")),
                            rs.getBoolean("eligible_only"), rs.getBoolean("key_only")));
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("select * from rule_version where version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no rule version " + version);
                }
                return new Version(version, rs.getBoolean("expansions_count"), rs.getString("split_mode"),
                        rs.getBigDecimal("split_share"), strings(rs.getArray("excluded_types")), thresholds,
                        indicators);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * The statements of {@code GET /api/v1/stats/summary?region=&from=&to=&rules=<version>} for a version that is not
     * plain, in order: the region, the dirty check, then for the period and the same months a year earlier the
     * projects, their funds, activities, key projects and talent, then the targets. {@code projects} and
     * {@code funds} index the statements of the period; {@code columns} names each indicator's column in them.
     */
    record Summary(List<AppSql.Query> statements, int projects, int funds, Map<String, String> columns) {}

    static Summary ruleSummary(Version rules, Group group, YearMonth from, YearMonth to, Instant asOf) {
        var out = new ArrayList<AppSql.Query>();
        // Stats.region(code) -> Regions.visible(scope, code); Stats.fresh()
        out.add(new AppSql.Query(REGION_SELECT + " where code = ? and" + SCOPE, List.of(group.code(), SCOPE_PATTERN)));
        out.add(new AppSql.Query(DIRTY, List.of()));
        var columns = new LinkedHashMap<String, String>();
        int projects = out.size();
        compute(out, columns, rules, group, from.atDay(1), to.atEndOfMonth(), asOf);
        int funds = projects + 1;
        compute(out, new LinkedHashMap<>(), rules, group, from.minusYears(1).atDay(1),
                to.minusYears(1).atEndOfMonth(), asOf);
        // Targets.targets(regionId, year)
        out.add(new AppSql.Query("select indicator_code, value from target where region_id = ? and year = ?",
                List.of(group.id(), to.getYear())));
        return new Summary(out, projects, funds, columns);
    }

    /** StatsEngine.compute for one group, not from the aggregates: LiveFigures, activities, key projects, talent. */
    private static void compute(List<AppSql.Query> out, Map<String, String> columns, Version rules, Group group,
            LocalDate from, LocalDate to, Instant asOf) {
        List<Indicator> indicators = rules.indicators();
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put("fromMonth", from.withDayOfMonth(1));
        params.put("toMonth", to.withDayOfMonth(1));
        params.put("asOf", Timestamp.from(asOf));
        params.put("g0", group.id());
        params.put("p0", group.path());
        String grp = "with grp(gid, gpath) as (values (cast(:g0 as bigint), cast(:p0 as varchar)))";

        // LiveFigures.compute: the projects, then their funds
        var history = indicators.stream().filter(i -> PROJECT.contains(i.computation())
                || i.computation().equals("FUNDS") || i.computation().equals("FUNDS_RATE")).toList();
        String with = grp + ", " + snapshots(rules);
        String eligible = eligible(rules, "s");
        boolean fundsRate = history.stream().anyMatch(i -> i.computation().equals("FUNDS_RATE"));
        var select = new ArrayList<String>();
        for (Indicator ind : history) {
            String c = ind.computation();
            if (!PROJECT.contains(c)) {
                continue;
            }
            String col = "c" + select.size();
            String inPeriod = eventDate(c) + " between :from and :to and " + counts(ind, rules, "s");
            String numerator = rateNumerator(c);
            select.add(numerator == null
                    ? "sum(s.w * " + amount(c) + ") filter (where " + inPeriod + ") as " + col
                    : "coalesce(sum(s.w) filter (where " + inPeriod + " and " + numerator + "), 0) / "
                            + "nullif(sum(s.w) filter (where " + inPeriod + "), 0) as " + col);
            columns.put(ind.code(), col);
        }
        select.add("sum(s.w * " + amount("COHORT_CONTRACT") + ") filter (where s.signed_on between :from and :to and "
                + eligible + ") as cohort");
        out.add(named(with + " select s.gid, " + String.join(", ", select) + " from snap s group by s.gid", params));
        var fundSelect = new ArrayList<String>();
        for (Indicator ind : history) {
            if (!ind.computation().equals("FUNDS")) {
                continue;
            }
            String col = "f" + fundSelect.size();
            fundSelect.add("sum(s.w * f.amount) filter (where f.month between :fromMonth and :toMonth and "
                    + fundCounts(ind, rules) + ") as " + col);
            columns.put(ind.code(), col);
        }
        if (!fundSelect.isEmpty() || fundsRate) {
            fundSelect.add("sum(s.w * f.amount) filter (where s.signed_on between :from and :to and " + eligible
                    + ") as cohort_funds");
            out.add(named(with + " select s.gid, " + String.join(", ", fundSelect)
                    + " from snap s join project_fund f on f.project_id = s.project_id where f.month <= :toMonth and "
                    + fundValidAt("f") + " group by s.gid", params));
        }
        // activities done in the period
        if (indicators.stream().anyMatch(i -> ACTIVITY.contains(i.computation()))) {
            out.add(named(grp + """
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
                    """, params));
        }
        // key projects, a stock, from the history when the aggregates are not used
        if (indicators.stream().anyMatch(i -> i.computation().startsWith("KEY_"))) {
            out.add(named(grp + " select g.gid, count(*) as n, sum(a.total_investment) as total from grp g join region r "
                    + "on r.path like g.gpath || '%' join project_approved a on a.region_id = r.id where a.key_project "
                    + "and " + validAt("a") + " group by g.gid", params));
        }
        // TalentIndicators.compute
        if (indicators.stream().anyMatch(i -> TALENT.contains(i.computation()))) {
            out.add(named(grp + """
                     select g.gid,
                       (select count(*) from talent t join region r on r.id = t.region_id
                         where r.path like g.gpath || '%' and t.introduced_on between :from and :to
                           and t.created_at <= :asOf) as talents,
                       (select count(*) from talent_training_attendance a
                          join talent_training_session s on s.id = a.session_id
                          join talent_training_class c on c.id = s.class_id
                          join region r on r.id = c.region_id
                         where r.path like g.gpath || '%' and s.session_date between :from and :to
                           and a.created_at <= :asOf) as attendance
                      from grp g
                    """, params));
        }
    }

    /**
     * The statements of {@code GET /api/v1/stats/explain?region=&indicator=&from=&to=&rules=<version>}: the region,
     * then FigureExplanation's list (the first {@link #EXPLAIN_LIMIT} + 1 rows, each with the totals of all): the
     * approved projects of the period, counted or left out, and those recorded by then with no approved version.
     */
    static List<AppSql.Query> explain(Version rules, Indicator ind, Group group, YearMonth from, YearMonth to,
            Instant asOf) {
        var params = new HashMap<String, Object>();
        params.put("g", group.id());
        params.put("p", group.path());
        params.put("from", from.atDay(1));
        params.put("to", to.atEndOfMonth());
        params.put("asOf", Timestamp.from(asOf));
        String c = ind.computation();
        String date = eventDate(c);
        List<String[]> exclusions = exclusions(ind, rules, "s");
        String reason = exclusions.isEmpty() ? "cast(null as varchar)" : "case" + exclusions.stream()
                .map(e -> " when " + e[1] + " then '" + e[0] + "'").collect(Collectors.joining()) + " end";
        String adds = rateNumerator(c) == null ? "s.w * " + amount(c) : "s.w";
        String sql = "with grp(gid, gpath) as (values (cast(:g as bigint), cast(:p as varchar))), " + snapshots(rules)
                + """
                , rows as (
                  select s.project_id, s.name, r.name as region_name, %1$s as d, s.w, %2$s as adds, s.fund_origin,
                         s.project_type, s.total_investment, %3$s as reason
                    from snap s join region r on r.id = s.region_id
                   where %1$s between :from and :to
                  union all
                  select p.id, p.name, r.name, %5$s, 1.0, %6$s, p.fund_origin, p.project_type, p.total_investment,
                         'PROJECT_NOT_APPROVED'
                    from project p join region r on r.id = p.region_id
                   where %5$s between :from and :to and p.created_at <= :asOf
                     and exists (select 1 from region gr join grp g on gr.path like g.gpath || '%%'
                                  where gr.id in (p.region_id, p.attracting_region_id))
                     and not exists (select 1 from project_approved a where a.project_id = p.id and %7$s))
                select *, count(*) filter (where reason is null) over () as n_counted,
                       count(*) filter (where reason is not null) over () as n_left,
                       sum(adds) filter (where reason is null) over () as total
                  from rows order by reason nulls first, d, project_id limit %4$d
                """.formatted(date, adds, reason, EXPLAIN_LIMIT + 1, date.replace("s.", "p."),
                rateNumerator(c) == null ? amount(c).replace("s.", "p.") : "1.0",
                "(" + validAt("a") + " or (a.backfilled and a.valid_from > :asOf))");
        return List.of(new AppSql.Query(REGION_SELECT + " where code = ? and" + SCOPE,
                List.of(group.code(), SCOPE_PATTERN)), named(sql, params));
    }

    // IndicatorSql, piece by piece

    /** LiveFigures.snapshots: the approved rows valid at :asOf with their credit weight for the group. */
    private static String snapshots(Version rules) {
        String share = attractingShare(rules, "a");
        return """
                snap as (
                  select a.*, cr.w, g.gid
                    from project_approved a
                   cross join lateral (values (a.region_id, 1 - %1$s / 100.0),
                                              (a.attracting_region_id, %1$s / 100.0)) cr(rid, w)
                    join region r on r.id = cr.rid
                    join grp g on r.path like g.gpath || '%%'
                   where %2$s and cr.w > 0)
                """.formatted(share, validAt("a"));
    }

    private static String validAt(String alias) {
        String a = alias + ".";
        return "(" + a + "valid_from <= :asOf and (" + a + "valid_to is null or " + a + "valid_to > :asOf))";
    }

    private static String fundValidAt(String alias) {
        String a = alias + ".";
        return a + "approved_at <= :asOf and (" + a + "deleted_at is null or " + a + "deleted_at > :asOf)";
    }

    private static String fundCounts(Indicator ind, Version rules) {
        var withoutOrigins = new Indicator(ind.code(), ind.computation(), ind.minTotal(), ind.maxTotal(), List.of(),
                ind.projectTypes(), ind.eligibleOnly(), ind.keyOnly());
        String project = counts(withoutOrigins, rules, "s");
        return ind.fundOrigins().isEmpty() ? project
                : "coalesce(f.origin, '') in " + list(ind.fundOrigins()) + " and " + project;
    }

    private static String eventDate(String computation) {
        return switch (computation) {
            case "REGISTERED_COUNT" -> "s.registered_on";
            case "STARTED_COUNT" -> "s.started_on";
            case "PRODUCING_COUNT" -> "s.producing_on";
            default -> "s.signed_on";
        };
    }

    private static String amount(String computation) {
        return switch (computation) {
            case "SIGNED_AMOUNT", "COHORT_CONTRACT" -> "coalesce(s.contract_amount, s.total_investment)";
            case "SIGNED_USD" -> "case when s.foreign_currency = 'USD' then s.foreign_amount end";
            default -> "1";
        };
    }

    private static String rateNumerator(String computation) {
        return switch (computation) {
            case "PERFORMANCE_RATE" -> "s.stage in ('REGISTERED', 'STARTED', 'PRODUCING', 'FULL_PRODUCTION')";
            case "START_RATE" -> "s.started_on is not null";
            case "PRODUCTION_RATE" -> "s.producing_on is not null";
            default -> null;
        };
    }

    /** IndicatorSql.exclusions: {code, condition}, in the order they are tested. */
    private static List<String[]> exclusions(Indicator ind, Version rules, String alias) {
        var out = new ArrayList<String[]>();
        String a = alias + ".";
        if (ind.minTotal() != null && ind.minTotal().signum() > 0) {
            out.add(new String[] {"BELOW_BAND", a + "total_investment < " + ind.minTotal().toPlainString()});
        }
        if (ind.maxTotal() != null) {
            out.add(new String[] {"ABOVE_BAND", a + "total_investment >= " + ind.maxTotal().toPlainString()});
        }
        if (!ind.fundOrigins().isEmpty()) {
            out.add(new String[] {"ORIGIN", "coalesce(" + a + "fund_origin, '') not in " + list(ind.fundOrigins())});
        }
        if (!ind.projectTypes().isEmpty()) {
            out.add(new String[] {"TYPE", "coalesce(" + a + "project_type, '') not in " + list(ind.projectTypes())});
        }
        if (ind.keyOnly()) {
            out.add(new String[] {"NOT_KEY", "not " + a + "key_project"});
        }
        if (ind.computation().equals("SIGNED_USD")) {
            out.add(new String[] {"NO_USD", "(" + a + "foreign_currency is distinct from 'USD' or " + a
                    + "foreign_amount is null)"});
        }
        if (ind.eligibleOnly()) {
            out.addAll(eligibility(rules, alias));
        }
        return out;
    }

    private static List<String[]> eligibility(Version rules, String alias) {
        String a = alias + ".";
        var out = new ArrayList<String[]>();
        out.add(new String[] {"NOT_COUNTED", "not " + a + "counted"});
        if (!rules.excludedTypes().isEmpty()) {
            out.add(new String[] {"EXCLUDED_TYPE", "coalesce(" + a + "project_type, '') in "
                    + list(rules.excludedTypes())});
        }
        if (!rules.thresholds().isEmpty()) {
            out.add(new String[] {"BELOW_THRESHOLD", a + "total_investment < " + threshold(rules, alias)});
        }
        if (!rules.expansionsCount()) {
            out.add(new String[] {"EXPANSION", a + "expansion_of_id is not null"});
        }
        return out;
    }

    private static String threshold(Version rules, String alias) {
        BigDecimal any = rules.thresholds().get("*");
        String otherwise = any == null ? "0" : any.toPlainString();
        String byType = rules.thresholds().entrySet().stream()
                .filter(e -> !e.getKey().equals("*"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> " when '" + e.getKey() + "' then " + e.getValue().toPlainString())
                .collect(Collectors.joining());
        return byType.isEmpty() ? otherwise
                : "(case coalesce(" + alias + ".project_type, '')" + byType + " else " + otherwise + " end)";
    }

    private static String counts(Indicator ind, Version rules, String alias) {
        List<String[]> ex = exclusions(ind, rules, alias);
        return ex.isEmpty() ? "true" : ex.stream().map(e -> "not (" + e[1] + ")").collect(Collectors.joining(" and "));
    }

    private static String eligible(Version rules, String alias) {
        return eligibility(rules, alias).stream().map(e -> "not (" + e[1] + ")").collect(Collectors.joining(" and "));
    }

    private static String attractingShare(Version rules, String alias) {
        String a = alias + ".";
        return switch (rules.split()) {
            case "LANDING" -> "0";
            case "FIXED" -> "(case when " + a + "attracting_region_id is not null and " + a + "attracting_region_id <> "
                    + a + "region_id then " + rules.splitShare().toPlainString() + " else 0 end)";
            default -> "coalesce(" + a + "attracting_share, 0)";
        };
    }

    private static String list(List<String> constants) {
        for (String c : constants) {
            if (!ORIGINS.contains(c) && !TYPES.contains(c)) {
                throw new IllegalArgumentException("not a known origin or type: " + c);
            }
        }
        return constants.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Spring's named parameters as {@code NamedParameterUtils} expands them: each {@code :name} outside quotes becomes
     * {@code ?} with its value appended (a name used twice is bound twice); {@code ::} casts are left alone.
     */
    static AppSql.Query named(String sql, Map<String, Object> values) {
        var out = new StringBuilder();
        var params = new ArrayList<Object>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (ch == ':' && !quoted) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                    out.append("::");
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                if (j > i + 1) {
                    String name = sql.substring(i + 1, j);
                    if (!values.containsKey(name)) {
                        throw new IllegalArgumentException("no value for :" + name);
                    }
                    out.append('?');
                    params.add(values.get(name));
                    i = j - 1;
                    continue;
                }
            }
            out.append(ch);
        }
        return new AppSql.Query(out.toString(), params);
    }
}
