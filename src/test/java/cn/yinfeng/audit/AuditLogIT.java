package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.config.DatabaseRoles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log is append-only in the database and its hash chain finds a changed or deleted row. */
class AuditLogIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditQueries queries;

    @Autowired
    DatabaseRoles roles;

    /** The schema's owner: what an attacker with database access (not the application's role) could do. */
    JdbcClient owner;

    @BeforeEach
    void ownerConnection() {
        owner = JdbcClient.create(roles.ownerDataSource());
    }

    @Test
    void rowsCarryTimeUserActionOutcomeAndAddress() {
        audit.record(null, "tester", "TEST_EVENT", "thing", 42, Outcome.SUCCESS, "detail", "10.0.0.9");
        var row = queries.search(new AuditSearch(null, null, "tester", "TEST_EVENT", null, "at", "desc", 0, 10))
                .rows()
                .get(0);
        assertThat(row.at()).isNotNull();
        assertThat(row.username()).isEqualTo("tester");
        assertThat(row.targetId()).isEqualTo("42");
        assertThat(row.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(row.clientIp()).isEqualTo("10.0.0.9");
        assertThat(row.hash()).hasSize(64).isNotEqualTo(row.prevHash());
    }

    @Test
    void databaseRefusesUpdateDeleteAndTruncate() {
        audit.record(null, "tester", "TEST_EVENT", null, null, Outcome.SUCCESS, null, null);
        // even the table's owner meets the trigger (the application's role has no such privilege at all)
        assertThatThrownBy(() -> owner.sql("update audit_log set detail = 'x'").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_log").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("truncate audit_log").update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void verifyFindsATamperedRowAndAnIntactChainAgainAfterRepair() throws Exception {
        audit.record(null, "tester", "TEST_EVENT", null, null, Outcome.SUCCESS, "original", null);
        long id = jdbc.sql("select max(id) from audit_log").query(Long.class).single();
        audit.record(null, "tester", "TEST_EVENT", null, null, Outcome.SUCCESS, "after", null);
        assertThat(queries.verify().intact()).isTrue();

        // the owner bypasses the trigger, as an attacker with database access would
        tamper(id, "forged");
        try {
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(id);
            assertThat(result.reason()).isEqualTo("content");
            mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer demo-token-admin"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.brokenAt").value(id));
        } finally {
            tamper(id, "original");
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    @Test
    void verifyFindsADeletedRow() {
        audit.record(null, "tester", "TEST_DELETE", null, null, Outcome.SUCCESS, "a", null);
        long id = jdbc.sql("select max(id) from audit_log").query(Long.class).single();
        audit.record(null, "tester", "TEST_DELETE", null, null, Outcome.SUCCESS, "b", null);
        long next = id + 1;
        var saved = jdbc.sql("select * from audit_log where id = :id")
                .param("id", id)
                .query()
                .singleRow();
        owner.sql("alter table audit_log disable trigger audit_log_no_update_delete")
                .update();
        try {
            owner.sql("delete from audit_log where id = :id").param("id", id).update();
            var result = queries.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(next);
            assertThat(result.reason()).isEqualTo("link");
        } finally {
            jdbc.sql("""
                    insert into audit_log (id, at, user_id, username, region_id, action, target_type, target_id,
                                           outcome, detail, client_ip, prev_hash, hash, hash_rule)
                    overriding system value
                    values (:id, :at, :user_id, :username, :region_id, :action, :target_type, :target_id,
                            :outcome, :detail, :client_ip, :prev_hash, :hash, :hash_rule)
                    """).params(saved).update();
            owner.sql("alter table audit_log enable trigger audit_log_no_update_delete")
                    .update();
        }
        assertThat(queries.verify().intact()).isTrue();
    }

    private void tamper(long id, String detail) {
        owner.sql("alter table audit_log disable trigger audit_log_no_update_delete")
                .update();
        try {
            owner.sql("update audit_log set detail = :d where id = :id")
                    .param("d", detail)
                    .param("id", id)
                    .update();
        } finally {
            owner.sql("alter table audit_log enable trigger audit_log_no_update_delete")
                    .update();
        }
    }
}
