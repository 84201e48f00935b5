package cn.yinfeng.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Yinfeng API benchmark. In one run: start an embedded PostgreSQL and the application jar against it, load
 * deterministic data, then time each API call and, beside it, the SQL the application runs for it over plain JDBC,
 * and print one table against the targets. A missed target is reported, not failed: the exit code is non-zero only
 * when something broke (the app did not start, a call did not answer 200, SQL failed).
 */
public final class Main {

    private static final String SCOPE_PATH = "/1/"; // the bench user sits at the province root: it sees everything
    private static final long CITY_ID = 2;          // the first city, 13 of the 138 counties
    private static final String SEARCH_WORD = "氢能";
    private static final LocalDate SIGNED_FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate SIGNED_TO = LocalDate.of(2024, 12, 31);
    private static final int PAGE = 1000;
    private static final double OVERHEAD_TARGET = 1.5;
    private static final double DEEP_PAGE_TARGET = 1.3;
    private static final double PAGE1_TARGET_MS = 20;
    private static final int TARGET_SCALE = 1_000_000;

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    private enum Kind { ME, LIST, TOTALS }

    private record Scenario(String label, Kind kind, String path, AppSql.Query sql) {}

    /** {@code plan}: "generic" or "custom", the plan the server settled on for the timed SQL ("-" for none). */
    private record Result(Scenario scenario, Timing.Stats endpoint, Timing.Stats sql, String plan) {}

    // what cleanup() has to stop: set as soon as each is started, so a failure or Ctrl-C at any point stops them
    private static volatile EmbeddedPostgres postgres;
    private static volatile AppProcess app;
    // held for the whole run: two runs at once would share (and delete) each other's data directory
    private static FileChannel lock;
    private static LedgerBench.Suite suite; // --suite=api,ledger: which suites run (LedgerBench)

