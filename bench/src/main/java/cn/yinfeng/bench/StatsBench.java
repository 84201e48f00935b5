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
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * And those of issue #19 ({@link #ruleVersions}), after the others since the version it makes is in force from then
 * on: a rule version that is not plain made through the API, a city's summary of a year under it and a city's
 * explanation of a figure, each against its statements ({@link StatsSql#ruleSummary}, {@link StatsSql#explain}):
 * HTTP p95 ÷ (floor p95 + SQL p95) ≤ 1.5; and the province's year under it, the recomputation after a rule change
 * (median of a few, reported).
 */
final class StatsBench {

    private static final double REFRESH_TARGET = 0.1;
    private static final double AGGREGATE_TARGET = 0.05;
    private static final double SUMMARY_TARGET_MS = 50;
    private static final double DASHBOARD_TARGET = 1.2;
    private static final double RULES_TARGET = 1.5;
    private static final StatsSql.Group CITY = new StatsSql.Group(2, "530100", DataLoader.cityPath(2));
    private static final StatsSql.Group PROVINCE = new StatsSql.Group(DataLoader.ROOT_ID, DataLoader.ROOT_CODE, "/1/");
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

    /**
     * Issue #19: makes a rule version through the API (a threshold of 5000 万元 for every type, expansions not
     * counting, in force from 2024-01-01), then times a city's 2024 summary and its SIGNED_COUNT explanation under
     * it against their statements, and the province's 2024 summary under it.
     */
    static String ruleVersions(HttpClient http, String base, Connection db, Timing.Stats floor, int warmup,
            int requests, int recomputeRuns) throws Exception {
        var out = new StringBuilder();
        out.append(String.format("%nRule versions (summary and explanation from the approved history)%n"));
        out.append("-".repeat(127)).append('\n');
        long latest = count(db, "select max(version) from rule_version");
        String created = send(http, base, "/api/v1/rule-versions", 201, """
                {"basedOn": %d, "effectiveFrom": "%d-01-01", "note": "压测：门槛5000万元，扩建项目不计",
                 "rules": {"expansionsCount": false, "split": "RECORDED", "excludedTypes": [],
                           "thresholds": {"*": 5000}}}
                """.formatted(latest, YEAR));
        Matcher vm = Pattern.compile("^\\{\"version\":(\\d+)").matcher(created);
        if (!vm.find()) {
            throw new IllegalStateException("POST /api/v1/rule-versions: no version in " + created);
        }
        int version = Integer.parseInt(vm.group(1));
        StatsSql.Version rules = StatsSql.version(db, version);
        if (rules.plain()) {
            throw new IllegalStateException("rule version " + version + " is plain: " + rules);
        }
        out.append(String.format("POST /api/v1/rule-versions made version %d (based on %d): threshold %s 万元 for "
                + "every type, expansions not counting, split %s, %d indicators%n", version, latest,
                rules.thresholds().get("*").toPlainString(), rules.split(), rules.indicators().size()));
        YearMonth from = YearMonth.of(YEAR, 1);
        YearMonth to = YearMonth.of(YEAR, 12);
        String period = "&from=" + from + "&to=" + to + "&rules=" + version;

        // a. a city's summary of the year under the version
        String summary = "/api/v1/stats/summary?region=" + CITY.code() + period;
        StatsSql.Summary sql = StatsSql.ruleSummary(rules, CITY, from, to, Instant.now());
        String body = Main.get(http, base, summary);
        checkSummary(body, db, sql, "city summary");
        String plainBody = Main.get(http, base, "/api/v1/stats/summary?region=" + CITY.code() + "&from=" + from
                + "&to=" + to + "&rules=" + latest);
        out.append(String.format("city %s, %d: SIGNED_COUNT %s under version %d, %s under version %d (aggregates); "
                + "HTTP and SQL agree on %d figures%n", CITY.code(), YEAR, value(body, "SIGNED_COUNT"), version,
                value(plainBody, "SIGNED_COUNT"), latest, sql.columns().size()));
        Timing.Stats summaryT = Timing.measure(warmup, requests, () -> Main.get(http, base, summary));
        Timing.Stats summarySql = Timing.measure(warmup, requests, () -> {
            for (AppSql.Query q : sql.statements()) {
                Main.query(db, q);
            }
        });
        out.append(ratioLine(summary, summaryT, sql.statements().size(), summarySql, floor, warmup, requests,
                Main.planKind(db, sql.statements().get(sql.projects()))));

        // b. a city's explanation of SIGNED_COUNT under the version
        String explain = "/api/v1/stats/explain?region=" + CITY.code() + "&indicator=SIGNED_COUNT" + period;
        StatsSql.Indicator signed = rules.indicators().stream().filter(i -> i.code().equals("SIGNED_COUNT"))
                .findFirst().orElseThrow();
        List<AppSql.Query> explainSql = StatsSql.explain(rules, signed, CITY, from, to, Instant.now());
        String explained = Main.get(http, base, explain);
        String listed = checkExplain(explained, db, explainSql.get(1), value(body, "SIGNED_COUNT"));
        out.append(String.format("explanation of SIGNED_COUNT, city %s, %s..%s: %s%n", CITY.code(), from, to,
                listed));
        Timing.Stats explainT = Timing.measure(warmup, requests, () -> Main.get(http, base, explain));
        Timing.Stats explainSqlT = Timing.measure(warmup, requests, () -> {
            for (AppSql.Query q : explainSql) {
                Main.query(db, q);
            }
        });
        out.append(ratioLine(explain, explainT, explainSql.size(), explainSqlT, floor, warmup, requests,
                Main.planKind(db, explainSql.get(1))));

        // c. the province's year recomputed under the version: nothing is kept, every call reads the history
        String province = "/api/v1/stats/summary?region=" + PROVINCE.code() + period;
        StatsSql.Summary provinceSql = StatsSql.ruleSummary(rules, PROVINCE, from, to, Instant.now());
        checkSummary(Main.get(http, base, province), db, provinceSql, "province summary");
        long[] runs = new long[recomputeRuns];
        for (int i = 0; i < runs.length; i++) {
            long t0 = System.nanoTime();
            Main.get(http, base, province);
            runs[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long[] sqlRuns = new long[recomputeRuns];
        for (int i = 0; i < sqlRuns.length; i++) {
            long t0 = System.nanoTime();
            for (AppSql.Query q : provinceSql.statements()) {
                Main.query(db, q);
            }
            sqlRuns[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        out.append(String.format("recomputing a year after a rule change: GET %s median %.0f ms %s; its %d statements "
                + "median %.0f ms %s (reported, no target)%n", province, median(runs), Arrays.toString(runs),
                provinceSql.statements().size(), median(sqlRuns), Arrays.toString(sqlRuns)));
        return out.toString();
    }

    /** {@code plan}: the plan the server settled on for the main statement on the bench's connection. */
    private static String ratioLine(String path, Timing.Stats http, int statements, Timing.Stats sql,
            Timing.Stats floor, int warmup, int requests, String plan) {
        double ratio = http.p95() / (floor.p95() + sql.p95());
        return String.format("GET %s: p50 %.2f ms, p95 %.2f ms; its %d statements p50 %.2f ms, p95 %.2f ms (main "
                + "statement's plan: %s); floor p95 %.2f ms; %d calls after %d warm-up%n", path, http.p50(), http.p95(),
                statements, sql.p50(), sql.p95(), plan, floor.p95(), requests, warmup)
                + String.format("  p95 / (floor p95 + SQL p95) = %.2f (target <= %.1f)  %s%n", ratio, RULES_TARGET,
                        verdict(ratio <= RULES_TARGET));
    }

    /** Every project and fund figure of the summary must equal its column in the statements, rounded as the app. */
    private static void checkSummary(String body, Connection db, StatsSql.Summary sql, String what)
            throws SQLException {
        Map<String, BigDecimal> projects = row(db, sql.statements().get(sql.projects()));
        Map<String, BigDecimal> funds = row(db, sql.statements().get(sql.funds()));
        for (var e : sql.columns().entrySet()) {
            BigDecimal fromSql = (e.getValue().startsWith("f") ? funds : projects).get(e.getValue());
            String http = value(body, e.getKey());
            BigDecimal h = http.equals("null") ? null : new BigDecimal(http);
            // the app rounds counts and amounts to the scale it shows (a null count or amount reads as 0)
            boolean same = h == null ? fromSql == null
                    : h.compareTo(fromSql == null ? BigDecimal.ZERO
                            : fromSql.setScale(Math.max(0, h.scale()), java.math.RoundingMode.HALF_UP)) == 0;
            if (!same) {
                throw new IllegalStateException(what + " " + e.getKey() + ": HTTP " + http + ", SQL " + fromSql);
            }
        }
    }

    /** The list's totals must equal the statement's, and its total the summary's figure. */
    private static String checkExplain(String body, Connection db, AppSql.Query q, String figure)
            throws SQLException {
        Matcher m = Pattern.compile("\"total\":([0-9.]+),\"counted\":(\\d+),\"leftOut\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("explain: no totals in " + body.substring(0, Math.min(300, body.length())));
        }
        long rows = 0;
        String counted = null;
        String left = null;
        BigDecimal total = null;
        var reasons = new java.util.TreeMap<String, Integer>();
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            Main.bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    counted = rs.getString("n_counted");
                    left = rs.getString("n_left");
                    total = rs.getBigDecimal("total");
                    reasons.merge(String.valueOf(rs.getString("reason")), 1, Integer::sum);
                }
            }
        }
        boolean same = m.group(2).equals(counted) && m.group(3).equals(left) && total != null
                && new BigDecimal(m.group(1)).compareTo(total) == 0 && new BigDecimal(figure).compareTo(total) == 0;
        if (!same) {
            throw new IllegalStateException("explain: HTTP total " + m.group(1) + ", counted " + m.group(2)
                    + ", left out " + m.group(3) + "; SQL " + total + ", " + counted + ", " + left + "; summary "
                    + figure);
        }
        return String.format("%s counted (total %s = the summary's figure), %s left out, %d rows listed (reasons in "
                + "the list: %s); HTTP and SQL agree", counted, m.group(1), left, Math.min(rows,
                StatsSql.EXPLAIN_LIMIT), reasons);
    }

    /** The first row of a statement, by column label. */
    private static Map<String, BigDecimal> row(Connection db, AppSql.Query q) throws SQLException {
        var out = new java.util.HashMap<String, BigDecimal>();
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            Main.bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.put(rs.getMetaData().getColumnLabel(i), rs.getBigDecimal(i));
                    }
                }
            }
        }
        return out;
    }

    /** An indicator's value in a summary answer ("null" when it has none). */
    private static String value(String body, String code) {
        Matcher m = Pattern.compile("\"code\":\"" + code + "\",[^}]*?\"value\":(-?[0-9.]+|null)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("summary: no " + code + " in " + body.substring(0, Math.min(300,
                    body.length())));
        }
        return m.group(1);
    }

    private static String send(HttpClient http, String base, String path, int status, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    /** The dashboard's trend (this year's twelve months) must equal the series statement's trend rows. */
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
        try (PreparedStatement ps = db.prepareStatement(statements.get(StatsSql.SERIES).sql())) {
            Main.bind(ps, statements.get(StatsSql.SERIES).params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int key = rs.getInt("key");
                    if (rs.getString("kind").equals("T") && key / 100 == YEAR) {
                        fromSql[key % 100 - 1] = rs.getBigDecimal("v");
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
