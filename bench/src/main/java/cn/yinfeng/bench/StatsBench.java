package cn.yinfeng.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics targets of issue #5 at province scale, in one run:
 * <ol>
 *   <li>a full rebuild of the monthly aggregates and a refresh of one month, both timed inside the application
 *       (reported by the admin endpoints), medians of several runs: refresh ÷ rebuild ≤ 0.1;</li>
 *   <li>funds arrived by county for one year from the aggregate against the same GROUP BY over the detail rows
 *       (5 million fund records at 1 million projects), over JDBC, after checking both return the same sums:
 *       aggregate ÷ live ≤ 0.05;</li>
 *   <li>{@code /api/v1/stats/summary} for the whole province and a year: p95 ≤ 50 ms;</li>
 *   <li>{@code /api/v1/stats/dashboard} for the province against the statements it runs ({@link StatsSql}), after
 *       checking that its trend equals theirs: HTTP p95 ÷ (floor p95 + SQL p95) ≤ 1.2.</li>
 * </ol>
 */
final class StatsBench {

    private static final double REFRESH_TARGET = 0.1;
    private static final double AGGREGATE_TARGET = 0.05;
    private static final double SUMMARY_TARGET_MS = 50;
    private static final double DASHBOARD_TARGET = 1.2;
    private static final int YEAR = 2024;
    private static final Pattern MILLIS = Pattern.compile("\"millis\":(\\d+)");
    private static final Pattern TREND = Pattern.compile("\"trend\":\\[(.*?)]");
    private static final Pattern VALUE = Pattern.compile("\"value\":([0-9.]+)");

    private StatsBench() {}

    /** Runs the four measurements and returns the report lines. */
    static String run(HttpClient http, String base, Connection db, Timing.Stats floor, int warmup, int requests,
            int projects, long funds) throws Exception {
        var out = new StringBuilder();
        out.append(String.format("%nStatistics at %,d projects and %,d fund records%n", projects, funds));
        out.append("-".repeat(127)).append('\n');

        // 1. rebuild and one month, timed by the application itself
        long[] rebuild = new long[3];
        for (int i = 0; i < rebuild.length; i++) {
            rebuild[i] = millis(post(http, base, "/api/v1/stats/aggregates/rebuild"));
        }
        long[] refresh = new long[7];
        for (int i = 0; i < refresh.length; i++) {
            refresh[i] = millis(post(http, base, "/api/v1/stats/aggregates/refresh?month=" + YEAR + "-03"));
        }
        double rebuildMs = median(rebuild);
        double refreshMs = median(refresh);
        long rows = count(db, "select (select count(*) from stats_project_month) + (select count(*) from "
                + "stats_chain_month) + (select count(*) from stats_stage_month) + (select count(*) from "
                + "stats_fund_month)");
        out.append(String.format("aggregates: %,d rows; full rebuild median %.0f ms %s, one month refresh median %.0f ms"
                + " %s%n", rows, rebuildMs, Arrays.toString(rebuild), refreshMs, Arrays.toString(refresh)));
        double refreshRatio = refreshMs / rebuildMs;
        out.append(String.format("refresh of one month / full rebuild = %.3f (target <= %.1f)  %s%n", refreshRatio,
                REFRESH_TARGET, verdict(refreshRatio <= REFRESH_TARGET)));

        // 2. the aggregate against the live GROUP BY, same sums first
        AppSql.Query live = StatsSql.liveFundsByRegion(YEAR);
        AppSql.Query agg = StatsSql.aggregateFundsByRegion(YEAR);
        List<String> a = pairs(db, live);
        List<String> b = pairs(db, agg);
        if (a.isEmpty() || !a.equals(b)) {
            throw new IllegalStateException("funds by region: the aggregate and the detail rows disagree\n  live: "
                    + a.subList(0, Math.min(5, a.size())) + "\n  agg:  " + b.subList(0, Math.min(5, b.size())));
        }
        Timing.Stats liveT = Timing.measure(2, 11, () -> Main.query(db, live));
        Timing.Stats aggT = Timing.measure(warmup, requests, () -> Main.query(db, agg));
        double aggRatio = aggT.p50() / liveT.p50();
        out.append(String.format("funds by county, %d: live GROUP BY p50 %.1f ms (p95 %.1f), aggregate p50 %.2f ms "
                + "(p95 %.2f), %d regions agree%n", YEAR, liveT.p50(), liveT.p95(), aggT.p50(), aggT.p95(), a.size()));
        out.append(String.format("aggregate / live GROUP BY (p50) = %.4f (target <= %.2f)  %s%n", aggRatio,
                AGGREGATE_TARGET, verdict(aggRatio <= AGGREGATE_TARGET)));

        // 3. summary of the province for a year (this year and last, every indicator, targets)
        String summary = "/api/v1/stats/summary?region=" + DataLoader.ROOT_CODE + "&from=" + YEAR + "-01&to=" + YEAR
                + "-12";
        Main.get(http, base, summary);
        Timing.Stats summaryT = Timing.measure(warmup, requests, () -> Main.get(http, base, summary));
        out.append(String.format("GET %s: p50 %.2f ms, p95 %.2f ms (target p95 <= %.0f ms)  %s%n", summary,
                summaryT.p50(), summaryT.p95(), SUMMARY_TARGET_MS, verdict(summaryT.p95() <= SUMMARY_TARGET_MS)));

        // 4. the dashboard against its statements
        String dashboard = "/api/v1/stats/dashboard?region=" + DataLoader.ROOT_CODE + "&to=" + YEAR + "-12";
        List<AppSql.Query> statements = StatsSql.dashboard(YEAR);
        checkTrend(Main.get(http, base, dashboard), db, statements);
        Timing.Stats dashT = Timing.measure(warmup, requests, () -> Main.get(http, base, dashboard));
        Timing.Stats sqlT = Timing.measure(warmup, requests, () -> {
            for (AppSql.Query q : statements) {
                Main.query(db, q);
            }
        });
        double dashRatio = dashT.p95() / (floor.p95() + sqlT.p95());
        out.append(String.format("GET %s: p50 %.2f ms, p95 %.2f ms; its %d statements p50 %.2f ms, p95 %.2f ms; "
                + "floor p95 %.2f ms%n", dashboard, dashT.p50(), dashT.p95(), statements.size(), sqlT.p50(), sqlT.p95(),
                floor.p95()));
        out.append(String.format("dashboard p95 / (floor p95 + SQL p95) = %.2f (target <= %.1f)  %s%n", dashRatio,
                DASHBOARD_TARGET, verdict(dashRatio <= DASHBOARD_TARGET)));
        return out.toString();
    }

