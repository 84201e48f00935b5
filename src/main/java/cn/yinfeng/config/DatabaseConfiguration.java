package cn.yinfeng.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;

/**
 * One {@link DataSource} for the application: the configured PostgreSQL when {@code spring.datasource.url} is set,
 * otherwise an embedded PostgreSQL started here. {@code JdbcClient} uses it as Spring Boot would; Flyway runs as the
 * owner role when there is one ({@link DatabaseRoles}: always in embedded mode, with {@code yinfeng.db.owner} in
 * external mode), which then grants the application's role its privileges ({@link RuntimeGrants}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.system(cn.yinfeng.common.Times.ZONE);
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoDatabaseConfigured.class)
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException {
        var embedded = properties.embedded();
        Files.createDirectories(embedded.dataDir());
        // a server an application killed with kill -9 left running here would make this start fail
        LeftoverPostmaster.clear(embedded.dataDir());
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(embedded.dataDir())
                .setCleanDataDirectory(embedded.clean())
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", cn.yinfeng.common.Times.ZONE.getId());
        if (embedded.port() > 0) {
            builder.setPort(embedded.port());
        }
        EmbeddedPostgres pg = builder.start();
        log.info(
                "Embedded PostgreSQL started on port {} with data in {}",
                pg.getPort(),
                embedded.dataDir().toAbsolutePath());
        return pg;
    }

    /** The roles: in embedded mode set up here as the server's superuser, in external mode as configured. */
    @Bean
    DatabaseRoles databaseRoles(
            Environment env, DatabaseProperties properties, ObjectProvider<EmbeddedPostgres> embedded) {
        String url = env.getProperty("spring.datasource.url");
        if (StringUtils.hasText(url)) {
            String user = env.getProperty("spring.datasource.username");
            String password = env.getProperty("spring.datasource.password");
            var owner = properties.owner();
            return owner.configured()
                    ? new DatabaseRoles(url, user, password, owner.username(), owner.password())
                    : new DatabaseRoles(url, user, password, user, password);
        }
        EmbeddedPostgres pg = embedded.getObject();
        return EmbeddedRoles.setUp(pg.getPostgresDatabase(), pg.getPort());
    }

    /** Flyway signs in as the owner (Boot applies customizers after choosing its DataSource). */
    @Bean
    FlywayConfigurationCustomizer migrationsAsOwner(DatabaseRoles roles) {
        return configuration -> {
            if (roles.separate()) {
                configuration.dataSource(roles.ownerDataSource());
            }
        };
    }

    @Bean
    RuntimeGrants runtimeGrants(DatabaseRoles roles) {
        return new RuntimeGrants(roles);
    }

    /** After the migrations, before the application serves: the role of the pool (see {@link DatabaseRoleCheck}). */
    @Bean
    @DependsOnDatabaseInitialization
    DatabaseRoleCheck databaseRoleCheck(DatabaseProperties properties, HikariDataSource dataSource) {
        var check = new DatabaseRoleCheck(properties.refusePrivilegedRole());
        check.check(dataSource);
        return check;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseRoles roles, DatabaseProperties properties) {
        var config = new HikariConfig();
        config.setJdbcUrl(roles.url());
        config.setUsername(roles.runtimeUser());
        config.setPassword(roles.runtimePassword());
        config.setPoolName("yinfeng");
        config.setMaximumPoolSize(properties.poolSize());
        // A request waits at most connect-timeout for a connection, then fails (503, see DatabaseOutageFilter); a
        // statement waits at most socket-timeout on a silent server. Idle connections are probed every 2 minutes and
        // replaced every 30, so a restarted server or a dropped firewall state costs at most one failed request each.
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(3000, properties.connectTimeout().toMillis()));
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.addDataSourceProperty(
                "socketTimeout", String.valueOf(properties.socketTimeout().toSeconds()));
        config.addDataSourceProperty(
                "connectTimeout",
                String.valueOf(Math.max(1, properties.connectTimeout().toSeconds())));
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
    @Primary
    @Conditional(ReplicaConfigured.class)
    ReadRoutingDataSource routingDataSource(
            HikariDataSource dataSource, DatabaseProperties properties, DatabaseRoles roles) {
        var replica = properties.replica();
        var config = new HikariConfig();
        config.setJdbcUrl(replica.url());
        config.setUsername(StringUtils.hasText(replica.username()) ? replica.username() : roles.runtimeUser());
        config.setPassword(StringUtils.hasText(replica.password()) ? replica.password() : roles.runtimePassword());
        config.setPoolName("yinfeng-replica");
        config.setReadOnly(true);
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.addDataSourceProperty(
                "socketTimeout", String.valueOf(properties.socketTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", "yinfeng-replica");
        log.info("Read-only transactions use the replica at {}", replica.url());
        return new ReadRoutingDataSource(dataSource, new HikariDataSource(config));
    }

    /** The primary, with the replica for read-only transactions; closing it closes the replica's pool. */
    static final class ReadRoutingDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

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

    static final class ReplicaConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("yinfeng.db.replica.url"));
        }
    }
}
