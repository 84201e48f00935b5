package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's own database role (the pool's, embedded or external) is no superuser and may only append to
 * and read the audit log; the migrations run as another role, which grants it that (checklist #19, #32, and #7/#8:
 * no shared all-powerful account, least privilege).
 */
class DatabaseRolesIT extends IntegrationTest {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DatabaseRoles roles;

    @Test
    @DisplayName(
            "checklist #19, #32: the application's role is no superuser and cannot UPDATE/DELETE/TRUNCATE audit_log")
    void theApplicationsRoleIsNoSuperuserAndMayOnlyAppendToTheAuditLog() {
        var role = jdbc.sql("""
                select rolsuper, rolcreaterole, rolcreatedb,
                       has_table_privilege(current_user, 'audit_log', 'UPDATE') as upd,
                       has_table_privilege(current_user, 'audit_log', 'DELETE') as del,
                       has_table_privilege(current_user, 'audit_log', 'TRUNCATE') as trunc,
                       has_table_privilege(current_user, 'audit_log', 'INSERT') as ins,
                       has_table_privilege(current_user, 'audit_log', 'SELECT') as sel,
                       current_user as name
                from pg_roles where rolname = current_user
                """).query().singleRow();
        assertThat(role.get("name")).isEqualTo(roles.runtimeUser()).isEqualTo(dataSource.getUsername());
        assertThat(role.get("rolsuper")).isEqualTo(false);
        assertThat(role.get("rolcreaterole")).isEqualTo(false);
        assertThat(role.get("upd")).isEqualTo(false);
        assertThat(role.get("del")).isEqualTo(false);
        assertThat(role.get("trunc")).isEqualTo(false);
        assertThat(role.get("ins")).isEqualTo(true);
        assertThat(role.get("sel")).isEqualTo(true);
    }

    @Test
    @DisplayName(
            "checklist #19: UPDATE, DELETE, TRUNCATE of audit_log through the application's JdbcClient: permission denied")
    void changingTheAuditLogThroughTheApplicationsConnectionIsDeniedByPrivilege() {
        // the privilege check, not only the trigger (which an owner could disable) refuses
        assertThatThrownBy(
                        () -> jdbc.sql("update audit_log set detail = 'x' where id = (select max(id) from audit_log)")
                                .update())
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = (select max(id) from audit_log)")
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update())
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.sql("alter table audit_log disable trigger audit_log_no_update_delete")
                        .update())
                .rootCause()
                .hasMessageContaining("must be owner");
    }

    @Test
    @DisplayName("checklist #8: migrations ran as the owner, which granted the application every table it uses")
    void theOwnerMigratedAndGrantedTheApplicationItsTables() {
        assertThat(roles.separate()).isTrue();
        var owner = JdbcClient.create(roles.ownerDataSource());
        assertThat(owner.sql("select current_user").query(String.class).single())
                .isEqualTo(roles.ownerUser());
        assertThat(owner.sql("select count(*) from pg_tables where schemaname = current_schema()"
                                + " and tableowner <> current_user")
                        .query(Long.class)
                        .single())
                .isZero();
        // every table but the schema history: read and write (audit_log: read and append)
        List<String> missing = jdbc.sql("""
                select c.relname from pg_class c
                where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                  and c.relname <> 'flyway_schema_history'
                  and not (has_table_privilege(current_user, c.oid, 'SELECT')
                           and has_table_privilege(current_user, c.oid, 'INSERT')
                           and (c.relname = 'audit_log' or has_table_privilege(current_user, c.oid, 'UPDATE')))
                order by 1
                """).query(String.class).list();
        assertThat(missing).isEmpty();
        assertThat(jdbc.sql("select has_table_privilege(current_user, 'flyway_schema_history', 'INSERT')")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("""
                select count(*) from pg_class c where c.relkind = 'S' and c.relnamespace = current_schema()::regnamespace
                  and not has_sequence_privilege(current_user, c.oid, 'USAGE')
                """).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName(
            "checklist #32: in prod the start-up check refuses a role that may change audit_log; elsewhere it warns")
    void theStartUpCheckRefusesTheOwnerRoleWhenEnforcing() {
        var ownerFacts = new DatabaseRoleCheck(false).check(roles.ownerDataSource());
        assertThat(ownerFacts.ownsAuditLog()).isTrue();
        assertThat(ownerFacts.problems()).isNotEmpty();
        assertThatThrownBy(() -> new DatabaseRoleCheck(true).check(roles.ownerDataSource()))
                .isInstanceOf(DatabaseRoleCheck.PrivilegedRoleException.class)
                .hasMessageContaining(roles.ownerUser())
                .hasMessageContaining("owns audit_log")
                .hasMessageContaining("YINFENG_DB_OWNER_USER");
        // the application's own role passes the enforcing check
        var own = new DatabaseRoleCheck(true).check(dataSource);
        assertThat(own.problems()).isEmpty();
    }
}
