package cn.yinfeng.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application under test as a child process ({@code java -jar}), pointed at the benchmark's PostgreSQL with the
 * {@code prod} profile, so the API runs as in production: Flyway migrations, no demo data, real token checks.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The file the app's standard output and error go to (the ledger suite reads its import timings there). */
    Path log() {
        return log;
    }

    /** Fails before anything is started when there is no jar to run. */
    /** One random key per run, the same for every instance (they share the database). */
    private static final String TALENT_KEY;

    /** The audit chain's key (required in prod), likewise one per run for every instance. */
    private static final String AUDIT_KEY;

    static {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        TALENT_KEY = java.util.Base64.getEncoder().encodeToString(key);
        new java.security.SecureRandom().nextBytes(key);
        AUDIT_KEY = java.util.Base64.getEncoder().encodeToString(key);
    }


    static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("application jar not found: " + jar
                    + " (build it with ./mvnw -DskipTests package, or pass --app-jar=...)");
        }
    }

    static final String OWNER_ROLE = "yinfeng_owner";
    static final String RUNTIME_ROLE = "yinfeng_app";
    private static final String ROLE_PASSWORD = "bench";

    /**
     * The two roles the application expects (prod refuses to run as a superuser): an owner that runs the migrations
     * and owns the schema, and a runtime role without superuser or CREATEROLE. Run once, as the superuser, before the
     * first instance starts; the bench itself keeps connecting as the superuser to load and check data.
     */
    static void createRoles(String superuserJdbcUrl) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(superuserJdbcUrl, "postgres", "");
             var s = c.createStatement()) {
            s.execute("create role " + OWNER_ROLE + " login password '" + ROLE_PASSWORD + "'");
            s.execute("create role " + RUNTIME_ROLE + " login password '" + ROLE_PASSWORD + "'");
            s.execute("alter schema public owner to " + OWNER_ROLE);
        }
    }

    static AppProcess start(Path jar, int pgPort, Path workDir) throws IOException {
        return start(jar, pgPort, workDir, List.of(), List.of());
    }

    /** {@code jvmArgs} go before {@code -jar}, {@code appArgs} (Spring properties) after the defaults. */
    static AppProcess start(Path jar, int pgPort, Path workDir, List<String> jvmArgs, List<String> appArgs)
            throws IOException {
        requireJar(jar);
        Files.createDirectories(workDir);
        int port = freePort();
        Path log = workDir.resolve("app.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<String>();
        command.add(javaBin);
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=prod", "--server.port=" + port,
                "--logging.level.root=warn"));
        command.addAll(appArgs);
        var pb = new ProcessBuilder(command);
        // the app's working directory holds its files dir (data/files): keep it under bench/target, not the repo
        pb.directory(workDir.toFile());
        pb.environment().put("YINFENG_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/postgres");
        // as in production (docs/security/database.md): the owner migrates, the pool connects as the runtime role
        pb.environment().put("YINFENG_DB_USER", RUNTIME_ROLE);
        pb.environment().put("YINFENG_DB_PASSWORD", ROLE_PASSWORD);
        pb.environment().put("YINFENG_DB_OWNER_USER", OWNER_ROLE);
        pb.environment().put("YINFENG_DB_OWNER_PASSWORD", ROLE_PASSWORD);
        // prod refuses to start without the key of talents' personal data: a fresh random one per run
        pb.environment().put("YINFENG_TALENT_KEY", TALENT_KEY);
        pb.environment().put("YINFENG_AUDIT_KEY", AUDIT_KEY);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new AppProcess(pb.start(), log, port);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Polls {@code GET /login} until it answers 200 or 302 (Flyway has run and the web server is up). */
    void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("application exited with code " + process.exitValue() + "\n"
                        + tail());
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 302) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while the app is still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("application did not answer /login within " + timeout.toSeconds() + " s\n"
                + tail());
    }

    /**
     * Polls the readiness probe, {@code GET /actuator/health/readiness}, until it answers 200: the instance has run
     * its warm-up (it answers 503 while it does), as a load balancer would wait for it. Returns the seconds waited.
     */
    double awaitReadiness(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("application exited with code " + process.exitValue() + "\n"
                        + tail());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the readiness probe did not answer 200 within " + timeout.toSeconds()
                + " s\n" + tail());
    }

    /** The end of the application's log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "---- last lines of " + log + " ----\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no application log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (a clean Spring shutdown), then SIGKILL if it hangs. Safe to call more than once. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
