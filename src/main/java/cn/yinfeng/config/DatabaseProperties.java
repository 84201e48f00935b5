package cn.yinfeng.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database settings. With no {@code spring.datasource.url} (or {@code YINFENG_DB_URL}) an embedded PostgreSQL is
 * started with its data under {@link Embedded#dataDir()}.
 *
 * @param embedded settings of the embedded server
 * @param poolSize maximum connections in the pool
 * @param connectTimeout how long a request waits for a connection before failing
 * @param socketTimeout how long the driver waits on a silent connection before giving up (pgjdbc's default waits
 *     forever on a dead connection)
 * @param replica an optional streaming replica for read-only work (statistics, dashboards, reports)
 * @param owner the role that runs the migrations in external mode ({@code YINFENG_DB_OWNER_USER},
 *     {@code YINFENG_DB_OWNER_PASSWORD}); empty: the application's own role migrates
 * @param refusePrivilegedRole refuse to start when the application's role is a superuser or may change the audit
 *     log (on in the {@code prod} profile); otherwise a warning
 */
@ConfigurationProperties("yinfeng.db")
public record DatabaseProperties(
        @DefaultValue Embedded embedded,
        @DefaultValue("10") int poolSize,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration socketTimeout,
        @DefaultValue Replica replica,
        @DefaultValue Owner owner,
        @DefaultValue("false") boolean refusePrivilegedRole) {

    /**
     * The owner of the schema, for Flyway only; the application's pool then uses {@code spring.datasource.username},
     * which gets the runtime privileges after every migration.
     *
     * @param username the owner role; empty: none
     * @param password its password
     */
    public record Owner(
            @DefaultValue("") String username,
            @DefaultValue("") String password) {

        public boolean configured() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Owner[username=" + username + "]";
        }
    }

    /**
     * A hot standby of the primary. Read-only transactions ({@code @Transactional(readOnly = true)}: the statistics
     * summary, rankings, dashboard and monthly report) read from it; everything else, and every page that must see
     * the user's own writes, uses the primary.
     *
     * @param url JDBC URL of the replica ({@code YINFENG_DB_REPLICA_URL}); empty: no replica
     * @param username defaults to the primary's
     * @param password defaults to the primary's
     */
    public record Replica(
            @DefaultValue("") String url,
            @DefaultValue("") String username,
            @DefaultValue("") String password) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param dataDir where the embedded server keeps its files (kept across restarts)
     * @param port fixed port, or 0 for a free one
     * @param clean wipe the data directory at start (tests)
     */
    public record Embedded(
            @DefaultValue("data/pg") Path dataDir,
            @DefaultValue("0") int port,
            @DefaultValue("false") boolean clean) {}
}
