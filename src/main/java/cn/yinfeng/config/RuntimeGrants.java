package cn.yinfeng.config;

import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every Flyway run (so also tables that later migrations add), the owner grants the runtime role what the
 * running application needs on the schema's tables and sequences — and takes back UPDATE, DELETE and TRUNCATE on
 * {@code audit_log}, which the application only appends to and reads (checklist #19, #32), and every change of the
 * schema history. Nothing is done when migrations run as the runtime role itself.
 *
 * <p>Stats rebuilds ANALYZE their tables: PostgreSQL 17 and later let a non-owner do that through the MAINTAIN
 * privilege, granted here on every table but the audit log; on older servers the ANALYZE is skipped with a warning
 * and autovacuum analyses them soon after.
 */
final class RuntimeGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(RuntimeGrants.class);

    private static final String GRANTS = """
            do $$
            declare
                r text := current_setting('yinfeng.runtime_role');
                h text := current_setting('yinfeng.history_table');
                s text := current_schema();
            begin
                execute format('grant usage on schema %I to %I', s, r);
                execute format('grant select, insert, update, delete, truncate on all tables in schema %I to %I', s, r);
                execute format('grant usage, select on all sequences in schema %I to %I', s, r);
                execute format('revoke update, delete, truncate, references, trigger on table %I.audit_log from %I', s, r);
                execute format('revoke insert, update, delete, truncate, references, trigger on table %I.%I from %I',
                               s, h, r);
                if current_setting('server_version_num')::int >= 170000 then
                    execute format('grant maintain on all tables in schema %I to %I', s, r);
                    execute format('revoke maintain on table %I.audit_log from %I', s, r);
                    execute format('revoke maintain on table %I.%I from %I', s, h, r);
                end if;
            end
            $$""";

    private final DatabaseRoles roles;

    RuntimeGrants(DatabaseRoles roles) {
        this.roles = roles;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && roles.separate();
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        var c = context.getConnection();
        try {
            try (var ps = c.prepareStatement("select set_config('yinfeng.runtime_role', ?, false),"
                    + " set_config('yinfeng.history_table', ?, false)")) {
                ps.setString(1, roles.runtimeUser());
                ps.setString(2, context.getConfiguration().getTable());
                ps.execute();
            }
            try (var st = c.createStatement()) {
                st.execute(GRANTS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not grant the runtime role " + roles.runtimeUser() + " its privileges", e);
        }
        log.info(
                "Database: {} may read and write the tables, append to audit_log only; migrations as {}",
                roles.runtimeUser(),
                roles.ownerUser());
    }

    @Override
    public String getCallbackName() {
        return "yinfeng-runtime-grants";
    }
}
