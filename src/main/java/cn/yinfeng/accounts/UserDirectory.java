package cn.yinfeng.accounts;

import cn.yinfeng.accounts.Accounts.Recipient;
import cn.yinfeng.accounts.Accounts.UserCard;
import cn.yinfeng.common.Like;
import cn.yinfeng.regions.RegionScope;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind what other modules read of users: names shown next to their rows, ids by user name or display name,
 * who holds a role. Lookups of many users are one statement each, whatever the number of ids.
 */
@Repository
class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, String> displayNames(Collection<Long> ids) {
        var out = new HashMap<Long, String>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, coalesce(display_name, username) from app_user where id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        out.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return out;
    }

    Map<Long, UserCard> cards(Collection<Long> ids) {
        var out = new HashMap<Long, UserCard>();
        if (!ids.isEmpty()) {
            jdbc.sql("select u.id, u.username, u.display_name, r.name from app_user u join region r on r.id = "
                            + "u.region_id where u.id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        out.put(
                                rs.getLong(1),
                                new UserCard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    });
        }
        return out;
    }

    Optional<Long> idOf(String username) {
        return jdbc.sql("select id from app_user where username = :u")
                .param("u", username)
                .query(Long.class)
                .optional();
    }

    Set<Long> displayNameContains(String text) {
        return new LinkedHashSet<>(jdbc.sql("select id from app_user where display_name ilike :q order by id")
                .param("q", Like.contains(text))
                .query(Long.class)
                .list());
    }

    List<Long> enabledWithRole(Collection<Long> ids, Set<Role> roles) {
        if (ids.isEmpty() || roles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select u.id from app_user u where u.enabled and u.id = any(:ids) and exists (select 1 from "
                        + "user_role ur where ur.user_id = u.id and ur.role = any(:roles)) order by u.id")
                .param("ids", ids.toArray(Long[]::new))
                .param("roles", names(roles))
                .query(Long.class)
                .list();
    }

    List<Long> enabledOfRegion(long regionId, Set<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select u.id from app_user u where u.enabled and u.region_id = :r and exists (select 1 from "
                        + "user_role ur where ur.user_id = u.id and ur.role = any(:roles)) order by u.id")
                .param("r", regionId)
                .param("roles", names(roles))
                .query(Long.class)
                .list();
    }

    boolean enabledIn(long userId, RegionScope scope) {
        return scope.bind(jdbc.sql("select count(*) from app_user u where u.id = :u and u.enabled and "
                                + scope.where("u.region_id")))
                        .param("u", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Recipient> recipients() {
        return jdbc.sql("select id, email, display_name from app_user where enabled order by id")
                .query((rs, n) -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }
}