    /** The dashboard's trend (this year's twelve months) must equal the trend statement's sums. */
    private static void checkTrend(String body, Connection db, List<AppSql.Query> statements) throws SQLException {
        Matcher m = TREND.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("dashboard: no trend in " + body.substring(0, Math.min(300, body.length())));
        }
        var fromHttp = new BigDecimal[12];
        Arrays.fill(fromHttp, BigDecimal.ZERO);
        Matcher v = VALUE.matcher(m.group(1));
        for (int i = 0; i < 12 && v.find(); i++) {
            fromHttp[i] = new BigDecimal(v.group(1));
        }
        var fromSql = new BigDecimal[12];
        Arrays.fill(fromSql, BigDecimal.ZERO);
        try (PreparedStatement ps = db.prepareStatement(statements.get(StatsSql.TREND).sql())) {
            Main.bind(ps, statements.get(StatsSql.TREND).params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt("y") == YEAR) {
                        fromSql[rs.getInt("m") - 1] = rs.getBigDecimal("amount");
                    }
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            if (fromHttp[i].compareTo(fromSql[i].setScale(2, java.math.RoundingMode.HALF_UP)) != 0) {
                throw new IllegalStateException("dashboard trend month " + (i + 1) + ": HTTP " + fromHttp[i] + ", SQL "
                        + fromSql[i]);
            }
        }
    }

    /** "region=sum" pairs, sums compared as numbers. */
    private static List<String> pairs(Connection db, AppSql.Query q) throws SQLException {
        var out = new ArrayList<String>();
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            Main.bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + "=" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
                }
            }
        }
        return out;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String post(HttpClient http, String base, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    private static long millis(String body) {
        Matcher m = MILLIS.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no millis in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    static LocalDate jan(int year) {
        return LocalDate.of(year, 1, 1);
    }
}
