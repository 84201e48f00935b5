package cn.yinfeng.ledger;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.AfterWork;
import cn.yinfeng.common.InvalidInputException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs the imports started from the page in the background, a few at a time per instance, as the user who started
 * them (their security context, and the client address for the audit log). While they run, a heartbeat thread of
 * its own writes each one's {@link ImportProgress} to {@code import_progress} once a second, so the page can show it
 * from any instance, and a run whose instance died is recognised by its silent heartbeat ({@link #STALE}).
 *
 * <p>A worker holds one connection at a time: work that listeners defer to the end of a unit of work (project rules
 * evaluated again after a change) runs after the import, when its connection is back in the pool ({@link AfterWork}).
 * The heartbeat takes one more, briefly, for all running imports. With {@code yinfeng.import.workers} (default 2)
 * well below the pool size, imports cannot starve the pages.
 */
@Component
class ImportJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    /** A run whose heartbeat is older than this is taken to have died with its instance. */
    static final Duration STALE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "import-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, ImportProgress> running = new ConcurrentHashMap<>();

    ImportJobs(
            JdbcClient jdbc,
            @Value("${yinfeng.import.workers:2}") int workers,
            @Value("${yinfeng.import.queue:20}") int queue) {
        this.jdbc = jdbc;
        this.workers.setCorePoolSize(workers);
        this.workers.setMaxPoolSize(workers);
        this.workers.setQueueCapacity(queue);
        this.workers.setThreadNamePrefix("import-");
        // an import cut off by a shutdown rolls back whole; give running ones time to finish first
        this.workers.setWaitForTasksToCompleteOnShutdown(true);
        this.workers.setAwaitTerminationSeconds(60);
        this.workers.initialize();
        heartbeat.scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Queues {@code work} for batch {@code batchId}, to run as the current user with {@code progress} reported; a full
     * queue is the user's error ("try again shortly"), and nothing is queued.
     */
    void submit(long batchId, ImportProgress progress, Runnable work) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
        String clientIp = AuditLog.clientIp();
        running.put(batchId, progress);
        try {
            workers.execute(() -> {
                SecurityContextHolder.setContext(context);
                try (var after = AfterWork.open()) {
                    AuditLog.forClient(clientIp, work);
                } catch (RuntimeException | Error e) {
                    LOG.error("Import {} failed", batchId, e);
                } finally {
                    running.remove(batchId, progress);
                    SecurityContextHolder.clearContext();
                }
            });
        } catch (TaskRejectedException e) {
            running.remove(batchId, progress);
            throw new InvalidInputException("file", "import.busy");
        }
        beat(batchId, progress);
    }

    /** Whether this instance is running (or has queued) the batch. */
    boolean isRunning(long batchId) {
        return running.containsKey(batchId);
    }

    /** Every running import's progress; one that cannot be stored keeps neither the others nor the next beat. */
    private void beat() {
        running.forEach((id, progress) -> {
            try {
                beat(id, progress);
            } catch (RuntimeException | Error e) {
                LOG.warn("Progress of import {} not stored: {}", id, e.toString());
            }
        });
    }

    private void beat(long batchId, ImportProgress p) {
        jdbc.sql("""
                insert into import_progress (batch_id, phase, rows_done, rows_total, heartbeat_at)
                values (:id, :phase, :done, :total, now())
                on conflict (batch_id) do update set phase = excluded.phase, rows_done = excluded.rows_done,
                                                     rows_total = excluded.rows_total, heartbeat_at = now()
                """)
                .param("id", batchId)
                .param("phase", p.phase().name())
                .param("done", p.done())
                .param("total", p.total())
                .update();
    }

    /**
     * Lets running imports finish (up to a minute) but starts no queued one: those stop beating, show as interrupted
     * and are run again with one click.
     */
    @PreDestroy
    void stop() {
        workers.getThreadPoolExecutor().getQueue().clear();
        workers.shutdown();
        heartbeat.shutdownNow();
    }
}
