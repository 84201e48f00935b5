package cn.yinfeng.supervision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled work of supervision. Each job holds a ShedLock row in the database while it runs, so with several
 * application instances on one database it runs once per schedule, on whichever instance gets there first.
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SupervisionJobs {

    private static final Logger log = LoggerFactory.getLogger(SupervisionJobs.class);

    private final Warnings warnings;
    private final TaskEscalation tasks;
    private final Inbox inbox;
    private final String baseUrl;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final int dueSoonDays;
    private final RobotDeliveries robots;

    SupervisionJobs(
            Warnings warnings,
            TaskEscalation tasks,
            Inbox inbox,
            JdbcClient jdbc,
            @Value("${yinfeng.supervision.base-url:http://localhost:8080}") String baseUrl,
            MeterRegistry meters,
            @Value("${yinfeng.supervision.due-soon-days:2}") int dueSoonDays,
            RobotDeliveries robots) {
        this.robots = robots;
        this.dueSoonDays = dueSoonDays;
        this.jdbc = jdbc;
        this.meters = meters;
        this.warnings = warnings;
        this.tasks = tasks;
        this.inbox = inbox;
        this.baseUrl = baseUrl;
    }

    @Bean
    static LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    /** All rules over the whole ledger (changes to one project are evaluated as they happen, too). */
    @Scheduled(
            initialDelayString = "${yinfeng.supervision.evaluate-interval:15m}",
            fixedDelayString = "${yinfeng.supervision.evaluate-interval:15m}")
    @SchedulerLock(name = "supervision-evaluate", lockAtLeastFor = "PT10S")
    void evaluate() {
        run("supervision-evaluate", () -> warnings.evaluate() + " active warnings");
    }

    @Scheduled(cron = "${yinfeng.supervision.escalate-cron:0 0 7 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "supervision-escalate", lockAtLeastFor = "PT10S")
    void escalate() {
        run("supervision-escalate", () -> tasks.escalateOverdue() + " tasks escalated");
    }

    /** Open tasks due within two days remind their assignee, once per task. */
    @Scheduled(cron = "${yinfeng.supervision.due-soon-cron:0 30 7 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "supervision-due-soon", lockAtLeastFor = "PT10S")
    void remindDueSoon() {
        run("supervision-due-soon", () -> tasks.remindDueSoon(dueSoonDays) + " tasks reminded");
    }

    /** Group-chat robot messages that failed (or were never tried) are sent again once due, with backoff. */
    @Scheduled(
            initialDelayString = "${yinfeng.supervision.robots.sweep-interval:1m}",
            fixedDelayString = "${yinfeng.supervision.robots.sweep-interval:1m}")
    @SchedulerLock(name = "supervision-robots", lockAtLeastFor = "PT5S")
    void sweepRobots() {
        run("supervision-robots", () -> robots.sweep() + " robot messages delivered");
    }

    @Scheduled(cron = "${yinfeng.supervision.digest-cron:0 0 8 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "supervision-digest", lockAtLeastFor = "PT10S")
    void digest() {
        run("supervision-digest", () -> inbox.sendDigests(baseUrl) + " e-mails sent");
    }

    /** Runs a job and records the run (who, when, how it ended) in {@code job_run}. */
    private void run(String name, Supplier<String> job) {
        long id = jdbc.sql("insert into job_run (name, instance, started_at) values (:n, :i, now()) returning id")
                .param("n", name)
                .param("i", INSTANCE)
                .query(Long.class)
                .single();
        long t0 = System.nanoTime();
        String outcome = "OK";
        String detail;
        try {
            detail = job.get();
        } catch (RuntimeException e) {
            outcome = "FAILED";
            detail = e.toString();
            log.error("Job {} failed", name, e);
        }
        jdbc.sql("update job_run set finished_at = now(), outcome = :o, detail = :d where id = :id")
                .param("o", outcome)
                .param("d", detail.length() > 500 ? detail.substring(0, 500) : detail)
                .param("id", id)
                .update();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        // yinfeng_jobs_runs_total{job,outcome}: runs on this instance (job_run has every instance's runs)
        Counter.builder("yinfeng.jobs.runs")
                .description("Scheduled job runs, as recorded in job_run")
                .tag("job", name)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        log.info("Job {}: {} in {} ms", name, detail, took.toMillis());
    }

    /** This process, as ShedLock and job_run name it. */
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();
}
