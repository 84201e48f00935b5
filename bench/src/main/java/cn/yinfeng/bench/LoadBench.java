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

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The load suite ({@code --load}): {@link LoadSimulation} with Gatling, first against a freshly started instance,
 * then against it and a second fresh instance on the same database (Gatling spreads its users over both); each
 * takes traffic once its readiness probe answers, after its own warm-up, as behind a load balancer. Gatling prints
 * each run's requests, errors (anything but the expected statuses), throughput and p50/p95/p99; target p95 ≤ 500 ms.
 */
final class LoadBench {

    private static final double P95_TARGET_MS = 500;
    private static final String LEADER_PASSWORD = "Bench#Load2024";

    private LoadBench() {}

    record Run(String label, String report) {}

    static String run(Connection db, Path jar, int pgPort, Path target, int users, int seconds)
            throws Exception {
        prepareUsers(db);
        String ids = projectIds(db);
        var runs = new ArrayList<Run>();
        // both runs from a cold start, as after a deployment: each new instance takes traffic only once its readiness
        // probe answers 200, i.e. after its own warm-up (cn.yinfeng.web.WarmUp); no unmeasured run before
        var http = java.net.http.HttpClient.newHttpClient();
        Main.progress("load: starting a fresh application instance, waiting for its readiness probe");
        try (AppProcess first = AppProcess.start(jar, pgPort, target.resolve("app-load1"))) {
            first.awaitReady(http, java.time.Duration.ofSeconds(240));
            double ready = first.awaitReadiness(http, java.time.Duration.ofSeconds(240));
            runs.add(gatling(String.format("one instance, cold (ready %.0f s after it answered)", ready),
                    first.baseUrl(), ids, users, seconds, target));
            Main.progress("load: a second fresh instance, waiting for its readiness probe");
            try (AppProcess second = AppProcess.start(jar, pgPort, target.resolve("app-load2"))) {
            second.awaitReady(http, java.time.Duration.ofSeconds(240));
            double ready2 = second.awaitReadiness(http, java.time.Duration.ofSeconds(240));
            runs.add(gatling(String.format("two instances, the second cold (ready %.0f s)", ready2),
                    first.baseUrl() + "," + second.baseUrl(), ids, users, seconds, target));
            }
        }
        var out = new StringBuilder(String.format("%nLoad (Gatling, %d concurrent users of mixed roles for %d s, "
                + "closed model, 1-2 s pauses): Gatling printed each run's requests, errors, p50/p95/p99 and "
                + "throughput above (target p95 <= %.0f ms, no errors but the expected 409s); HTML reports:%n", users,
                seconds, P95_TARGET_MS));
        for (Run r : runs) {
            out.append(String.format("  %-38s %s%n", r.label(), r.report()));
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
        return new Run(label, report.resolve("index.html").toString());
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
                + "region_id, password_changed_at) values (?, ?, ?, ?, now()) on conflict (lower(username)) do update set "
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
