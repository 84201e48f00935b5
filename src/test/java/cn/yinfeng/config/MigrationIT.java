package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The migrations build the whole schema on an empty PostgreSQL, and running them again changes nothing. */
class MigrationIT {

    @Test
    void migrationsApplyToAnEmptyDatabase() throws Exception {
        var dir = Files.createTempDirectory("yf-migration");
        try (var pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .start()) {
            var ds = pg.getPostgresDatabase();
            var flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load();
            var result = flyway.migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(3);
            var jdbc = JdbcClient.create(ds);
            List<String> tables = jdbc.sql("select table_name from information_schema.tables "
                            + "where table_schema = 'public' order by 1")
                    .query(String.class)
                    .list();
            assertThat(tables).contains("region", "app_user", "user_role", "login_failure", "api_token", "audit_log");
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
