package cn.yinfeng.config;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * One {@link DataSource} for the application: the configured PostgreSQL when {@code spring.datasource.url} is set,
 * otherwise an embedded PostgreSQL started here. Flyway and {@code JdbcClient} use it as Spring Boot would.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoDatabaseConfigured.class)
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException {
        var embedded = properties.embedded();
        Files.createDirectories(embedded.dataDir());
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(embedded.dataDir())
                .setCleanDataDirectory(embedded.clean())
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "Asia/Shanghai");
        if (embedded.port() > 0) {
            builder.setPort(embedded.port());
        }
        EmbeddedPostgres pg = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(),
                embedded.dataDir().toAbsolutePath());
        return pg;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Environment env, DatabaseProperties properties,
            ObjectProvider<EmbeddedPostgres> embedded) {
        var config = new HikariConfig();
        String url = env.getProperty("spring.datasource.url");
        if (StringUtils.hasText(url)) {
            config.setJdbcUrl(url);
            config.setUsername(env.getProperty("spring.datasource.username"));
            config.setPassword(env.getProperty("spring.datasource.password"));
        } else {
            EmbeddedPostgres pg = embedded.getObject();
            config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
        }
        config.setPoolName("yinfeng");
        config.setMaximumPoolSize(properties.poolSize());
        // A request waits at most connect-timeout for a connection, then fails (503, see DatabaseOutageFilter); a
        // statement waits at most socket-timeout on a silent server. Idle connections are probed every 2 minutes and
        // replaced every 30, so a restarted server or a dropped firewall state costs at most one failed request each.
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(3000, properties.connectTimeout().toMillis()));
        config.setKeepaliveTime(java.time.Duration.ofMinutes(2).toMillis());
        config.setMaxLifetime(java.time.Duration.ofMinutes(30).toMillis());
        config.addDataSourceProperty("socketTimeout", String.valueOf(properties.socketTimeout().toSeconds()));
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, properties.connectTimeout().toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "yinfeng");
        return new HikariDataSource(config);
    }

    /**
     * With a replica configured, the application's DataSource hands out connections lazily: to the replica inside a
     * read-only transaction, to the primary otherwise (Spring's {@code LazyConnectionDataSourceProxy} with a read-only
     * variant). Flyway, writes and ordinary reads stay on the primary.
     */
    @Bean(destroyMethod = "close")
    @org.springframework.context.annotation.Primary
    @Conditional(ReplicaConfigured.class)
    ReadRoutingDataSource routingDataSource(HikariDataSource dataSource, DatabaseProperties properties,
            Environment env) {
        var replica = properties.replica();
        var config = new HikariConfig();
        config.setJdbcUrl(replica.url());
        config.setUsername(StringUtils.hasText(replica.username()) ? replica.username()
                : env.getProperty("spring.datasource.username"));
        config.setPassword(StringUtils.hasText(replica.password()) ? replica.password()
                : env.getProperty("spring.datasource.password"));
        config.setPoolName("yinfeng-replica");
        config.setReadOnly(true);
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        config.setKeepaliveTime(java.time.Duration.ofMinutes(2).toMillis());
        config.addDataSourceProperty("socketTimeout", String.valueOf(properties.socketTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", "yinfeng-replica");
        log.info("Read-only transactions use the replica at {}", replica.url());
        return new ReadRoutingDataSource(dataSource, new HikariDataSource(config));
    }

    /** The primary, with the replica for read-only transactions; closing it closes the replica's pool. */
    static final class ReadRoutingDataSource extends org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy
            implements AutoCloseable {

        private final HikariDataSource replica;

        ReadRoutingDataSource(DataSource primary, HikariDataSource replica) {
            super(primary);
            this.replica = replica;
            setReadOnlyDataSource(replica);
        }

        @Override
        public void close() {
            replica.close();
        }
    }

    static final class ReplicaConfigured implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("yinfeng.db.replica.url"));
        }
    }
}
