package cn.yinfeng.supervision;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox of the group-chat robots. {@link #queue} writes a {@code notification_delivery} row for every enabled
 * channel of the recipient's region or an ancestor that subscribes to the note's kind, in the caller's
 * transaction, once per (channel, kind, link, text) in that transaction. After commit the rows are sent on a small
 * background pool (never the request thread); what fails is retried by {@link #sweep()} with backoff (1, 5, 30
 * minutes, 2, 6, 12 hours, then daily) and after {@link #MAX_ATTEMPTS} attempts marked failed and kept.
 */
@Service
class RobotDeliveries {

    private static final Logger log = LoggerFactory.getLogger(RobotDeliveries.class);

    static final int MAX_ATTEMPTS = 10;
    private static final List<Duration> BACKOFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofHours(24));
    /** How long a claimed row is left alone by others while it is being sent (longer than any timeout). */
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RobotSender sender;
    private final String baseUrl;
    private final ExecutorService pool;

    RobotDeliveries(
            JdbcClient jdbc,
            Clock clock,
            RobotSender sender,
            @Value("${yinfeng.supervision.base-url:http://localhost:8080}") String baseUrl,
            @Value("${yinfeng.supervision.robots.threads:2}") int threads) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sender = sender;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "robot-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    static Duration backoff(int attempts) {
        return BACKOFF.get(Math.min(Math.max(attempts, 1), BACKOFF.size()) - 1);
    }

    /**
     * Queues the note {@code text} for the robots that should carry it to {@code userId}'s region; called inside
     * the transaction that writes the note.
     */
    void queue(long userId, String kind, String title, String text, String link) {
        List<Long> channels = jdbc.sql("""
                select c.id
                  from notification_channel c
                  join region cr on cr.id = c.region_id
                 where c.enabled and :kind = any (c.note_kinds)
                   and exists (select 1 from app_user u join region ur on ur.id = u.region_id
                                where u.id = :u and ur.path like cr.path || '%')
                 order by c.id
                """)
                .param("kind", kind)
                .param("u", userId)
                .query(Long.class)
                .list();
        for (long channel : channels) {
            insert(channel, kind, title, text, link);
        }
    }

    /** A test message to one channel, sent after commit like any other; returns the delivery id. */
    long queueTest(long channel, String title, String text) {
        return insert(channel, "TEST", title, text, "/supervision/channels").orElseThrow();
    }

    private Optional<Long> insert(long channel, String kind, String title, String text, String link) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", kind);
        payload.put("title", title);
        payload.put("text", text);
        payload.put("link", link == null ? null : baseUrl + link);
        Optional<Long> id = jdbc.sql("""
                insert into notification_delivery (channel_id, dedupe_key, payload, next_attempt_at)
                values (:c, :k, cast(:p as jsonb), :at)
                on conflict (channel_id, tx, dedupe_key) do nothing
                returning id
                """)
                .param("c", channel)
                .param("k", kind + "\n" + link + "\n" + text)
                .param("p", RobotSender.JSON.writeValueAsString(payload))
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .optional();
        id.ifPresent(this::afterCommit);
        return id;
    }

    private void afterCommit(long id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            submit(id);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(id);
            }
        });
    }

    private void submit(long id) {
        try {
            pool.execute(() -> {
                try {
                    attempt(id);
                } catch (RuntimeException e) {
                    log.warn("Robot delivery {} not attempted: {}", id, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Robot delivery {} left to the sweep: {}", id, e.getMessage());
        }
    }

    /** Sends every due delivery (first attempts left behind too); returns how many were delivered. */
    int sweep() {
        List<Long> due = jdbc.sql("""
                select id from notification_delivery
                 where delivered_at is null and failed_at is null and next_attempt_at <= :now
                 order by next_attempt_at, id
                 limit 500
                """)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        int delivered = 0;
        for (long id : due) {
            if (attempt(id)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Claims a due delivery (so no other thread or instance sends it at the same time), sends it and records the
     * outcome. False when it was not due, or not delivered.
     */
    boolean attempt(long id) {
        Instant now = clock.instant();
        record Claimed(String kind, String url, String secret, String payload, int attempts) {}
        Optional<Claimed> claimed = jdbc.sql("""
                update notification_delivery d set next_attempt_at = :lease
                  from notification_channel c
                 where d.id = :id and c.id = d.channel_id and c.enabled
                   and d.delivered_at is null and d.failed_at is null and d.next_attempt_at <= :now
                returning c.kind, c.url, c.secret, d.payload::text as payload, d.attempts
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(now.plus(LEASE)))
                .query((rs, n) -> new Claimed(
                        rs.getString("kind"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getString("payload"),
                        rs.getInt("attempts")))
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed c = claimed.get();
        Map<?, ?> p = RobotSender.JSON.readValue(c.payload(), Map.class);
        var message = new RobotSender.Message(
                (String) p.get("kind"), (String) p.get("title"), (String) p.get("text"), (String) p.get("link"));
        RobotSender.Result result;
        try {
            result = sender.send(c.kind(), c.url(), c.secret(), message, now);
        } catch (RuntimeException e) {
            result = new RobotSender.Result(false, e.toString());
        }
        int attempts = c.attempts() + 1;
        Instant after = clock.instant();
        if (result.ok()) {
            jdbc.sql("update notification_delivery set attempts = :a, delivered_at = :at, last_error = null "
                            + "where id = :id")
                    .param("a", attempts)
                    .param("at", Timestamp.from(after))
                    .param("id", id)
                    .update();
            return true;
        }
        String error = result.error() == null ? "failed" : result.error();
        jdbc.sql("update notification_delivery set attempts = :a, last_error = :e, next_attempt_at = :next, "
                        + "failed_at = :failed where id = :id")
                .param("a", attempts)
                .param("e", error.length() > 500 ? error.substring(0, 500) : error)
                .param("next", Timestamp.from(after.plus(backoff(attempts))))
                .param("failed", attempts >= MAX_ATTEMPTS ? Timestamp.from(after) : null)
                .param("id", id)
                .update();
        log.info("Robot delivery {} attempt {} failed: {}", id, attempts, error);
        return false;
    }

    /** A delivery as the channels page and API show it. */
    record Delivery(
            long id,
            long channelId,
            String kind,
            String text,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            String lastError) {}

    /** The newest deliveries of the given channels. */
    List<Delivery> recent(List<Long> channels, int limit) {
        if (channels.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc.sql("""
                select id, channel_id, payload ->> 'kind' as kind, payload ->> 'text' as text, attempts, created_at,
                       next_attempt_at, delivered_at, failed_at, last_error
                  from notification_delivery
                 where channel_id = any (:ids)
                 order by id desc
                 limit :n
                """)
                .param("ids", channels.toArray(Long[]::new))
                .param("n", limit)
                .query((rs, n) -> new Delivery(
                        rs.getLong("id"),
                        rs.getLong("channel_id"),
                        rs.getString("kind"),
                        rs.getString("text"),
                        rs.getTimestamp("delivered_at") != null
                                ? "DELIVERED"
                                : rs.getTimestamp("failed_at") != null ? "FAILED" : "PENDING",
                        rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("next_attempt_at").toInstant(),
                        rs.getTimestamp("delivered_at") == null
                                ? null
                                : rs.getTimestamp("delivered_at").toInstant(),
                        rs.getString("last_error")))
                .list();
    }
}