    private Main() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(Main::cleanup, "bench-cleanup"));
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE + LedgerBench.USAGE);
            return;
        }
        Path benchDir = benchDir();
        Options options;
        try {
            suite = LedgerBench.Suite.parse(args); // takes its options out, the rest is for Options
            options = Options.parse(suite.rest(), benchDir.getParent());
        } catch (IllegalArgumentException e) { // NumberFormatException included
            System.err.println("bench: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(options, benchDir);
        } catch (Throwable e) {
            System.err.println("bench FAILED: " + e);
            if (!(e instanceof IllegalStateException)) { // those carry their whole story in the message
                e.printStackTrace();
            }
            code = 1;
        } finally {
            cleanup();
        }
        // explicit exit: under exec:java returning from main would leave the HTTP client's threads to linger
        System.exit(code);
    }

    private static int run(Options o, Path benchDir) throws Exception {
        long t0 = System.nanoTime();
        Path target = benchDir.resolve("target");
        Files.createDirectories(target);
        lock = FileChannel.open(target.resolve("bench.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lock.tryLock() == null) {
            throw new IllegalStateException("another benchmark run is using " + target);
        }
        String loadBefore = loadAverage();
        AppProcess.requireJar(o.appJar());

        progress("starting embedded PostgreSQL");
        Path dataDir = target.resolve("pg");
        deleteRecursively(dataDir); // left over if an earlier run was killed; initdb needs an empty directory
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("timezone", "Asia/Shanghai")
                .setServerConfig("max_connections", "100")
                // room for the whole working set, as on a production server with this much memory
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("maintenance_work_mem", "512MB")
                // durability is not under test: these only speed up the bulk load, not the timed reads
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .start();
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        AppProcess.createRoles(jdbcUrl);

        progress("starting the application %s", o.appJar());
        app = AppProcess.start(o.appJar(), postgres.getPort(), target.resolve("app"), suite.jvmArgs(), suite.appArgs());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long appStart = System.nanoTime();
        app.awaitReady(http, Duration.ofSeconds(o.startTimeoutSeconds()));
        progress("application answered on port %d after %.1f s", app.port, seconds(appStart));

        progress("generating %,d projects (seed %d)", o.projects(), o.seed());
        DataLoader.Summary data = new DataLoader(jdbcUrl, o.projects(), o.seed()).load();
        progress("data generated in %.1f s", data.seconds());

        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            if (!suite.api()) {
                if (suite.stats()) {
                    Timing.Stats floor = floor(http, app.baseUrl(), o);
                    progress("statistics: rebuilding the aggregates, then timing them");
                    System.out.print(StatsBench.run(http, app.baseUrl(), db, floor, o.warmup(), o.requests(),
                            data.projects(), data.funds()));
                }
                if (suite.web()) {
                    web(o, http, benchDir.resolve("target"), db);
                }
                if (suite.work()) {
                    // the daily work alone (issue 20): the workbench and a batch approval
                    System.out.print(WorkbenchBench.run(app.baseUrl(), db, o.warmup(), o.requests()));
                    System.out.print(ReviewBench.run(http, app.baseUrl(), db));
                    commitments(app.baseUrl(), db, o);
                }
                if (suite.briefing()) {
                    progress("简报: publishing the province's month, then timing its .docx and PDF");
                    System.out.print(BriefingBench.run(http, app.baseUrl(), o.briefingWarmup(), o.briefingRequests()));
                }
                if (suite.ledger()) {
                    LedgerBench.run(suite, http, app.baseUrl(), db, app.log());
                }
                hold(o, app.baseUrl());
                return 0;
            }
            List<Scenario> scenarios = scenarios(db);
            String base = app.baseUrl();
            for (Scenario s : scenarios) {
                check(s, http, base, db);
            }
            // The app's JVM has just started: for its first thousand-odd requests it runs interpreted and compiles,
            // so without this the floor, timed first, would measure the JIT rather than the app.
            long tw = System.nanoTime();
            Scenario page1 = scenarios.get(1);
            for (int i = 0; i < o.jitWarmup(); i++) {
                get(http, base, scenarios.get(0).path());
                get(http, base, page1.path());
                query(db, page1.sql());
            }
            progress("HTTP and SQL return the same rows; JIT warm-up (%d rounds) took %.1f s; timing %d calls each "
                    + "after %d warm-up", o.jitWarmup(), seconds(tw), o.requests(), o.warmup());
            var results = new ArrayList<Result>();
            for (Scenario s : scenarios) {
                Timing.Stats endpoint = Timing.measure(o.warmup(), o.requests(), () -> get(http, base, s.path()));
                Timing.Stats sql = s.sql() == null ? null
                        : Timing.measure(o.warmup(), o.requests(), () -> query(db, s.sql()));
                results.add(new Result(s, endpoint, sql, s.sql() == null ? "-" : planKind(db, s.sql())));
            }
            progress("statistics: rebuilding the aggregates, then timing them");
            String statsReport = StatsBench.run(http, base, db, results.get(0).endpoint(), o.warmup(), o.requests(),
                    data.projects(), data.funds());
            report(o, data, db, results, loadBefore, seconds(t0));
            if (o.load()) {
                System.out.print(LoadBench.run(db, o.appJar(), postgres.getPort(), target, o.loadUsers(),
                        o.loadSeconds()));
            }
            System.out.print(statsReport);
            // after the load suite: the version it makes is in force from then on (and no longer plain)
            progress("rule versions: making one, then timing the summary and the explanation under it");
            System.out.print(StatsBench.ruleVersions(http, base, db, results.get(0).endpoint(), o.ruleWarmup(),
                    o.ruleRequests(), o.recomputeRuns()));
            System.out.printf("load average (1 min) after the rule-version scenarios %s%n", loadAverage());
            progress("workbench: signing in as city staff and timing GET / against its statements");
            System.out.print(WorkbenchBench.run(base, db, o.warmup(), o.requests()));
            progress("batch review: approving %d projects at once through the API", ReviewBench.BATCH);
            System.out.print(ReviewBench.run(http, base, db));
            commitments(base, db, o);
            if (suite.briefing()) {
                progress("简报: publishing the province's month, then timing its .docx and PDF");
                System.out.print(BriefingBench.run(http, base, o.briefingWarmup(), o.briefingRequests()));
            }
            if (o.explain()) {
                explain(db, scenarios);
            }
            if (suite.ledger()) {
                LedgerBench.run(suite, http, base, db, app.log());
            }
            hold(o, base);
        }
        return 0;
    }

    /** The county performance page (issue 23), in the workbench's session, after its commitments are written. */
    private static void commitments(String base, Connection db, Options o) throws Exception {
        progress("commitments: writing a third of the projects' commitments and actuals, then timing GET /commitments");
        System.out.print(CommitmentsBench.load(db));
        System.out.print(CommitmentsBench.run(base, db, o.warmup(), o.requests()));
    }

    /** The web suite: this instance, and a second one with the old static-file settings on the same database. */
    private static void web(Options o, HttpClient http, Path target, Connection db) throws Exception {
        progress("web: waiting for the readiness probe (warm-up), starting an instance with the old settings");
        double waited = app.awaitReadiness(http, Duration.ofSeconds(o.startTimeoutSeconds()));
        try (AppProcess old = AppProcess.start(o.appJar(), postgres.getPort(), target.resolve("app-old"), List.of(),
                WebBench.OLD_SETTINGS)) {
            old.awaitReady(http, Duration.ofSeconds(o.startTimeoutSeconds()));
            double oldWaited = old.awaitReadiness(http, Duration.ofSeconds(o.startTimeoutSeconds()));
            progress("web: ready after %.1f s more (this one) and %.1f s after answering (the old one)", waited,
                    oldWaited);
            System.out.print(WebBench.run(app.baseUrl(), old.baseUrl(), db));
        }
    }

    /** {@code --hold}: keeps PostgreSQL and the app up after the report, to look at them by hand. */
    private static void hold(Options o, String base) throws InterruptedException {
        if (o.holdSeconds() > 0) {
            progress("holding for %d s: PostgreSQL on port %d (user postgres, database postgres), app at %s, "
                    + "token %s", o.holdSeconds(), postgres.getPort(), base, DataLoader.TOKEN_SECRET);
            Thread.sleep(o.holdSeconds() * 1000L);
        }
    }

    /** The floor, {@code GET /api/v1/me}, timed after the JIT warm-up of the freshly started app. */
    private static Timing.Stats floor(HttpClient http, String base, Options o) throws Exception {
        for (int i = 0; i < o.jitWarmup(); i++) {
            get(http, base, "/api/v1/me");
        }
        return Timing.measure(o.warmup(), o.requests(), () -> get(http, base, "/api/v1/me"));
    }

    /** The five calls, with the SQL each runs; the page-1000 cursor and the city come from the loaded data. */
    private static List<Scenario> scenarios(Connection db) throws SQLException {
        long cursor;
        // the last row of page 999 in the list's order (id desc): its cursor "id|id" asks for page 1000
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select id from project order by id desc offset "
                     + ((PAGE - 1) * 20 - 1) + " limit 1")) {
            rs.next();
            cursor = rs.getLong(1);
        }
        String city = DataLoader.cityPath(CITY_ID);
        String q = URLEncoder.encode(SEARCH_WORD, StandardCharsets.UTF_8);
        var none = AppSql.Filter.NONE;
        return List.of(
                new Scenario("floor: GET /api/v1/me", Kind.ME, "/api/v1/me", null),
                new Scenario("list page 1", Kind.LIST, "/api/v1/projects?size=20", AppSql.list(none, SCOPE_PATH, null)),
                new Scenario("list page " + PAGE, Kind.LIST, "/api/v1/projects?size=20&cursor=" + cursor + "%7C" + cursor,
                        AppSql.list(none, SCOPE_PATH, cursor)),
                new Scenario("search q=" + SEARCH_WORD + " + city", Kind.LIST,
                        "/api/v1/projects?size=20&q=" + q + "&regionId=" + CITY_ID,
                        AppSql.list(new AppSql.Filter(SEARCH_WORD, city, null, null), SCOPE_PATH, null)),
                new Scenario("totals city + signed 2024", Kind.TOTALS,
                        "/api/v1/projects/totals?regionId=" + CITY_ID + "&signedFrom=" + SIGNED_FROM + "&signedTo="
                                + SIGNED_TO,
                        AppSql.totals(new AppSql.Filter(null, city, SIGNED_FROM, SIGNED_TO), SCOPE_PATH)));
    }

    /** Before timing: the endpoint and the mirrored SQL must return the same ids (or count), else the pair is moot. */
    private static void check(Scenario s, HttpClient http, String base, Connection db) throws Exception {
        String body = get(http, base, s.path());
        if (s.kind() == Kind.ME) {
            return;
        }
        List<String> sqlFirstColumn = query(db, s.sql());
        List<String> fromHttp = new ArrayList<>();
        Matcher m = (s.kind() == Kind.LIST ? ID : COUNT).matcher(body);
        while (m.find()) {
            fromHttp.add(m.group(1));
        }
        List<String> fromSql = sqlFirstColumn.subList(0, Math.min(sqlFirstColumn.size(), s.kind() == Kind.LIST ? 20 : 1));
        if (fromHttp.isEmpty() || !fromHttp.equals(fromSql)) {
            throw new IllegalStateException(s.label() + ": the endpoint and the SQL disagree (is AppSql out of date "
                    + "with ProjectQueries?)\n  HTTP: " + fromHttp + "\n  SQL:  " + fromSql);
        }
    }

    static String get(HttpClient http, String base, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(500, body.length())));
        }
        return response.body();
    }

    /**
     * Runs the statement as JdbcClient does (a new PreparedStatement each call, values bound, every column read) and
     * returns the first column. pgjdbc caches and server-prepares it after 5 uses, as on the app's pooled connection.
     */
    static List<String> query(Connection db, AppSql.Query q) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            bind(ps, q.params());
            var first = new ArrayList<String>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    first.add(rs.getString(1));
                    for (int i = 2; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
            return first;
        }
    }

    /**
     * Whether the server ran the timed statement with its generic or its custom plan, from pg_prepared_statements of
     * this connection (pgjdbc server-prepares it as {@code $1..$n}). The choice is made after five executions by
     * comparing estimated costs, so it can differ between runs; the app's connections see the same statistics.
     */
    static String planKind(Connection db, AppSql.Query q) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "select generic_plans, custom_plans from pg_prepared_statements where statement = ?")) {
            ps.setString(1, q.numbered());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "?";
                }
                return rs.getLong(1) > rs.getLong(2) ? "generic" : "custom";
            }
        }
    }

    /** Strings with setString, the rest with setObject: what Spring's StatementCreatorUtils does with these types. */
    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof String s) {
                ps.setString(i + 1, s);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private static void report(Options o, DataLoader.Summary data, Connection db, List<Result> results,
            String loadBefore, double wallSeconds) throws SQLException {
        String pgVersion;
        long hits;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                pgVersion = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from project where name like '%" + SEARCH_WORD + "%'")) {
                rs.next();
                hits = rs.getLong(1);
            }
        }
        Timing.Stats floor = results.get(0).endpoint();
        var out = new StringBuilder("\n");
        out.append(String.format("Yinfeng API benchmark: %,d projects, %,d follow-ups, %,d funds (seed %d); "
                + "generated in %.1f s%n", data.projects(), data.followups(), data.funds(), o.seed(), data.seconds()));
        out.append(String.format("machine: %d processors, Java %s (%s), PostgreSQL %s; %d timed calls after %d "
                + "warm-up (and %d JIT warm-up rounds), sequential, one HTTP/1.1 connection%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), pgVersion, o.requests(),
                o.warmup(), o.jitWarmup()));
        // other processes on the box (a build, browser tests) inflate the tails: say how busy it was
        out.append(String.format("load average (1 min) at start %s, after timing %s%n", loadBefore, loadAverage()));
        out.append(String.format("search word %s is in %,d project names (%.1f%%); city %d = %s%n%n", SEARCH_WORD, hits,
                100.0 * hits / data.projects(), CITY_ID, DataLoader.cityPath(CITY_ID)));
        String fmt = "%-28s %9s %9s %9s %9s %8s %9s   %-28s%n";
        out.append(String.format(fmt, "scenario", "HTTP p50", "HTTP p95", "SQL p50", "SQL p95", "SQL plan",
                "floor p95", "HTTP p95 / (floor + SQL p95)"));
        out.append("-".repeat(127)).append('\n');
        for (Result r : results) {
            String ratio = "";
            if (r.sql() != null) {
                double x = r.endpoint().p95() / (floor.p95() + r.sql().p95());
                ratio = String.format("%.2f <= %.1f %s", x, OVERHEAD_TARGET, verdict(x <= OVERHEAD_TARGET));
            }
            out.append(String.format(fmt, r.scenario().label(), ms(r.endpoint().p50()), ms(r.endpoint().p95()),
                    r.sql() == null ? "-" : ms(r.sql().p50()), r.sql() == null ? "-" : ms(r.sql().p95()), r.plan(),
                    ms(floor.p95()), ratio));
        }
        out.append("-".repeat(127)).append('\n');
        double page1 = results.get(1).endpoint().p95();
        double deep = results.get(2).endpoint().p95() / page1;
        out.append(String.format("page %d p95 / page 1 p95 = %.2f (target <= %.1f)  %s%n", PAGE, deep,
                DEEP_PAGE_TARGET, verdict(deep <= DEEP_PAGE_TARGET)));
        out.append(String.format("list page 1 p95 = %s ms (target <= %.0f ms at %,d projects; this run: %,d)  %s%n",
                ms(page1), PAGE1_TARGET_MS, TARGET_SCALE, data.projects(), verdict(page1 <= PAGE1_TARGET_MS)
                        + (data.projects() < TARGET_SCALE ? " (informational below the target scale)" : "")));
        out.append(String.format("wall time %.1f s (start, generation, measurement)%n", wallSeconds));
        System.out.print(out);
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of each statement twice: with the values bound (the custom plan of the first five
     * executions), and as the generic plan that a server-prepared statement may switch to from the sixth execution
     * on, which pgjdbc's statement cache makes the usual case for the application's repeated queries.
     */
    private static void explain(Connection db, List<Scenario> scenarios) throws SQLException {
        for (Scenario s : scenarios) {
            if (s.sql() == null) {
                continue;
            }
            System.out.println("\n==== " + s.label() + ": EXPLAIN (ANALYZE, BUFFERS), custom plan, values "
                    + s.sql().params());
            try (PreparedStatement ps = db.prepareStatement("explain (analyze, buffers) " + s.sql().sql())) {
                bind(ps, s.sql().params());
                printPlan(ps);
            }
            System.out.println("---- the same as a generic plan (plan_cache_mode = force_generic_plan):");
            var literals = new ArrayList<String>();
            for (Object v : s.sql().params()) {
                literals.add(v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'");
            }
            try (Statement st = db.createStatement()) {
                st.execute("set plan_cache_mode = force_generic_plan");
                st.execute("prepare bench_explain as " + s.sql().numbered());
                try (PreparedStatement ps = db.prepareStatement("explain (analyze, buffers) execute bench_explain("
                        + String.join(", ", literals) + ")")) {
                    printPlan(ps);
                } finally {
                    st.execute("deallocate bench_explain");
                    st.execute("reset plan_cache_mode");
                }
            }
        }
    }

    private static void printPlan(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
    }

    /** Stops the application, then PostgreSQL. Runs from main's finally and from the shutdown hook (Ctrl-C). */
    private static synchronized void cleanup() {
        AppProcess a = app;
        app = null;
        if (a != null) {
            a.close();
        }
        EmbeddedPostgres pg = postgres;
        postgres = null;
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("bench: stopping PostgreSQL failed: " + e);
            }
        }
    }

    /** bench/ itself: passed in by the pom (exec:java), else guessed from the working directory. */
    private static Path benchDir() {
        String prop = System.getProperty("bench.basedir");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath();
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("bench")) ? cwd.resolve("bench") : cwd;
    }

    /** The 1-minute load average (Linux), or "?" elsewhere. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void progress(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }

    private static String ms(double v) {
        return String.format("%.2f", v);
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
