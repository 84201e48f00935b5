package cn.yinfeng;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * Boundaries the build keeps. Controllers reach the database only through their module's services (no JDBC in a
 * controller). A module's tables are its own: the tables each module creates (its migration folder) are named in SQL of that
 * module only. The SQL text of every main class (its string literals and text blocks) is read for the tables it
 * names after {@code from}, {@code join}, {@code into}, {@code update}, {@code copy}; a name of another module's table
 * fails the build unless it is one of the reads listed in {@code architecture/cross-module-sql.txt}, each with why it
 * is there for now. The list only shrinks: an entry no code needs any more fails too, so it is taken out.
 */
class ArchitectureTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SOURCES = Path.of("src/main/java/cn/yinfeng");
    private static final Pattern CREATE =
            Pattern.compile("create table (?:if not exists )?(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern REFERENCE =
            Pattern.compile("\\b(?:from|join|into|update|copy)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CTE =
            Pattern.compile("(?:\\bwith|,)\\s*(\\w+)\\s+as\\s*\\(", Pattern.CASE_INSENSITIVE);

    /** Table → the module whose migrations create it. */
    static Map<String, String> owners() throws IOException {
        var owners = new HashMap<String, String>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String module = f.getParent().getFileName().toString();
                Matcher m = CREATE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    owners.put(m.group(1).toLowerCase(), module);
                }
            }
        }
        return owners;
    }

    /** "module table" for each table of another module that a module's SQL names. */
    static Set<String> crossModuleReads(Map<String, String> owners) throws IOException {
        var found = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String module = SOURCES.relativize(f).getName(0).toString();
                Matcher text = TEXT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (text.find()) {
                    String sql = text.group(1) != null ? text.group(1) : text.group(2);
                    var local = new HashSet<String>();
                    Matcher cte = CTE.matcher(sql);
                    while (cte.find()) {
                        local.add(cte.group(1).toLowerCase());
                    }
                    Matcher ref = REFERENCE.matcher(sql);
                    while (ref.find()) {
                        String table = ref.group(1).toLowerCase();
                        String owner = owners.get(table);
                        if (owner != null && !owner.equals(module) && !local.contains(table)) {
                            found.add(module + " " + table);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void controllersReachTheDatabaseThroughServicesOnly() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.yinfeng");
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(JdbcTemplate.class)
                .because("a controller's SQL escapes the region scoping and the module's public API")
                .check(classes);
    }

    @Test
    void noModuleNamesAnotherModulesTablesBeyondTheListedReads() throws IOException {
        Map<String, String> owners = owners();
        assertThat(owners).containsEntry("project", "projects").containsEntry("app_user", "accounts");
        Set<String> found = crossModuleReads(owners);
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/architecture/cross-module-sql.txt"))) {
            String entry = line.replaceAll("#.*", "").trim();
            if (!entry.isEmpty()) {
                listed.add(entry.replaceAll("\\s+", " "));
            }
        }
        var unlisted = new TreeSet<>(found);
        unlisted.removeAll(listed);
        assertThat(unlisted)
                .as("SQL naming another module's tables: use the owner's public API")
                .isEmpty();
        var stale = new TreeSet<>(listed);
        stale.removeAll(found);
        assertThat(stale)
                .as("listed cross-module reads that no code makes any more: take them off the list")
                .isEmpty();
    }

    @Test
    void theScanSeesSqlInLiteralsAndTextBlocksButNotCommonTableExpressions() {
        Matcher text = TEXT.matcher("String a = \"select 1 from project p\"; String b = \"\"\"\n"
                + "    with target as (select id from x) update target set y = 1\n    \"\"\";");
        var sql = new ArrayList<String>();
        while (text.find()) {
            sql.add(text.group(1) != null ? text.group(1) : text.group(2));
        }
        assertThat(sql).hasSize(2);
        Matcher cte = CTE.matcher(sql.get(1));
        assertThat(cte.find()).isTrue();
        assertThat(cte.group(1)).isEqualTo("target");
        Matcher ref = REFERENCE.matcher(sql.get(0));
        assertThat(ref.find()).isTrue();
        assertThat(ref.group(1)).isEqualTo("project");
    }
}
