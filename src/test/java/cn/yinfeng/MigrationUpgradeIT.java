package cn.yinfeng;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.config.DatabaseRoles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of every released set of migrations upgrades to the current one, with the application's own Flyway
 * settings. Module folders interleave versions (a release may add a version below one already applied), which strict
 * ordering refuses on every upgraded database while a fresh one, as every other test uses, never notices.
 */
class MigrationUpgradeIT extends IntegrationTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    /** Migrations run as the schema's owner, as the application runs them (the runtime role may not create). */
    @Autowired
    DatabaseRoles roles;

    @Value("${spring.flyway.out-of-order:false}")
    boolean outOfOrder;

    @Test
    void everyReleasedSchemaUpgradesToTheCurrentMigrations() throws Exception {
        List<Resource> all = Arrays.asList(
                new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/V*.sql"));
        Set<Integer> current =
                all.stream().map(r -> version(r.getFilename())).collect(Collectors.toCollection(TreeSet::new));
        List<String> releases;
        try (var in = getClass().getResourceAsStream("/db/released-migrations.txt")) {
            releases = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
        assertThat(releases).isNotEmpty();
        DataSource dataSource = roles.ownerDataSource();
        var owner = JdbcClient.create(dataSource);
        for (String release : releases) {
            String[] parts = release.trim().split("\\s+");
            Set<Integer> released =
                    Arrays.stream(parts).skip(1).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
            assertThat(current)
                    .as("%s's migrations are all still here", parts[0])
                    .containsAll(released);
            String schema = "upgrade_" + parts[0].replaceAll("\\W", "_");
            Path old = Files.createTempDirectory("released-migrations");
            try {
                for (Resource r : all) {
                    if (released.contains(version(r.getFilename()))) {
                        Files.writeString(old.resolve(r.getFilename()), r.getContentAsString(StandardCharsets.UTF_8));
                    }
                }
                // the database as that release left it
                var before = Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(schema)
                        .createSchemas(true)
                        .locations("filesystem:" + old)
                        .load();
                before.migrate();
                assertThat(applied(before)).as(parts[0]).isEqualTo(released);
                // and upgraded with the current migrations, configured as the application configures Flyway
                var after = Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(schema)
                        .locations("classpath:db/migration")
                        .outOfOrder(outOfOrder)
                        .load();
                after.migrate();
                assertThat(applied(after)).as("%s upgraded", parts[0]).isEqualTo(current);
                assertThat(after.info().pending()).isEmpty();
            } finally {
                owner.sql("drop schema if exists " + schema + " cascade").update();
                try (var files = Files.list(old)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.delete(old);
            }
        }
    }

    private static Set<Integer> applied(Flyway flyway) {
        var out = new TreeSet<Integer>();
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getVersion() != null
                    && m.getState().isApplied()
                    && !m.getState().isFailed()) {
                out.add(Integer.valueOf(m.getVersion().getVersion()));
            }
        }
        return out;
    }

    private static int version(String fileName) {
        Matcher m = VERSION.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalStateException("not a versioned migration: " + fileName);
        }
        return Integer.parseInt(m.group(1));
    }
}
