package cn.yinfeng.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 23, the county performance page: {@code GET /commitments} (履约监测) as the workbench's city reviewer sees it
 * (city staff of the first city, in the session {@link WorkbenchBench} signed in), after a third of all projects are
 * given three contract commitments (investment, output, jobs, due one to three years after signing) and yearly
 * actuals for 2022–2025 (some years unreported, some short). Set against the page's two statements run over JDBC
 * (copied from {@code CommitmentBoard.board} and {@code redList}, whose page carries its count; change them
 * when those change), with
 * {@code GET /inbox/badge} in the same session as the floor. Target: page p95 ÷ (floor p95 + SQL p95) ≤ 1.5.
 */
final class CommitmentsBench {

    private static final double TARGET = 1.5;
    private static final long CITY_ID = 2;
    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    /** {@code CommitmentBoard.STATUS}. */
    private static final String STATUS = """
            select c.id, c.project_id, c.kind, p.region_id,
                   case when c.kind in ('START', 'PRODUCTION') then
                          case when r.reached is not null then
                                 case when r.reached > c.due_on then 'MET_LATE' else 'MET' end
                               when :today > c.due_on then 'SHORT' else 'PENDING' end
                        when a.reported and a.by_due >= c.amount then 'MET'
                        when a.met_later then 'MET_LATE'
                        when :today <= c.due_on then 'PENDING'
                        when not a.reported then 'UNREPORTED'
                        else 'SHORT' end as status,
                   case when c.kind in ('START', 'PRODUCTION') then null
                        when c.amount > 0 then round((c.amount - coalesce(a.by_due, 0)) * 100 / c.amount, 1)
                   end as short_share,
                   case when c.kind = 'INVESTMENT' then greatest(c.amount - coalesce(a.by_due, 0), 0) else 0 end
                       as investment_short
              from project_commitment c
              join project p on p.id = c.project_id
             cross join lateral (select case c.kind when 'START' then p.started_on
                                                    when 'PRODUCTION' then p.producing_on end as reached) r
             cross join lateral (
                   select case when c.kind = 'INVESTMENT'
                               then coalesce(sum(x.amount) filter (where x.year <= extract(year from c.due_on)), 0)
                               else max(x.amount) filter (where x.year = extract(year from c.due_on)) end as by_due,
                          case when c.kind = 'INVESTMENT'
                               then count(*) filter (where x.year <= extract(year from c.due_on)) > 0
                               else count(*) filter (where x.year = extract(year from c.due_on)) > 0 end as reported,
                          case when c.kind = 'INVESTMENT'
                               then count(*) filter (where x.year > extract(year from c.due_on)) > 0
                                    and coalesce(sum(x.amount), 0) >= c.amount
                               else coalesce(bool_or(x.amount >= c.amount)
                                        filter (where x.year > extract(year from c.due_on)), false) end as met_later
                     from project_actual x
                    where x.project_id = c.project_id and x.kind = c.kind and x.recorded_at <= :asOf) a
            """;

    /** {@code RegionScope.where("p.region_id")}, inside the status statement. */
    private static final String SCOPED =
            "p.region_id in (select scope_r.id from region scope_r where scope_r.path like :scopePath)";

    /** {@code CommitmentBoard.board}. */
    private static final String BOARD = """
            with s as (%s where %s), proj as (
                select s.project_id, s.region_id, count(*) filter (where s.status <> 'PENDING') as due,
                       bool_and(s.status in ('MET', 'MET_LATE') or s.status = 'PENDING') as none_behind,
                       count(*) filter (where s.kind in ('OUTPUT', 'TAX') and s.status in ('MET', 'MET_LATE'))
                           as output_kept
                  from s group by s.project_id, s.region_id),
            eff as (select proj.region_id, count(*) as effective from proj
                     where proj.due > 0 and proj.none_behind and proj.output_kept > 0 group by proj.region_id)
            select rg.id, rg.name, rg.path,
                   count(distinct s.project_id) as projects, count(*) as commitments,
                   count(*) filter (where s.status <> 'PENDING') as due,
                   count(*) filter (where s.status in ('MET', 'MET_LATE')) as kept,
                   count(*) filter (where s.status = 'SHORT') as short,
                   count(*) filter (where s.status = 'UNREPORTED') as unreported,
                   coalesce(sum(s.investment_short) filter (where s.status = 'SHORT'), 0) as investment_short,
                   coalesce(max(eff.effective), 0) as effective
              from s join region rg on rg.id = s.region_id left join eff on eff.region_id = rg.id
             group by rg.id, rg.name, rg.path order by rg.path
            """.formatted(STATUS, SCOPED);

    /** {@code CommitmentBoard.redList}'s rows (no county picked) with their number, before the page's order. */
    private static final String RED = """
            with s as (%s where %s)
            select s.project_id, p.code, p.name, rg.name as region_name,
                   count(*) filter (where s.status in ('SHORT', 'UNREPORTED')) as behind,
                   count(*) filter (where s.status <> 'PENDING') as due,
                   max(s.short_share) filter (where s.status in ('SHORT', 'UNREPORTED')) as worst,
                   coalesce(sum(s.investment_short) filter (where s.status = 'SHORT'), 0) as investment_short,
                   count(*) over () as listed
              from s join project p on p.id = s.project_id join region rg on rg.id = s.region_id
             where true
             group by s.project_id, p.code, p.name, rg.name
            having count(*) filter (where s.status in ('SHORT', 'UNREPORTED')) > 0
            """.formatted(STATUS, SCOPED);

    private CommitmentsBench() {}

