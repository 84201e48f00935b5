package cn.yinfeng.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database: the newest row's id and hash, the time,
 * and an HMAC of those under the audit key, appended as one line to {@code yinfeng.audit.checkpoint-file} and
 * written to the application log. Rows deleted from the end of the log, or a log rewritten and re-hashed, no longer
 * match a checkpoint, although every row still fits the one before it.
 *
 * <p>Written at start-up, every {@code yinfeng.audit.checkpoint-interval} (when the head moved), at shutdown (after
 * the web server has stopped taking requests) and on demand. Several instances may append to their own or to one
 * shared file: each line stands alone and is signed, so two instances writing do no harm and need no lock.
 */
@Component
class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    static final String VERSION = "v1";
    private static final String DOMAIN = "yinfeng-audit-checkpoint";

    /** One checkpoint: the row {@code id} with {@code hash} was the newest at {@code at}. */
    record Checkpoint(Instant at, long id, String hash, int line) {}

    /** What the file holds: its signed checkpoints, and the first line that is not one (0 when none). */
    record Read(Path file, List<Checkpoint> checkpoints, int badLine, String error) {
        Optional<Checkpoint> newest() {
            return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
        }
    }

    private final JdbcClient jdbc;
    private final AuditKey key;
    private final Clock clock;
    private final Path file;
    private volatile boolean running;
    private long lastWrittenId = -1;

    AuditCheckpoints(
            JdbcClient jdbc,
            AuditKey key,
            Clock clock,
            @Value("${yinfeng.audit.checkpoint-file:data/audit-checkpoints.log}") String file) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.file = Path.of(file).toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /** Appends a checkpoint of the current head (nothing while the log is empty) and logs it at INFO. */
    synchronized Optional<Checkpoint> write(String why) {
        var head = jdbc.sql("select id, hash from audit_log order by id desc limit 1")
                .query((rs, n) -> new Checkpoint(
                        clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        rs.getLong("id"),
                        rs.getString("hash").trim(),
                        0))
                .optional();
        if (head.isEmpty()) {
            return head;
        }
        var cp = head.get();
        String line = line(cp);
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(
                    file,
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
        } catch (IOException e) {
            log.error(
                    "Audit checkpoint ({}) could not be appended to {}: {}. It is in this log line only: {}",
                    why,
                    file,
                    e.toString(),
                    line);
            lastWrittenId = cp.id();
            return head;
        }
        lastWrittenId = cp.id();
        log.info("Audit checkpoint ({}): {}", why, line);
        return head;
    }

    /** Every interval; skipped when no row was added since this instance's last checkpoint. */
    @Scheduled(
            initialDelayString = "${yinfeng.audit.checkpoint-interval:10m}",
            fixedDelayString = "${yinfeng.audit.checkpoint-interval:10m}")
    void periodic() {
        try {
            Long head = jdbc.sql("select max(id) from audit_log")
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            synchronized (this) {
                if (head == null || head == lastWrittenId) {
                    return;
                }
            }
            write("periodic");
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint skipped: {}", e.toString());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            write("start");
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint at start skipped: {}", e.toString());
        }
    }

    /** Reads every line of the file; a missing file is an empty one. */
    Read read() {
        List<String> lines;
        try {
            lines = readLines();
        } catch (NoSuchFileException e) {
            return new Read(file, List.of(), 0, null);
        } catch (IOException e) {
            return new Read(file, List.of(), 0, e.toString());
        }
        var out = new ArrayList<Checkpoint>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            var cp = parse(text, i + 1);
            if (cp == null) {
                return new Read(file, out, i + 1, null);
            }
            out.add(cp);
        }
        return new Read(file, out, 0, null);
    }

    /** The complete lines of the file: a last line still being written by another instance is left for later. */
    private List<String> readLines() throws IOException {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        int end = all.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(all.substring(0, end).split("\n", -1));
    }

    String line(Checkpoint cp) {
        String body = VERSION + " " + cp.at() + " " + cp.id() + " " + cp.hash();
        return body + " " + mac(cp.at(), cp.id(), cp.hash());
    }

    /** The checkpoint a line states, or null when it is malformed or its signature does not fit. */
    Checkpoint parse(String text, int lineNo) {
        String[] f = text.trim().split(" ");
        if (f.length != 5 || !VERSION.equals(f[0])) {
            return null;
        }
        try {
            Instant at = Instant.parse(f[1]);
            long id = Long.parseLong(f[2]);
            if (!AuditChain.same(mac(at, id, f[3]), f[4])) {
                return null;
            }
            return new Checkpoint(at, id, f[3], lineNo);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private String mac(Instant at, long id, String hash) {
        String text = String.join("\u001f", DOMAIN, VERSION, at.toString(), Long.toString(id), hash);
        return AuditChain.mac(key.key(), text.getBytes(StandardCharsets.UTF_8));
    }

    // a checkpoint at shutdown: SmartLifecycle at phase 0 stops after the web server (graceful shutdown) has finished
    // its requests and before the data source closes

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            write("shutdown");
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint at shutdown skipped: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
