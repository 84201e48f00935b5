package cn.yinfeng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The load suite ({@code --load}): {@link LoadSimulation} with Gatling, first against the one application instance,
 * then against it and a second instance on the same database (Gatling spreads its users over both). Reported per run:
 * requests, errors (anything but the expected statuses), throughput, and p50/p95/p99 of all requests, of the API and
 * of the pages, against p95 ≤ 500 ms.
 */
final class LoadBench {

    private static final double P95_TARGET_MS = 500;
    private static final String LEADER_PASSWORD = "Bench#Load2024";

    private LoadBench() {}

    record Run(String label, long requests, long errors, double rps, double p50, double p95, double p99, String report) {}

    static String run(Connection db, String base, Path jar, int pgPort, Path target, int users, int seconds)
            throws Exception {
        prepareUsers(db);
        String ids = projectIds(db);
        var runs = new ArrayList<Run>();
        runs.add(gatling("one instance", base, ids, users, seconds, target));
        Main.progress("load: starting a second application instance");
        try (AppProcess second = AppProcess.start(jar, pgPort, target.resolve("app2"))) {
            var http = java.net.http.HttpClient.newHttpClient();
            second.awaitReady(http, java.time.Duration.ofSeconds(240));
            runs.add(gatling("two instances", base + "," + second.baseUrl(), ids, users, seconds, target));
        }
        var out = new StringBuilder(String.format("%nLoad (Gatling, %d concurrent users of mixed roles for %d s, "
                + "closed model, 1-2 s pauses)%n", users, seconds));
        String fmt = "%-16s %10s %8s %9s %9s %9s %9s   %s%n";
        out.append(String.format(fmt, "run", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "report"));
        out.append("-".repeat(127)).append('\n');
        for (Run r : runs) {
            out.append(String.format(fmt, r.label(), r.requests(), r.errors(), String.format("%.1f", r.rps()),
                    String.format("%.0f", r.p50()), String.format("%.0f", r.p95()), String.format("%.0f", r.p99()),
                    r.report()));
        }
        out.append("-".repeat(127)).append('\n');
        for (Run r : runs) {
            out.append(String.format("%s: p95 %.0f ms (target <= %.0f ms) %s; errors %d %s%n", r.label(), r.p95(),
                    P95_TARGET_MS, r.p95() <= P95_TARGET_MS ? "PASS" : "MISS", r.errors(),
                    r.errors() == 0 ? "PASS" : "MISS"));
        }
        if (runs.size() == 2 && runs.get(0).rps() > 0) {
            out.append(String.format("throughput two instances / one = %.2f%n", runs.get(1).rps() / runs.get(0).rps()));
        }
        return out.toString();
    }

    private static Run gatling(String label, String urls, String ids, int users, int seconds, Path target)
            throws Exception {
        Path results = target.resolve("gatling");
        Files.createDirectories(results);
        System.setProperty("load.urls", urls);
        System.setProperty("load.users", String.valueOf(users));
        System.setProperty("load.seconds", String.valueOf(seconds));
        System.setProperty("load.countyToken", "bench-county-token");
        System.setProperty("load.cityToken", DataLoader.TOKEN_SECRET);
        System.setProperty("load.leaderUser", "bench-leader");
        System.setProperty("load.leaderPassword", LEADER_PASSWORD);
        System.setProperty("load.projectIds", ids);
        Main.progress("load: %s, %d users for %d s against %s", label, users, seconds, urls);
        long before = System.currentTimeMillis();
        io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"--simulation", LoadSimulation.class.getName(),
            "--results-folder", results.toString(), "--run-description", label});
        Path report;
        try (var dirs = Files.list(results)) {
            report = dirs.filter(Files::isDirectory).filter(d -> d.toFile().lastModified() >= before - 1000)
                    .max(Comparator.comparingLong(d -> d.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no Gatling report in " + results));
        }
        return parse(label, report);
    }

    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*\\{[^}]*?\"total\"\\s*:\\s*\"?([0-9.]+)");

    /** The global figures of a Gatling report ({@code js/global_stats.json}). */
    static Run parse(String label, Path report) throws IOException {
        Path stats = report.resolve("js/global_stats.json");
        if (!Files.exists(stats)) {
            throw new IllegalStateException("no global_stats.json in " + report);
        }
        String json = Files.readString(stats);
        long total = (long) value(json, "numberOfRequests");
        double ko = 0;
        Matcher m = Pattern.compile("\"numberOfRequests\"\\s*:\\s*\\{[^}]*?\"ko\"\\s*:\\s*\"?([0-9.]+)").matcher(json);
        if (m.find()) {
            ko = Double.parseDouble(m.group(1));
        }
        return new Run(label, total, (long) ko, value(json, "meanNumberOfRequestsPerSecond"),
                value(json, "percentiles1"), value(json, "percentiles3"), value(json, "percentiles4"),
                report.toString());
    }

    private static double value(String json, String key) {
        Matcher m = Pattern.compile(NUMBER.pattern().formatted(Pattern.quote(key))).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in the Gatling report");
        }
        return Double.parseDouble(m.group(1));
    }

    /** A county staff member and a leader with real passwords and tokens (the API user exists already). */
    private static void prepareUsers(Connection db) throws SQLException {
        String hash = new BCryptPasswordEncoder(10).encode(LEADER_PASSWORD);
        long county = insertUser(db, "bench-county", DataLoader.FIRST_COUNTY_ID, "COUNTY_STAFF", hash);
        insertToken(db, county, "bench-county-token");
        insertUser(db, "bench-leader", DataLoader.ROOT_ID, "LEADER", hash);
    }

    private static long insertUser(Connection db, String username, long region, String role, String hash)
            throws SQLException {
        long id;
        try (PreparedStatement ps = db.prepareStatement("insert into app_user (username, display_name, password_hash, "
                + "region_id, password_changed_at) values (?, ?, ?, ?, now()) on conflict (username) do update set "
                + "password_hash = excluded.password_hash returning id")) {
            ps.setString(1, username);
            ps.setString(2, username);
            ps.setString(3, hash);
            ps.setLong(4, region);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = db.prepareStatement("insert into user_role (user_id, role) values (?, ?) on conflict "
                + "do nothing")) {
            ps.setLong(1, id);
            ps.setString(2, role);
            ps.executeUpdate();
        }
        return id;
    }

    private static void insertToken(Connection db, long user, String secret) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("insert into api_token (user_id, name, token_hash, token_prefix, "
                + "created_at, expires_at) values (?, 'load', ?, ?, now(), now() + interval '30 days') on conflict do "
                + "nothing")) {
            ps.setLong(1, user);
            ps.setString(2, DataLoader.sha256Hex(secret));
            ps.setString(3, secret.substring(0, 8));
            ps.executeUpdate();
        }
    }

    /** Projects of the county user's county, the ones they open, edit and follow up. */
    private static String projectIds(Connection db) throws SQLException {
        var ids = new ArrayList<String>();
        try (PreparedStatement ps = db.prepareStatement("select id from project where region_id = ? order by id "
                + "limit 500")) {
            ps.setLong(1, DataLoader.FIRST_COUNTY_ID);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return String.join(",", ids);
    }
}
