package cn.yinfeng.config;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the two roles of the embedded server, signed in as its superuser {@code postgres} for this and nothing
 * else: {@value DatabaseRoles#EMBEDDED_OWNER} owns the database, its {@code public} schema and every object in it
 * (objects an earlier version made as the superuser are handed over), {@value DatabaseRoles#EMBEDDED_RUNTIME} gets
 * its privileges from {@link RuntimeGrants} after the migrations. Neither is a superuser, nor may create roles or
 * databases. Both get new random passwords at every start, held in memory only.
 */
final class EmbeddedRoles {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRoles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedRoles() {}

    static DatabaseRoles setUp(DataSource superuser, int port) {
        String ownerPassword = randomPassword();
        String runtimePassword = randomPassword();
        try (Connection c = superuser.getConnection()) {
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("""
                        do $$
                        begin
                            if not exists (select from pg_roles where rolname = 'yinfeng_owner') then
                                create role yinfeng_owner;
                            end if;
                            if not exists (select from pg_roles where rolname = 'yinfeng_app') then
                                create role yinfeng_app;
                            end if;
                        end
                        $$""");
            }
            // passwords as bound values, read back by the DO block (ALTER ROLE takes no parameters)
            try (var ps = c.prepareStatement(
                    "select set_config('yinfeng.owner_password', ?, false), set_config('yinfeng.app_password', ?, false)")) {
                ps.setString(1, ownerPassword);
                ps.setString(2, runtimePassword);
                ps.execute();
            }
            try (var st = c.createStatement()) {
                st.execute("""
                        do $$
                        begin
                            execute format('alter role yinfeng_owner login nosuperuser nocreatedb nocreaterole'
                                || ' noreplication nobypassrls password %L', current_setting('yinfeng.owner_password'));
                            execute format('alter role yinfeng_app login nosuperuser nocreatedb nocreaterole'
                                || ' noreplication nobypassrls password %L', current_setting('yinfeng.app_password'));
                        end
                        $$""");
                st.execute("reset yinfeng.owner_password");
                st.execute("reset yinfeng.app_password");
                st.execute("alter database postgres owner to yinfeng_owner");
                st.execute("alter schema public owner to yinfeng_owner");
                // a data directory of an earlier version: its objects were made by the superuser
                st.execute("""
                        do $$
                        declare
                            o record;
                            owner oid := 'yinfeng_owner'::regrole;
                        begin
                            for o in select c.oid::regclass as name, c.relkind from pg_class c
                                     where c.relnamespace = 'public'::regnamespace and c.relowner <> owner
                                       and c.relkind in ('r', 'p', 'v', 'm', 'f') loop
                                execute format('alter %s %s owner to yinfeng_owner',
                                    case o.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                                   when 'f' then 'foreign table' else 'table' end, o.name);
                            end loop;
                            -- sequences not tied to a column (those moved with their table)
                            for o in select c.oid::regclass as name from pg_class c
                                     where c.relnamespace = 'public'::regnamespace and c.relowner <> owner
                                       and c.relkind = 'S'
                                       and not exists (select from pg_depend d where d.objid = c.oid
                                                       and d.classid = 'pg_class'::regclass
                                                       and d.deptype in ('a', 'i')) loop
                                execute format('alter sequence %s owner to yinfeng_owner', o.name);
                            end loop;
                            for o in select p.oid::regprocedure as name from pg_proc p
                                     where p.pronamespace = 'public'::regnamespace and p.proowner <> owner loop
                                execute format('alter routine %s owner to yinfeng_owner', o.name);
                            end loop;
                            for o in select t.oid::regtype as name from pg_type t
                                     where t.typnamespace = 'public'::regnamespace and t.typowner <> owner
                                       and t.typtype in ('e', 'd') loop
                                execute format('alter type %s owner to yinfeng_owner', o.name);
                            end loop;
                        end
                        $$""");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the roles of the embedded PostgreSQL", e);
        }
        log.info(
                "Embedded PostgreSQL: migrations as {}, the application as {} (no superuser)",
                DatabaseRoles.EMBEDDED_OWNER,
                DatabaseRoles.EMBEDDED_RUNTIME);
        return new DatabaseRoles(
                "jdbc:postgresql://localhost:" + port + "/postgres",
                DatabaseRoles.EMBEDDED_RUNTIME,
                runtimePassword,
                DatabaseRoles.EMBEDDED_OWNER,
                ownerPassword);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
