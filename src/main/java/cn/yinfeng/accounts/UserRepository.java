package cn.yinfeng.accounts;

import cn.yinfeng.common.Like;
import cn.yinfeng.regions.RegionScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the accounts module. Every read of other users is bound to a {@link RegionScope}. */
@Repository
class UserRepository {

    /** Stored fields needed to sign a user in. */
    record Credentials(
            long id,
            String username,
            String displayName,
            long regionId,
            String passwordHash,
            boolean enabled,
            Instant lockedUntil,
            Instant passwordChangedAt,
            boolean mustChangePassword,
            String totpSecret,
            boolean totpEnabled,
            Set<Role> roles) {}

    private static final String ROW_SELECT = """
            select u.id, u.username, u.display_name, u.region_id, r.name as region_name, u.enabled,
                   u.locked_until, u.totp_enabled, u.last_login_at, u.password_changed_at, u.version,
                   coalesce((select string_agg(ur.role, ',' order by ur.role) from user_role ur
                             where ur.user_id = u.id), '') as roles
              from app_user u join region r on r.id = u.region_id
            """;

    private static final Map<String, String> SORTS = Map.of(
            "username",
            "lower(u.username)",
            "displayName",
            "u.display_name",
            "region",
            "r.path",
            "lastLogin",
            "u.last_login_at");

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, u.region_id, u.password_hash, u.enabled, u.locked_until,
                       u.password_changed_at, u.must_change_password, u.totp_secret, u.totp_enabled,
                       coalesce((select string_agg(ur.role, ',') from user_role ur where ur.user_id = u.id), '')
                         as roles
                  from app_user u where lower(u.username) = lower(:username)
                """)
                .param("username", username)
                .query((rs, n) -> new Credentials(
                        rs.getLong("id"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getLong("region_id"),
                        rs.getString("password_hash"),
                        rs.getBoolean("enabled"),
                        instant(rs, "locked_until"),
                        instant(rs, "password_changed_at"),
                        rs.getBoolean("must_change_password"),
                        rs.getString("totp_secret"),
                        rs.getBoolean("totp_enabled"),
                        roles(rs.getString("roles"))))
                .optional();
    }

    Optional<Credentials> credentials(long id) {
        return jdbc.sql("select username from app_user where id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .flatMap(this::credentials);
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from app_user where lower(username) = lower(:u)")
                        .param("u", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    long insert(
            String username,
            String displayName,
            long regionId,
            String passwordHash,
            Instant now,
            boolean mustChange,
            Set<Role> roles) {
        long id = jdbc.sql("""
                insert into app_user (username, display_name, password_hash, region_id, password_changed_at,
                                      must_change_password, created_at)
                values (:username, :displayName, :hash, :regionId, :now, :mustChange, :now) returning id
                """)
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .param("regionId", regionId)
                .param("now", Timestamp.from(now))
                .param("mustChange", mustChange)
                .query(Long.class)
                .single();
        replaceRoles(id, roles);
        return id;
    }

    void replaceRoles(long userId, Set<Role> roles) {
        jdbc.sql("delete from user_role where user_id = :id")
                .param("id", userId)
                .update();
        for (Role role : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (:id, :role)")
                    .param("id", userId)
                    .param("role", role.name())
                    .update();
        }
    }

    /** Updates profile fields if {@code version} is still current; returns rows changed (0 = stale). */
    int update(long id, long version, String displayName, long regionId, boolean enabled, RegionScope scope) {
        return scope.bind(jdbc.sql("""
                update app_user set display_name = :displayName, region_id = :regionId, enabled = :enabled,
                                    version = version + 1
                 where id = :id and version = :version and %s
                """.formatted(scope.where("region_id"))))
                .param("displayName", displayName)
                .param("regionId", regionId)
                .param("enabled", enabled)
                .param("id", id)
                .param("version", version)
                .update();
    }

    void setPassword(long id, String hash, Instant now, boolean mustChange) {
        jdbc.sql("""
                update app_user set password_hash = :hash, password_changed_at = :now,
                                    must_change_password = :mustChange, version = version + 1 where id = :id
                """)
                .param("hash", hash)
                .param("now", Timestamp.from(now))
                .param("mustChange", mustChange)
                .param("id", id)
                .update();
    }

    /** Sets or clears the second factor; {@code lastStep} is the step of the code that confirmed it (used up). */
    void setTotp(long id, String secret, boolean enabled, Long lastStep) {
        jdbc.sql("update app_user set totp_secret = :secret, totp_enabled = :enabled, totp_last_step = :step, "
                        + "version = version + 1 where id = :id")
                .param("secret", secret)
                .param("enabled", enabled)
                .param("step", lastStep)
                .param("id", id)
                .update();
    }

    void lockUntil(long id, Instant until) {
        jdbc.sql("update app_user set locked_until = :until where id = :id")
                .param("until", until == null ? null : Timestamp.from(until))
                .param("id", id)
                .update();
    }

    void recordFailure(long id, Instant at) {
        jdbc.sql("insert into login_failure (user_id, failed_at) values (:id, :at)")
                .param("id", id)
                .param("at", Timestamp.from(at))
                .update();
    }

    int failuresSince(long id, Instant since) {
        return jdbc.sql("select count(*) from login_failure where user_id = :id and failed_at > :since")
                .param("id", id)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    void clearFailures(long id) {
        jdbc.sql("delete from login_failure where user_id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Accepts TOTP {@code step} for the user only if it is later than the last accepted one. One conditional
     * UPDATE: of two requests racing with the same code, the second sees the first's step and changes nothing.
     */
    boolean acceptTotpStep(long id, long step) {
        return jdbc.sql("update app_user set totp_last_step = :step where id = :id "
                                + "and (totp_last_step is null or totp_last_step < :step)")
                        .param("step", step)
                        .param("id", id)
                        .update()
                == 1;
    }

    void recordUnknownFailure(String nameKey, Instant at, Instant windowStart) {
        // rows outside the window count for no one any more: keep the table small whatever names are tried
        jdbc.sql("delete from login_failure_unknown where failed_at <= :since")
                .param("since", Timestamp.from(windowStart))
                .update();
        jdbc.sql("delete from login_lock_unknown where locked_until <= :now")
                .param("now", Timestamp.from(at))
                .update();
        jdbc.sql("insert into login_failure_unknown (name_key, failed_at) values (:k, :at)")
                .param("k", nameKey)
                .param("at", Timestamp.from(at))
                .update();
    }

    int unknownFailuresSince(String nameKey, Instant since) {
        return jdbc.sql("select count(*) from login_failure_unknown where name_key = :k and failed_at > :since")
                .param("k", nameKey)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    void lockUnknownUntil(String nameKey, Instant until) {
        jdbc.sql("""
                insert into login_lock_unknown (name_key, locked_until) values (:k, :until)
                on conflict (name_key) do update set locked_until = excluded.locked_until
                """).param("k", nameKey).param("until", Timestamp.from(until)).update();
        jdbc.sql("delete from login_failure_unknown where name_key = :k")
                .param("k", nameKey)
                .update();
    }

    Optional<Instant> unknownLockedUntil(String nameKey) {
        return jdbc.sql("select locked_until from login_lock_unknown where name_key = :k")
                .param("k", nameKey)
                .query((rs, n) -> instant(rs, "locked_until"))
                .optional();
    }

    void loggedIn(long id, Instant at) {
        jdbc.sql("update app_user set last_login_at = :at where id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    Optional<UserRow> find(long id, RegionScope scope) {
        return scope.bind(jdbc.sql(ROW_SELECT + " where u.id = :id and " + scope.where("u.region_id")))
                .param("id", id)
                .query(UserRepository::row)
                .optional();
    }

    List<UserRow> search(UserSearch search, RegionScope scope) {
        var sql = new StringBuilder(ROW_SELECT).append(" where ").append(scope.where("u.region_id"));
        var spec = new Object() {
            final Map<String, Object> params = new java.util.HashMap<>();
        };
        if (search.q() != null) {
            sql.append(" and (u.username ilike :q or u.display_name ilike :q)");
            spec.params.put("q", Like.contains(search.q()));
        }
        if (search.regionId() != null) {
            sql.append(" and u.region_id = :regionId");
            spec.params.put("regionId", search.regionId());
        }
        if (search.role() != null) {
            sql.append(" and exists (select 1 from user_role x where x.user_id = u.id and x.role = :role)");
            spec.params.put("role", search.role().name());
        }
        // sort expression from a fixed map, direction from a two-value check: nothing of the request text
        sql.append(" order by ")
                .append(SORTS.getOrDefault(search.sort(), "r.path"))
                .append(' ')
                .append(search.desc() ? "desc nulls last" : "asc nulls last")
                .append(", u.id limit 500");
        return scope.bind(jdbc.sql(sql.toString()))
                .params(spec.params)
                .query(UserRepository::row)
                .list();
    }

    /** Enabled leaders by id, each with the name people know them by: the display name, else the user name. */
    java.util.Map<Long, String> leaderNames() {
        var m = new java.util.LinkedHashMap<Long, String>();
        jdbc.sql("select u.id, u.display_name, u.username from app_user u join user_role ur on ur.user_id = u.id "
                        + "and ur.role = 'LEADER' where u.enabled order by u.id")
                .query(rs -> {
                    m.put(rs.getLong(1), rs.getString(2) == null ? rs.getString(3) : rs.getString(2));
                });
        return m;
    }

    /** The leader whose user name this is (an enabled one first). */
    java.util.Optional<Long> leaderByUsername(String username) {
        return jdbc.sql("select u.id from app_user u join user_role ur on ur.user_id = u.id and ur.role = 'LEADER' "
                        + "where u.username = :n order by u.enabled desc, u.id limit 1")
                .param("n", username)
                .query(Long.class)
                .optional();
    }

    List<Accounts.UserRef> withRole(Role role) {
        return jdbc.sql("select u.id, u.display_name from app_user u join user_role r on r.user_id = u.id "
                        + "and r.role = :role where u.enabled order by u.display_name")
                .param("role", role.name())
                .query((rs, n) -> new Accounts.UserRef(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /**
     * Enabled leaders a user of {@code scope} may name: those of a region inside it, and those of the regions above
     * it (a county's project may be owned by a city leader). Optionally only the one with {@code id}.
     */
    List<Accounts.UserRef> selectableLeaders(RegionScope scope, Long id) {
        var spec = scope.bind(jdbc.sql("select u.id, u.display_name from app_user u join user_role ur on ur.user_id "
                        + "= u.id and ur.role = 'LEADER' join region lr on lr.id = u.region_id where u.enabled and ("
                        + scope.where("u.region_id") + " or :ownPath like lr.path || '%')"
                        + (id == null ? "" : " and u.id = :id") + " order by u.display_name, u.id"))
                .param("ownPath", scope.path());
        if (id != null) {
            spec = spec.param("id", id);
        }
        return spec.query((rs, n) -> new Accounts.UserRef(rs.getLong(1), rs.getString(2)))
                .list();
    }

    List<Accounts.ScopedUser> enabledIn(RegionScope scope) {
        return scope.bind(jdbc.sql("select u.id, u.display_name, r.name from app_user u join region r on r.id = "
                        + "u.region_id where u.enabled and " + scope.where("u.region_id")
                        + " order by r.path, u.display_name"))
                .query((rs, n) -> new Accounts.ScopedUser(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private static UserRow row(ResultSet rs, int n) throws SQLException {
        return new UserRow(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                roles(rs.getString("roles")),
                rs.getBoolean("enabled"),
                instant(rs, "locked_until"),
                rs.getBoolean("totp_enabled"),
                instant(rs, "last_login_at"),
                instant(rs, "password_changed_at"),
                rs.getLong("version"));
    }

    static Set<Role> roles(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(","))
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    // -- display names for activities
    /** The display names of the users among {@code ids}, in one statement; ids of no user are left out. */
    Map<Long, String> displayNames(Collection<Long> ids) {
        var names = new HashMap<Long, String>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, display_name from app_user where id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        names.put(rs.getLong("id"), rs.getString("display_name"));
                    });
        }
        return names;
    }
}
