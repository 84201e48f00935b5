package cn.yinfeng.stats;

import cn.yinfeng.projects.Projects;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the {@code stats_*_month} tables (see {@code V12__stats_aggregates.sql}; the project rows' origin, USD amount
 * and REGISTERED event: {@code V53__aggregates_by_origin.sql}) equal to what the live queries compute
 * over the current approved ledger. Writers only mark months dirty (triggers); {@link #refreshDirty()} recomputes those
 * months from the detail tables, one delete and one insert per table and month, under a transaction-level advisory
 * lock so that two instances never refresh at once. {@link #rebuild()} recomputes everything.
 */
@Component
public class StatsAggregates {

    private static final Logger log = LoggerFactory.getLogger(StatsAggregates.class);
    /** pg advisory lock key: "stats_aggregates". */
    private static final long LOCK = 0x5374617473416767L;

    private static final LocalDate BEGIN = LocalDate.of(1, 1, 1);
    private static final LocalDate END = LocalDate.of(9999, 12, 1);

    /** The credited regions of a current version {@code a}: its own by 1 - share, the attracting one by share. */
    private static final String CREDIT = """
            cross join lateral (values (a.region_id, 1 - coalesce(a.attracting_share, 0) / 100.0),
                                       (a.attracting_region_id, coalesce(a.attracting_share, 0) / 100.0)) cr(rid, w)
            """;

    private static final String CREDITED = "cr.w > 0 and cr.rid is not null";

    /**
     * Each statement sums the detail rows by credited region first ({@code x}, one pass over the detail), then rolls
     * those sums up to every region above ({@code ra.ancestor_id}), so that a region's figures are its own rows.
     */
    private static final String ROLL_UP = " join stats_region_ancestor ra on ra.region_id = x.rid";

    private static final String PROJECTS =
            """
            insert into stats_project_month (region_id, month, event, band, counted, origin, projects, amount,
                                             usd_amount, performing, started, producing)
            select ra.ancestor_id, x.month, x.event, x.band, x.counted, x.origin, sum(x.projects), sum(x.amount),
                   sum(x.usd_amount), sum(x.performing), sum(x.started), sum(x.producing)
              from (select cr.rid, stats_month_of(a.d) as month, a.event,
                           case when a.total_investment >= 100000 then 3 when a.total_investment >= 50000 then 2
                                when a.total_investment >= 10000 then 1 else 0 end as band,
                           a.counted, coalesce(a.fund_origin, '') as origin, sum(cr.w) as projects,
                           sum(cr.w * coalesce(a.contract_amount, a.total_investment)) as amount,
                           sum(cr.w * case when a.foreign_currency = 'USD' then a.foreign_amount end) as usd_amount,
                           coalesce(sum(cr.w) filter (where a.stage in ('REGISTERED', 'STARTED', 'PRODUCING',
                                                                       'FULL_PRODUCTION')), 0) as performing,
                           coalesce(sum(cr.w) filter (where a.started_on is not null), 0) as started,
                           coalesce(sum(cr.w) filter (where a.producing_on is not null), 0) as producing
                      from (select 'SIGNED' as event, signed_on as d, * from project_approved
                             where valid_to is null and signed_on >= :from and signed_on < :to
                            union all
                            select 'REGISTERED', registered_on, * from project_approved
                             where valid_to is null and registered_on >= :from and registered_on < :to
                            union all
                            select 'STARTED', started_on, * from project_approved
                             where valid_to is null and started_on >= :from and started_on < :to
                            union all
                            select 'PRODUCING', producing_on, * from project_approved
                             where valid_to is null and producing_on >= :from and producing_on < :to) a
            """ + CREDIT + " where " + CREDITED + " group by 1, 2, 3, 4, 5, 6) x" + ROLL_UP
                    + " group by 1, 2, 3, 4, 5, 6";

    private static final String CHAINS =
            """
            insert into stats_chain_month (region_id, month, chain_id, counted, projects, amount)
            select ra.ancestor_id, x.month, x.chain_id, x.counted, sum(x.projects), sum(x.amount)
              from (select cr.rid, stats_month_of(a.signed_on) as month, coalesce(a.chain_id, 0) as chain_id,
                           a.counted, sum(cr.w) as projects,
                           sum(cr.w * coalesce(a.contract_amount, a.total_investment)) as amount
                      from project_approved a
            """ + CREDIT + " where a.valid_to is null and a.signed_on >= :from and a.signed_on < :to and " + CREDITED
                    + " group by 1, 2, 3, 4) x" + ROLL_UP + " group by 1, 2, 3, 4";

    private static final String STAGES = """
            insert into stats_stage_month (region_id, month, stage, key_project, projects, total)
            select ra.ancestor_id, x.month, x.stage, x.key_project, sum(x.projects), sum(x.total)
              from (select a.region_id as rid,
                           coalesce(stats_month_of(a.signed_on), stats_approved_month(a.valid_from)) as month,
                           a.stage, a.key_project, count(*) as projects, sum(a.total_investment) as total
                      from project_approved a
                     where a.valid_to is null
                       and ((a.signed_on >= :from and a.signed_on < :to)
                            or (a.signed_on is null and a.valid_from >= :fromTime and a.valid_from < :toTime))
                     group by 1, 2, 3, 4) x
            """ + ROLL_UP + " group by 1, 2, 3, 4";

    private static final String FUNDS =
            """
            insert into stats_fund_month (region_id, month, origin, counted, amount)
            select ra.ancestor_id, x.month, x.origin, x.counted, sum(x.amount)
              from (select cr.rid, f.month, f.origin, a.counted, sum(cr.w * f.amount) as amount
                      from project_fund f
                      join project_approved a on a.project_id = f.project_id and a.valid_to is null
            """ + CREDIT + """
                     where f.month >= :from and f.month < :to and f.approved_at is not null and f.deleted_at is null
                       and""" + " " + CREDITED + " group by 1, 2, 3, 4) x" + ROLL_UP + " group by 1, 2, 3, 4";

    private static final String FUND_COHORTS =
            """
            insert into stats_fund_cohort (region_id, signed_month, month, counted, amount)
            select ra.ancestor_id, x.signed_month, x.month, x.counted, sum(x.amount)
              from (select cr.rid, stats_month_of(a.signed_on) as signed_month, f.month, a.counted,
                           sum(cr.w * f.amount) as amount
                      from project_fund f
                      join project_approved a on a.project_id = f.project_id and a.valid_to is null
            """ + CREDIT + """
                     where f.month >= :from and f.month < :to and f.approved_at is not null and f.deleted_at is null
                       and a.signed_on is not null and""" + " " + CREDITED + " group by 1, 2, 3, 4) x" + ROLL_UP + " group by 1, 2, 3, 4";

    private static final List<String> TABLES = List.of(
            "stats_project_month", "stats_chain_month", "stats_stage_month", "stats_fund_month", "stats_fund_cohort");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DataSource dataSource;

    StatsAggregates(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether a write has changed a month that is not yet refreshed. */
    public boolean dirty() {
        return jdbc.sql("select exists (select 1 from stats_dirty)")
                .query(Boolean.class)
                .single();
    }

    /** Brings the dirty months up to date (waits while another instance does it); returns how many were refreshed. */
    public int refreshDirty() {
        Integer n = tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:k)")
                    .param("k", LOCK)
                    .query()
                    .singleRow();
            List<LocalDate> months = jdbc.sql("delete from stats_dirty returning month")
                    .query(LocalDate.class)
                    .list();
            for (LocalDate m : months) {
                refresh(m, m.plusMonths(1));
            }
            return months.size();
        });
        return n == null ? 0 : n;
    }

    /** Refreshes one month now, whether or not it is marked (the benchmark times this). */
    public void refreshMonth(LocalDate month) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:k)")
                    .param("k", LOCK)
                    .query()
                    .singleRow();
            LocalDate m = month.withDayOfMonth(1);
            jdbc.sql("delete from stats_dirty where month = :m").param("m", m).update();
            refresh(m, m.plusMonths(1));
        });
    }

    /**
     * Recomputes every aggregate from the detail tables, in one transaction. At province scale one statement can run
     * for minutes: the connection's network timeout (the pool's socket timeout, for ordinary queries) is lifted for
     * the duration and put back after.
     */
    public void rebuild() {
        tx.executeWithoutResult(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            int networkTimeout;
            try {
                networkTimeout = connection.getNetworkTimeout();
                connection.setNetworkTimeout(
                        Runnable::run, (int) Duration.ofHours(2).toMillis());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            try {
                rebuildLocked();
            } finally {
                try {
                    connection.setNetworkTimeout(Runnable::run, networkTimeout);
                } catch (SQLException e) {
                    log.warn("Could not restore the network timeout: {}", e.toString());
                }
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    private void rebuildLocked() {
        jdbc.sql("select pg_advisory_xact_lock(:k)").param("k", LOCK).query().singleRow();
        jdbc.sql("truncate stats_dirty, " + String.join(", ", TABLES)).update();
        insert(BEGIN, END);
        // fresh statistics for the planner: the tables were just emptied and refilled
        jdbc.sql("analyze " + String.join(", ", TABLES)).update();
    }

    /** Between requests, so that the first reader after a quiet spell finds little to do. */
    @Scheduled(
            initialDelayString = "${yinfeng.stats.refresh-interval:60s}",
            fixedDelayString = "${yinfeng.stats.refresh-interval:60s}")
    void scheduledRefresh() {
        long t0 = System.nanoTime();
        int n = refreshDirty();
        if (n > 0) {
            log.info(
                    "Statistics aggregates: {} month(s) refreshed in {} ms",
                    n,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
        }
    }

    private void refresh(LocalDate from, LocalDate to) {
        for (String table : TABLES) {
            jdbc.sql("delete from " + table + " where month >= :from and month < :to")
                    .param("from", from)
                    .param("to", to)
                    .update();
        }
        insert(from, to);
    }

    private void insert(LocalDate from, LocalDate to) {
        for (String sql : List.of(PROJECTS, CHAINS, STAGES, FUNDS, FUND_COHORTS)) {
            jdbc.sql(sql)
                    .param("from", from)
                    .param("to", to)
                    .param(
                            "fromTime",
                            Timestamp.from(from.atStartOfDay(Projects.ZONE).toInstant()))
                    .param(
                            "toTime",
                            Timestamp.from(to.atStartOfDay(Projects.ZONE).toInstant()))
                    .update();
        }
    }
}
