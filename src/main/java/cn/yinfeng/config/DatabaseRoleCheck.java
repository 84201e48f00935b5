package cn.yinfeng.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, after the migrations: what the application's own database role may do. A role that is a superuser, may
 * create roles, owns the audit log (or is a member of its owner) or may UPDATE, DELETE or TRUNCATE it could rewrite
 * the audit trail unseen by the database (checklist #19, #32). With {@code yinfeng.db.refuse-privileged-role}
 * (on in the {@code prod} profile) such a role stops the start with a message saying what to change; otherwise it is
 * logged as a warning.
 */
public final class DatabaseRoleCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleCheck.class);

    /**
     * What the current role may do.
     *
     * @param role the role's name
     * @param superuser {@code rolsuper}
     * @param createRole {@code rolcreaterole}
     * @param createDb {@code rolcreatedb}
     * @param ownsAuditLog owner of {@code audit_log}, or a member of its owner (may disable its trigger)
     * @param auditUpdate UPDATE on {@code audit_log}
     * @param auditDelete DELETE on {@code audit_log}
     * @param auditTruncate TRUNCATE on {@code audit_log}
     */
    public record RoleFacts(
            String role,
            boolean superuser,
            boolean createRole,
            boolean createDb,
            boolean ownsAuditLog,
            boolean auditUpdate,
            boolean auditDelete,
            boolean auditTruncate) {

        /** What makes the role unfit to run the application. */
        public List<String> problems() {
            var out = new ArrayList<String>();
            if (superuser) {
                out.add("is a superuser");
            }
            if (createRole) {
                out.add("may create roles (CREATEROLE)");
            }
            if (ownsAuditLog) {
                out.add("owns audit_log (or is a member of its owner)");
            }
            if (auditUpdate) {
                out.add("may UPDATE audit_log");
            }
            if (auditDelete) {
                out.add("may DELETE from audit_log");
            }
            if (auditTruncate) {
                out.add("may TRUNCATE audit_log");
            }
            return out;
        }
    }

    private final boolean refuse;

    public DatabaseRoleCheck(boolean refuse) {
        this.refuse = refuse;
    }

    /** Reads the facts of the role {@code connection} is signed in as. */
    public static RoleFacts facts(Connection connection) throws SQLException {
        try (var st = connection.prepareStatement("""
                select r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
                       pg_has_role(current_user, c.relowner, 'USAGE'),
                       has_table_privilege(current_user, c.oid, 'UPDATE'),
                       has_table_privilege(current_user, c.oid, 'DELETE'),
                       has_table_privilege(current_user, c.oid, 'TRUNCATE')
                from pg_roles r, pg_class c
                where r.rolname = current_user and c.oid = to_regclass('audit_log')
                """);
                var rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no table audit_log for the database role check");
            }
            return new RoleFacts(
                    rs.getString(1),
                    rs.getBoolean(2),
                    rs.getBoolean(3),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6),
                    rs.getBoolean(7),
                    rs.getBoolean(8));
        }
    }

    /** Checks the role of {@code dataSource}'s connections: refuses (throws) or warns. */
    public RoleFacts check(DataSource dataSource) {
        RoleFacts facts;
        try (Connection c = dataSource.getConnection()) {
            facts = facts(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the application's database role", e);
        }
        enforce(facts);
        return facts;
    }

    /** Refuses (throws {@link PrivilegedRoleException}) or warns when the role has a problem. */
    public void enforce(RoleFacts facts) {
        List<String> problems = facts.problems();
        if (!problems.isEmpty()) {
            String message = "The database role \"" + facts.role() + "\" the application connects as "
                    + String.join(", ", problems) + ": it could change or delete audit records. Connect as a role"
                    + " without these rights (YINFENG_DB_USER) and let a separate owner role run the migrations"
                    + " (YINFENG_DB_OWNER_USER, YINFENG_DB_OWNER_PASSWORD); see docs/security/database.md.";
            if (refuse) {
                throw new PrivilegedRoleException(message + " Refusing to start (yinfeng.db.refuse-privileged-role).");
            }
            log.warn("{} Allowed outside the prod profile (yinfeng.db.refuse-privileged-role=false).", message);
        } else if (facts.createDb()) {
            log.warn(
                    "The database role \"{}\" the application connects as may create databases (CREATEDB), which"
                            + " it does not need",
                    facts.role());
        } else {
            log.info("Database role \"{}\": no superuser, appends to audit_log only", facts.role());
        }
    }

    /** The application's database role has rights it must not have. */
    public static final class PrivilegedRoleException extends IllegalStateException {
        PrivilegedRoleException(String message) {
            super(message);
        }
    }
}
