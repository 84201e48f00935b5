package cn.yinfeng.config;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two database roles the application uses: the <em>owner</em> runs the Flyway migrations (owns the schema and
 * every table) and the <em>runtime</em> role is what the connection pool signs in as. The runtime role gets only the
 * privileges the running application needs ({@link RuntimeGrants}): no UPDATE, DELETE or TRUNCATE on
 * {@code audit_log}. With no owner configured in external mode both are the same role, and the start-up check
 * ({@link DatabaseRoleCheck}) says what that role can do.
 *
 * @param url JDBC URL of the database
 * @param runtimeUser the role of the connection pool
 * @param runtimePassword its password
 * @param ownerUser the role that migrates (the runtime role when none is configured)
 * @param ownerPassword its password
 */
public record DatabaseRoles(
        String url, String runtimeUser, String runtimePassword, String ownerUser, String ownerPassword) {

    /** The roles the embedded server is set up with. */
    static final String EMBEDDED_OWNER = "yinfeng_owner";

    static final String EMBEDDED_RUNTIME = "yinfeng_app";

    /** True when migrations run as another role than the application. */
    public boolean separate() {
        return ownerUser != null && !ownerUser.equals(runtimeUser);
    }

    /**
     * Connections as the owner, one per use (Flyway at start; tests that must change what the runtime role may
     * not, such as disabling the audit log's trigger to play an attacker with database access).
     */
    public DataSource ownerDataSource() {
        var ds = new DriverManagerDataSource(url, ownerUser, ownerPassword);
        ds.setDriverClassName("org.postgresql.Driver");
        return ds;
    }

    @Override
    public String toString() {
        // never the passwords
        return "DatabaseRoles[url=" + url + ", runtimeUser=" + runtimeUser + ", ownerUser=" + ownerUser + "]";
    }
}
