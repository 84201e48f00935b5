package cn.yinfeng.config;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on the embedded data directory by an application that died without stopping it
 * ({@code kill -9}, a crash, a power-off of the JVM only). Such a server keeps {@code postmaster.pid}, so the next
 * start's {@code pg_ctl start} fails and the application gives up ("Gave up waiting for server to start").
 *
 * <p>Before the embedded server starts, {@link #clear(Path)} looks at {@code postmaster.pid}: a live process that is
 * really a postgres on this data directory (its working directory is the data directory, which PostgreSQL enters at
 * start, and its program is {@code postgres}) is shut down — SIGINT (fast shutdown: rolls back open transactions,
 * writes a checkpoint), then SIGQUIT (immediate shutdown, crash recovery at the next start) and SIGKILL as last
 * resorts — and backends it left behind are ended; a pid file naming a dead process or another program is stale and
 * removed. A server still owned by a running application (it holds zonky's {@code epg-lock}) is never touched.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private LeftoverPostmaster() {}

    /** What {@link #clear} found and did. */
    enum Outcome {
        NONE,
        STALE_PID_FILE_REMOVED,
        STOPPED_FAST,
        STOPPED_IMMEDIATE,
        KILLED
    }

    static Outcome clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Outcome.NONE;
        }
        // zonky holds this lock for as long as its application runs: a locked file means the server is in use
        Path lockFile = dataDir.resolve("epg-lock");
        try (var out = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = out.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir.toAbsolutePath()
                        + " is in use by another running application (it holds " + lockFile.getFileName()
                        + "); stop that one first or choose another yinfeng.db.embedded.data-dir");
            }
            return clearLocked(dataDir, pidFile);
        }
    }

    private static Outcome clearLocked(Path dataDir, Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            log.warn(
                    "Removing the stale {} (process {} is gone) before starting the embedded PostgreSQL", pidFile, pid);
            Files.deleteIfExists(pidFile);
            return Outcome.STALE_PID_FILE_REMOVED;
        }
        if (!isPostgresOn(pid, dataDir)) {
            log.warn(
                    "Removing the stale {}: process {} is not a PostgreSQL server on this data directory (its"
                            + " number was reused) and is left alone",
                    pidFile,
                    pid);
            Files.deleteIfExists(pidFile);
            return Outcome.STALE_PID_FILE_REMOVED;
        }
        ProcessHandle postmaster = process.get();
        log.warn(
                "A PostgreSQL server (process {}) left by an earlier run is still running on {}: stopping it"
                        + " (fast shutdown) before starting the embedded PostgreSQL",
                pid,
                dataDir.toAbsolutePath());
        Outcome outcome;
        if (signal(pid, "INT") && waitForExit(postmaster, FAST_SHUTDOWN_WAIT)) {
            outcome = Outcome.STOPPED_FAST;
        } else {
            log.warn(
                    "PostgreSQL process {} did not stop within {} s: immediate shutdown (SIGQUIT)",
                    pid,
                    FAST_SHUTDOWN_WAIT.toSeconds());
            if (signal(pid, "QUIT") && waitForExit(postmaster, IMMEDIATE_SHUTDOWN_WAIT)) {
                outcome = Outcome.STOPPED_IMMEDIATE;
            } else {
                log.warn(
                        "PostgreSQL process {} did not stop within {} s: killing it",
                        pid,
                        IMMEDIATE_SHUTDOWN_WAIT.toSeconds());
                postmaster.destroyForcibly();
                waitForExit(postmaster, IMMEDIATE_SHUTDOWN_WAIT);
                outcome = Outcome.KILLED;
            }
        }
        // backends of a killed postmaster exit when they notice; any still attached to the shared memory would make
        // the next start refuse, so they go too
        for (ProcessHandle orphan : processesIn(dataDir)) {
            log.warn("Ending process {} left on {}", orphan.pid(), dataDir.toAbsolutePath());
            orphan.destroyForcibly();
            waitForExit(orphan, IMMEDIATE_SHUTDOWN_WAIT);
        }
        if (outcome != Outcome.STOPPED_FAST && outcome != Outcome.STOPPED_IMMEDIATE) {
            Files.deleteIfExists(pidFile);
        }
        log.warn("The PostgreSQL server left on {} is stopped ({})", dataDir.toAbsolutePath(), outcome);
        return outcome;
    }

    /** True when the process runs the {@code postgres} program with the data directory as working directory. */
    static boolean isPostgresOn(long pid, Path dataDir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            if (!cwd.equals(dataDir.toRealPath())) {
                return false;
            }
            byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
            int end = 0;
            while (end < cmdline.length && cmdline[end] != 0) {
                end++;
            }
            String program = new String(cmdline, 0, end, StandardCharsets.UTF_8);
            return program.equals("postgres") || program.endsWith("/postgres") || program.startsWith("postgres:");
        } catch (IOException | SecurityException e) {
            // no /proc (not Linux) or not ours to inspect: never signal what cannot be identified
            return false;
        }
    }

    /** Every postgres process whose working directory is the data directory. */
    static List<ProcessHandle> processesIn(Path dataDir) {
        var found = new ArrayList<ProcessHandle>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> isPostgresOn(p.pid(), dataDir))
                    .forEach(found::add);
        }
        return found;
    }

    private static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            // no kill(1): SIGTERM (smart shutdown; the dead application's sessions are gone, so it ends as well)
            return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return !process.isAlive();
    }
}