    /** The commitments and actuals of a third of the projects, written by the server in two statements. */
    static String load(Connection db) throws SQLException {
        long t0 = System.nanoTime();
        long commitments;
        long actuals;
        try (Statement s = db.createStatement()) {
            commitments = s.executeUpdate("""
                    insert into project_commitment (project_id, kind, due_on, amount, clause, updated_at)
                    select p.id, k.kind,
                           (coalesce(p.signed_on, date '2022-03-01') + make_interval(years => k.years)
                               + make_interval(days => (p.id % 200)::int))::date,
                           case k.kind when 'JOBS' then 20 + p.id % 400
                                else greatest(round(p.total_investment * k.share, 2), 1) end,
                           '第' || k.clause || '条', now()
                      from project p
                     cross join (values ('INVESTMENT', 2, 0.6, '五'), ('OUTPUT', 3, 0.25, '六'),
                                        ('JOBS', 3, 0, '七')) as k(kind, years, share, clause)
                     where p.id % 3 = 0
                    """);
            // a year's figure is 40 % to 130 % of a year's share of the promise; every seventh project-year unreported
            actuals = s.executeUpdate("""
                    insert into project_actual (project_id, kind, year, amount, recorded_at)
                    select c.project_id, c.kind, y.year,
                           round(c.amount * (case c.kind when 'INVESTMENT' then 0.35 else 1 end)
                                 * (40 + (c.project_id * 7 + y.year) % 91) / 100, case c.kind when 'JOBS' then 0 else 2 end),
                           now() - interval '1 day'
                      from project_commitment c
                     cross join generate_series(2022, 2025) as y(year)
                     where (c.project_id + y.year) % 7 <> 0
                    """);
            s.execute("analyze project_commitment");
            s.execute("analyze project_actual");
        }
        return String.format("commitments: %,d commitments and %,d yearly actuals for a third of the projects, "
                + "written in %.1f s%n", commitments, actuals, (System.nanoTime() - t0) / 1e9);
    }

    static String run(String base, Connection db, int warmup, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        List<AppSql.Query> statements = statements();
        check(WorkbenchBench.page(http, base, "/commitments"), db, statements);
        Timing.Stats floor = Timing.measure(warmup, requests, () -> WorkbenchBench.page(http, base, "/inbox/badge"));
        Timing.Stats pageT = Timing.measure(warmup, requests, () -> WorkbenchBench.page(http, base, "/commitments"));
        Timing.Stats sqlT = Timing.measure(warmup, requests, () -> {
            for (AppSql.Query q : statements) {
                Main.query(db, q);
            }
        });
        var each = new StringBuilder();
        String[] names = {"board (per county)", "red list page 1 with its count"};
        for (int i = 0; i < statements.size(); i++) {
            AppSql.Query q = statements.get(i);
            Timing.Stats t = Timing.measure(3, 21, () -> Main.query(db, q));
            each.append(String.format("  %-20s p50 %8.2f ms  p95 %8.2f ms%n", names[i], t.p50(), t.p95()));
        }
        double ratio = pageT.p95() / (floor.p95() + sqlT.p95());
        return String.format("%nCounty performance (GET /commitments as city staff of one city, same session)%n")
                + "-".repeat(110) + '\n'
                + String.format("GET /commitments: p50 %.2f ms, p95 %.2f ms; its %d statements p50 %.2f ms, p95 %.2f ms; "
                        + "floor (GET /inbox/badge) p50 %.2f ms, p95 %.2f ms; %d calls after %d warm-up%n",
                        pageT.p50(), pageT.p95(), statements.size(), sqlT.p50(), sqlT.p95(), floor.p50(), floor.p95(),
                        requests, warmup)
                + each
                + String.format("performance page p95 / (floor p95 + SQL p95) = %.2f (target <= %.1f)  %s%n", ratio,
                        TARGET, ratio <= TARGET ? "PASS" : "MISS");
    }

    /** The page's statements with the values the app binds, in order: today and now in Beijing, the city's path. */
    static List<AppSql.Query> statements() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var values = Map.<String, Object>of(
                "today", today, "asOf", Timestamp.from(Instant.now()), "scopePath", "/1/" + CITY_ID + "/%",
                "size", 20, "off", 0L);
        var out = new ArrayList<AppSql.Query>();
        out.add(bind(BOARD, values));
        out.add(bind(RED + " order by behind desc, worst desc nulls last, investment_short desc, p.code "
                + "limit :size offset :off", values));
        return out;
    }

    /** Named parameters as JdbcClient expands them: each occurrence a {@code ?} bound with its value. */
    private static AppSql.Query bind(String sql, Map<String, Object> values) {
        var params = new ArrayList<Object>();
        Matcher m = NAMED.matcher(sql);
        var text = new StringBuilder();
        while (m.find()) {
            params.add(values.get(m.group(1)));
            m.appendReplacement(text, "?");
        }
        m.appendTail(text);
        return new AppSql.Query(text.toString(), params);
    }

    /** The page lists the red list's first project, and the board's counties, as its statements give them. */
    private static void check(String html, Connection db, List<AppSql.Query> statements) throws SQLException {
        List<String> counties = Main.query(db, statements.get(0));
        if (counties.isEmpty()) {
            throw new IllegalStateException("commitments: the city has no commitments to show");
        }
        long behind = 0;
        String first = null;
        try (var ps = db.prepareStatement(statements.get(1).sql())) {
            Main.bind(ps, statements.get(1).params());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    first = rs.getString("code");
                    behind = rs.getLong("listed");
                }
            }
        }
        if (behind == 0 || first == null || !html.contains(first)) {
            throw new IllegalStateException("commitments: the page does not show the red list's first project "
                    + first + " (" + behind + " behind)");
        }
    }
}
