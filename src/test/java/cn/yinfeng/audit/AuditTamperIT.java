package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.config.DatabaseRoles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.mock.web.MockHttpSession;

/**
 * Tampering with the audit log is found from outside the table (checklist #19, #22, #32): rows deleted from the
 * end are missed by the signed checkpoint that named the newest row; a row edited and every later hash recomputed,
 * with the published unkeyed rule or with HMAC under a wrong key, no longer fits the keyed chain; an untouched
 * chain, and one whose old-rule rows (written before the upgrade) are followed by keyed rows, is intact.
 *
 * <p>The tampering is done as the database's owner or superuser, as an attacker with database access would, each
 * in one transaction with the append-only trigger disabled only inside it; every test restores what it changed.
 */
class AuditTamperIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditQueries queries;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditKey key;

    @Autowired
    Clock appClock;

    @Autowired
    ObjectProvider<EmbeddedPostgres> embedded;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseRoles roles;

    @Test
    @DisplayName("checklist #32 (d): an untouched chain with checkpoints is intact, on the page and in the API")
    void anUntouchedChainIsIntact() throws Exception {
        rows("TAMPER_UNTOUCHED", 2);
        var cp = checkpoints.write("test").orElseThrow();
        assertThat(Files.readString(checkpoints.file())).contains(" " + cp.id() + " " + cp.hash() + " ");

        var result = queries.verify();
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.reason()).isNull();
        assertThat(result.checkpointsChecked()).isGreaterThanOrEqualTo(1);
        assertThat(result.checkpointId()).isEqualTo(cp.id());
        mvc.perform(get("/api/v1/audit/verify")
                        .header("Authorization", "Bearer demo-token-admin")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.message").value(Matchers.containsString("signed checkpoints")));
    }

    @Test
    @DisplayName("checklist #32 (a): the newest rows deleted with SQL → verify fails, naming the checkpoint")
    void deletingTheNewestRowsIsFoundByTheCheckpoint() throws Exception {
        List<Long> ids = rows("TAMPER_TAIL", 3);
        long keep = ids.get(0);
        long head = ids.get(2);
        var cp = checkpoints.write("test").orElseThrow();
        assertThat(cp.id()).isEqualTo(head);
        assertThat(queries.verify().intact()).isTrue();

        var saved = snapshot(keep + 1);
        asOwner(db ->
                db.sql("delete from audit_log where id > :id").param("id", keep).update());
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.reason()).isEqualTo("checkpoint-missing");
            assertThat(result.brokenAt()).isEqualTo(head);
            assertThat(result.checkpointId()).isEqualTo(head);
            assertThat(result.lastId()).isEqualTo(keep);
            assertThat(result.rowBefore()).isEqualTo(keep);
            // every row that is left still fits the one before it: only the checkpoint sees the loss
            assertThat(result.rowsChecked()).isEqualTo(count(keep));

            mvc.perform(get("/api/v1/audit/verify")
                            .header("Authorization", "Bearer demo-token-admin")
                            .header("Accept-Language", "zh-CN"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.reason").value("checkpoint-missing"))
                    .andExpect(jsonPath("$.brokenAt").value(head))
                    .andExpect(jsonPath("$.message")
                            .value(Matchers.containsString("检查点文件第 " + result.checkpointLine() + " 行）记下第 " + head
                                    + " 号记录为链头，但这条记录已不在日志中：第 " + keep + " 号记录之后直到它的记录被删除")));
            mvc.perform(get("/api/v1/audit/verify")
                            .header("Authorization", "Bearer demo-token-admin")
                            .header("Accept-Language", "en"))
                    .andExpect(jsonPath("$.message")
                            .value(Matchers.containsString(
                                    "recorded row " + head + " as the newest, but that row is no longer in the log")));
            MockHttpSession admin =
                    (MockHttpSession) mvc.perform(formLogin().user("admin").password("Yinfeng@2024"))
                            .andReturn()
                            .getRequest()
                            .getSession();
            String page = mvc.perform(post("/admin/audit/verify")
                            .session(admin)
                            .with(csrf())
                            .header("Accept-Language", "zh-CN"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains("alert-danger").contains("记下第 " + head + " 号记录为链头");
        } finally {
            // the verifications above appended rows linked to the shortened chain: they go, the deleted rows return
            asOwner(db -> {
                db.sql("delete from audit_log where id > :id").param("id", keep).update();
                restore(db, saved, true);
            });
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("checklist #32 (b): a row edited and every later hash recomputed with the old published rule → fails")
    void rehashingWithTheOldPublishedRuleIsFound() {
        List<Long> ids = rows("TAMPER_OLD_RULE", 4);
        checkpoints.write("test");
        long edited = ids.get(1);
        var saved = snapshot(edited);

        // as the old rule's rows are marked (rule 1): an unkeyed row after keyed ones
        rewrite(
                edited,
                (prev, e) -> AuditChain.hash(
                        e.prevHash(),
                        e.at(),
                        e.userId(),
                        e.username(),
                        e.regionId(),
                        e.action(),
                        e.targetType(),
                        e.targetId(),
                        e.outcome(),
                        e.detail(),
                        e.clientIp()),
                AuditChain.LEGACY);
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(edited);
            assertThat(result.reason()).isEqualTo("rule");
        } finally {
            asOwner(db -> restore(db, saved, false));
        }
        // the same hashes left marked as keyed rows: they do not fit HMAC
        rewrite(edited, (prev, e) -> AuditChain.hash(e), AuditChain.KEYED);
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(edited);
            assertThat(result.reason()).isEqualTo("content");
        } finally {
            asOwner(db -> restore(db, saved, false));
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("checklist #32 (c): a row edited and every later hash recomputed with HMAC under a wrong key → fails")
    void rehashingWithAWrongKeyIsFound() {
        List<Long> ids = rows("TAMPER_WRONG_KEY", 3);
        long edited = ids.get(0);
        var saved = snapshot(edited);
        SecretKey wrong = AuditKey.parse("QTq7qAOtO3feX3keha9bfoheVmuxEPrMxk/H2+Svk5g=");
        rewrite(edited, (prev, e) -> AuditChain.keyed(wrong, e), AuditChain.KEYED);
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(edited);
            assertThat(result.reason()).isEqualTo("content");
            assertThat(result.rowsChecked()).isEqualTo(count(edited - 1));
        } finally {
            asOwner(db -> restore(db, saved, false));
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    /**
     * (e) and the upgrade: an audit log written by V3 with the old rule, migrated with V40 and continued by the
     * keyed writer, is intact; rewriting its old rows and re-marking the keyed ones as old is found by the checkpoint;
     * an old-rule row appended after keyed ones is found by its rule. In a schema of its own (the same migrations).
     */
    @Test
    @DisplayName("checklist #32 (e): old-rule rows followed by keyed rows are intact; a legacy-rule rewrite is found")
    void oldRuleRowsBeforeKeyedRowsAreIntact() throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "audit-upgrade-", ".log");
        try (Connection c = ownerDataSource().getConnection()) {
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("drop schema if exists audit_upgrade_test cascade");
                st.execute("create schema audit_upgrade_test");
                st.execute("set search_path to audit_upgrade_test");
                st.execute(migration("V3__audit.sql"));
            }
            var db = JdbcClient.create(new SingleConnectionDataSource(c, true));
            // three rows as the version before the keyed chain wrote them
            String prev = AuditChain.GENESIS;
            Instant at = Instant.parse("2026-06-01T02:00:00.250Z");
            for (int i = 0; i < 3; i++) {
                String hash = AuditChain.hash(
                        prev,
                        at.plusSeconds(i),
                        null,
                        "old" + i,
                        null,
                        "LOGIN",
                        null,
                        null,
                        Outcome.SUCCESS,
                        "before V40",
                        "10.0.0." + i);
                db.sql("""
                        insert into audit_log (at, username, action, outcome, detail, client_ip, prev_hash, hash)
                        values (:at, :u, 'LOGIN', 'SUCCESS', 'before V40', :ip, :prev, :hash)""")
                        .param("at", Timestamp.from(at.plusSeconds(i)))
                        .param("u", "old" + i)
                        .param("ip", "10.0.0." + i)
                        .param("prev", prev)
                        .param("hash", hash)
                        .update();
                prev = hash;
            }
            try (var st = c.createStatement()) {
                st.execute(migration("V40__audit_keyed_chain.sql"));
            }
            var writer = new AuditLog(
                    db, new DataSourceTransactionManager(new SingleConnectionDataSource(c, true)), appClock, key);
            writer.record(null, "new0", "LOGIN", null, null, Outcome.SUCCESS, "after V40", "10.0.1.1");
            writer.record(null, "new1", "LOGOUT", null, null, Outcome.SUCCESS, "after V40", "10.0.1.1");
            var cps = new AuditCheckpoints(db, key, appClock, file.toString());
            var upgraded = new AuditQueries(db, appClock, key, cps);
            assertThat(db.sql("select hash_rule from audit_log order by id")
                            .query(Integer.class)
                            .list())
                    .containsExactly(1, 1, 1, 2, 2);

            var result = upgraded.verify();
            assertThat(result.intact()).as(result.toString()).isTrue();
            assertThat(result.rowsChecked()).isEqualTo(5);
            var cp = cps.write("test").orElseThrow();
            assertThat(upgraded.verify().intact()).isTrue();

            // edit old row 2, recompute it and every later row with the published rule, marking all as old rows:
            // each row fits the one before it, but the checkpoint's row now has another hash
            long second = db.sql("select min(id) + 1 from audit_log")
                    .query(Long.class)
                    .single();
            try (var st = c.createStatement()) {
                st.execute("alter table audit_log disable trigger audit_log_no_update_delete");
            }
            db.sql("update audit_log set detail = 'forged' where id = :id")
                    .param("id", second)
                    .update();
            String p = db.sql("select hash from audit_log where id = :id")
                    .param("id", second - 1)
                    .query(String.class)
                    .single();
            for (var e : db.sql("select * from audit_log where id >= :id order by id")
                    .param("id", second)
                    .query(AuditQueries::map)
                    .list()) {
                var relinked = new AuditEntry(
                        e.id(),
                        e.at(),
                        e.userId(),
                        e.username(),
                        e.regionId(),
                        e.action(),
                        e.targetType(),
                        e.targetId(),
                        e.outcome(),
                        e.detail(),
                        e.clientIp(),
                        p,
                        null);
                p = AuditChain.hash(relinked);
                db.sql("update audit_log set prev_hash = :prev, hash = :hash, hash_rule = 1 where id = :id")
                        .param("prev", relinked.prevHash())
                        .param("hash", p)
                        .param("id", e.id())
                        .update();
            }
            var rewritten = upgraded.verify();
            assertThat(rewritten.intact()).isFalse();
            assertThat(rewritten.reason()).isEqualTo("checkpoint-hash");
            assertThat(rewritten.brokenAt()).isEqualTo(cp.id());
            assertThat(rewritten.rowsChecked()).isEqualTo(4);

            // an old-rule row appended after keyed ones (on a fresh copy of the chain)
            db.sql("delete from audit_log").update();
            Files.writeString(file, "");
            writer.record(null, "new2", "LOGIN", null, null, Outcome.SUCCESS, null, null);
            String head = db.sql("select hash from audit_log order by id desc limit 1")
                    .query(String.class)
                    .single();
            Instant now = appClock.instant().truncatedTo(ChronoUnit.MICROS);
            db.sql("""
                    insert into audit_log (at, username, action, outcome, prev_hash, hash, hash_rule)
                    values (:at, 'forger', 'LOGIN', 'SUCCESS', :prev, :hash, 1)""")
                    .param("at", Timestamp.from(now))
                    .param("prev", head)
                    .param(
                            "hash",
                            AuditChain.hash(
                                    head, now, null, "forger", null, "LOGIN", null, null, Outcome.SUCCESS, null, null))
                    .update();
            var appended = upgraded.verify();
            assertThat(appended.intact()).isFalse();
            assertThat(appended.reason()).isEqualTo("rule");
            assertThat(appended.rowsChecked()).isEqualTo(1);
        } finally {
            try (Connection c = ownerDataSource().getConnection();
                    var st = c.createStatement()) {
                st.execute("drop schema if exists audit_upgrade_test cascade");
            }
            Files.deleteIfExists(file);
        }
    }

    @Test
    @DisplayName("checklist #32: a checkpoint line changed in the file is refused; writing one on demand works (API)")
    void aForgedCheckpointLineIsFoundAndCheckpointsCanBeWrittenOnDemand() throws Exception {
        rows("TAMPER_FILE", 1);
        mvc.perform(post("/api/v1/audit/checkpoint").header("Authorization", "Bearer demo-token-admin"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.hash").isString());
        byte[] before = Files.readAllBytes(checkpoints.file());
        var lines = Files.readAllLines(checkpoints.file());
        String last = lines.get(lines.size() - 1);
        String[] f = last.split(" ");
        Files.writeString(
                checkpoints.file(),
                String.join(" ", f[0], f[1], Long.toString(Long.parseLong(f[2]) - 1), f[3], f[4]) + "\n",
                StandardOpenOption.APPEND);
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.reason()).isEqualTo("checkpoint-file");
            assertThat(result.badLine())
                    .isEqualTo(Files.readAllLines(checkpoints.file()).size());
        } finally {
            Files.write(checkpoints.file(), before);
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    // --- helpers

    private List<Long> rows(String action, int n) {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < n; i++) {
            audit.record(null, "tamper", action, null, null, Outcome.SUCCESS, "row " + i, "10.9.9." + i);
            ids.add(jdbc.sql("select max(id) from audit_log").query(Long.class).single());
        }
        return ids;
    }

    private long count(long upToId) {
        return jdbc.sql("select count(*) from audit_log where id <= :id")
                .param("id", upToId)
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> snapshot(long fromId) {
        return jdbc.sql("select * from audit_log where id >= :id order by id")
                .param("id", fromId)
                .query()
                .listOfRows();
    }

    interface Rehash {
        String hash(String prev, AuditEntry relinked);
    }

    /** Changes the detail of row {@code fromId}, then relinks and re-hashes it and every later row. */
    private void rewrite(long fromId, Rehash rehash, int rule) {
        asOwner(db -> {
            db.sql("update audit_log set detail = 'forged by tamper test' where id = :id")
                    .param("id", fromId)
                    .update();
            String prev = db.sql("select hash from audit_log where id < :id order by id desc limit 1")
                    .param("id", fromId)
                    .query(String.class)
                    .single();
            for (var e : db.sql("select * from audit_log where id >= :id order by id")
                    .param("id", fromId)
                    .query(AuditQueries::map)
                    .list()) {
                var relinked = new AuditEntry(
                        e.id(),
                        e.at(),
                        e.userId(),
                        e.username(),
                        e.regionId(),
                        e.action(),
                        e.targetType(),
                        e.targetId(),
                        e.outcome(),
                        e.detail(),
                        e.clientIp(),
                        prev,
                        null);
                String hash = rehash.hash(prev, relinked);
                db.sql("update audit_log set prev_hash = :prev, hash = :hash, hash_rule = :rule where id = :id")
                        .param("prev", prev)
                        .param("hash", hash)
                        .param("rule", rule)
                        .param("id", e.id())
                        .update();
                prev = hash;
            }
        });
    }

    private static void restore(JdbcClient db, List<Map<String, Object>> saved, boolean insert) {
        for (var row : saved) {
            if (insert) {
                db.sql("""
                        insert into audit_log (id, at, user_id, username, region_id, action, target_type, target_id,
                                               outcome, detail, client_ip, prev_hash, hash, hash_rule)
                        overriding system value
                        values (:id, :at, :user_id, :username, :region_id, :action, :target_type, :target_id,
                                :outcome, :detail, :client_ip, :prev_hash, :hash, :hash_rule)""").params(row).update();
            } else {
                db.sql("""
                        update audit_log set detail = :detail, prev_hash = :prev_hash, hash = :hash,
                                             hash_rule = :hash_rule
                        where id = :id""").params(row).update();
            }
        }
    }

    /**
     * Runs {@code work} as the database's superuser (embedded) or the owner of the table (an external server: the
     * configured user today), in one transaction in which the append-only trigger is disabled.
     */
    private void asOwner(Consumer<JdbcClient> work) {
        try (Connection c = ownerDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("alter table audit_log disable trigger audit_log_no_update_delete");
            }
            work.accept(JdbcClient.create(new SingleConnectionDataSource(c, true)));
            try (var st = c.createStatement()) {
                st.execute("alter table audit_log enable trigger audit_log_no_update_delete");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSource ownerDataSource() {
        EmbeddedPostgres pg = embedded.getIfAvailable();
        return pg != null ? pg.getPostgresDatabase() : roles.ownerDataSource();
    }

    private static String migration(String name) throws Exception {
        try (var in = AuditTamperIT.class.getResourceAsStream("/db/migration/audit/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
