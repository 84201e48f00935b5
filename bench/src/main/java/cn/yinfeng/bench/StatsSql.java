package cn.yinfeng.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements {@code GET /api/v1/stats/dashboard} runs after authentication (which the floor call also pays), in
 * order, as {@code cn.yinfeng.stats.Stats.dashboard}, {@code StatsEngine.compute} (aggregate path),
 * {@code Regions.visible} and {@code Targets} build them for the bench user (scope: the whole province) and the
 * province root; and the funds-by-county pair that compares the aggregate with the detail rows. If those change,
 * change this class; the harness checks the dashboard's trend against the trend statement before timing.
 */
final class StatsSql {

    /** Index of the trend statement in {@link #dashboard}. */
    static final int TREND = 2;

    private static final String REGION_SELECT = "select id, code, name, short_name, level, parent_id, path, sort_order, "
            + "version from region";
    private static final String SCOPE = " id in (select scope_r.id from region scope_r where scope_r.path like ?)";
    private static final String SCOPE_PATTERN = "/1/%";
    private static final String DIRTY = "select exists (select 1 from stats_dirty)";

    private StatsSql() {}

    static List<AppSql.Query> dashboard(int year) {
        var out = new ArrayList<AppSql.Query>();
        // Stats.region(code) -> Regions.visible(scope, code)
        out.add(new AppSql.Query(REGION_SELECT + " where code = ? and" + SCOPE,
                List.of(DataLoader.ROOT_CODE, SCOPE_PATTERN)));
        // Stats.fresh()
        out.add(new AppSql.Query(DIRTY, List.of()));
        // Stats.monthlySigned
        out.add(new AppSql.Query("""
                select extract(year from p.month)::int as y, extract(month from p.month)::int as m, sum(p.amount) as amount
                  from stats_project_month p
                 where p.region_id = ? and p.event = 'SIGNED' and p.counted and p.month between ? and ?
                 group by 1, 2
                """, List.of(DataLoader.ROOT_ID, LocalDate.of(year - 1, 1, 1), LocalDate.of(year, 12, 1))));
        // Targets.indicator("SIGNED_AMOUNT") -> Catalogue.current(): the version in force (its catalogue is cached)
        out.add(new AppSql.Query("""
                select coalesce((select version from rule_version where effective_from <= ?
                                  order by effective_from desc, version desc limit 1),
                                (select min(version) from rule_version))
                """, List.of(LocalDate.of(year, 12, 31))));
        // Stats.ranking: Regions.visible(scope), then StatsEngine.compute over the cities
        out.add(new AppSql.Query(REGION_SELECT + " where" + SCOPE, List.of(SCOPE_PATTERN)));
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
        // Stats.chainMix, funnel, bands
        out.add(new AppSql.Query("""
                select coalesce(c.name, '未归链') as label, sum(x.amount) as v
                  from stats_chain_month x left join chain c on c.id = x.chain_id
                 where x.region_id = ? and x.counted and x.month between ? and ?
                 group by 1 order by 2 desc
                """, List.of(DataLoader.ROOT_ID, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 1))));
        out.add(new AppSql.Query("select s.stage, sum(s.projects) as n from stats_stage_month s where s.region_id = ? "
                + "group by 1", List.of(DataLoader.ROOT_ID)));
        out.add(new AppSql.Query("""
                select p.band, sum(p.projects) as n from stats_project_month p
                 where p.region_id = ? and p.event = 'SIGNED' and p.counted and p.month between ? and ?
                 group by 1
                """, List.of(DataLoader.ROOT_ID, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 1))));
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
}
