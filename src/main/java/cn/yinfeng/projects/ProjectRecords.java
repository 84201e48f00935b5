package cn.yinfeng.projects;

import cn.yinfeng.regions.RegionScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads project rows with their investors: the rows in one statement, the investors of all of them in a second (a
 * row mapper that queried per row would cost one statement per project of a page). The read scope is a bound
 * parameter of the same statement.
 */
@Component
class ProjectRecords {

    private static final String SELECT = """
            select p.*, r.name as region_name, ar.name as attracting_region_name, c.name as chain_name,
                   u.display_name as leader_name,
                   (u.id is not null and not (u.enabled and exists (select 1 from user_role lr
                     where lr.user_id = u.id and lr.role = 'LEADER'))) as leader_disabled
              from project p
              join region r on r.id = p.region_id
              left join region ar on ar.id = p.attracting_region_id
              left join chain c on c.id = p.chain_id
              left join app_user u on u.id = p.leader_user_id
            """;

    private final JdbcClient jdbc;

    ProjectRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Read scope: projects landing in, or attracted by, a region of the caller's tree. */
    static String readable(RegionScope scope) {
        return "(" + scope.where("p.region_id") + " or " + scope.where("p.attracting_region_id") + ")";
    }

    /** Write scope: projects landing in a region of the caller's tree. */
    static String writable(RegionScope scope) {
        return scope.where("p.region_id");
    }

    /**
     * The projects among {@code ids} that meet {@code condition} (a scope's SQL, bound by {@code scope}), locked for
     * update when {@code lock}; the investors are read after the lock, so they are the locked project's.
     */
    Map<Long, Project> load(Collection<Long> ids, String condition, RegionScope scope, boolean lock) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Long[] idArray = ids.toArray(Long[]::new);
        String sql = SELECT + " where p.id = any(:ids) and " + condition + (lock ? " for update of p" : "");
        List<Project> rows = scope.bind(jdbc.sql(sql))
                .param("ids", idArray)
                .query((rs, n) -> map(rs, List.of()))
                .list();
        var investors = investors(rows.stream().map(Project::id).toArray(Long[]::new));
        var out = new HashMap<Long, Project>();
        rows.forEach(p -> out.put(p.id(), p.withInvestors(investors.getOrDefault(p.id(), List.of()))));
        return out;
    }

    /** Whether the project exists and {@code condition} holds for it. */
    boolean exists(long id, String condition, RegionScope scope) {
        return scope.bind(jdbc.sql("select count(*) from project p where p.id = :id and " + condition))
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Map<Long, List<Project.Investor>> investors(Long[] projectIds) {
        var out = new HashMap<Long, List<Project.Investor>>();
        if (projectIds.length == 0) {
            return out;
        }
        jdbc.sql("select pi.project_id, e.id, e.name, e.credit_code from project_investor pi join enterprise e "
                        + "on e.id = pi.enterprise_id where pi.project_id = any(:ids) order by e.name")
                .param("ids", projectIds)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Project.Investor(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        return out;
    }

    static Stage stage(String s) {
        return s == null ? null : Stage.valueOf(s);
    }

    static Instant ts(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Project map(ResultSet rs, List<Project.Investor> investors) throws SQLException {
        return new Project(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("attracting_region_id"),
                rs.getString("attracting_region_name"),
                rs.getBigDecimal("attracting_share"),
                (Long) rs.getObject("chain_id"),
                rs.getString("chain_name"),
                (Long) rs.getObject("chain_node_id"),
                rs.getString("project_type") == null ? null : ProjectType.valueOf(rs.getString("project_type")),
                rs.getBigDecimal("total_investment"),
                rs.getBigDecimal("contract_amount"),
                rs.getBigDecimal("out_of_province_amount"),
                rs.getString("foreign_currency"),
                rs.getBigDecimal("foreign_amount"),
                rs.getBigDecimal("exchange_rate"),
                rs.getString("fund_origin") == null ? null : FundOrigin.valueOf(rs.getString("fund_origin")),
                rs.getBoolean("fund_origin_derived"),
                rs.getBoolean("key_project"),
                (Long) rs.getObject("leader_user_id"),
                rs.getString("leader_name"),
                rs.getString("responsible_unit"),
                rs.getString("contact_name"),
                rs.getString("contact_phone"),
                rs.getBoolean("counted"),
                rs.getString("not_counted_reason"),
                (Long) rs.getObject("expansion_of_id"),
                Stage.valueOf(rs.getString("stage")),
                stage(rs.getString("held_stage")),
                rs.getString("hold_reason"),
                rs.getString("loss_reason"),
                new StageDates(
                        rs.getObject("signed_on", LocalDate.class),
                        rs.getObject("registered_on", LocalDate.class),
                        rs.getObject("started_on", LocalDate.class),
                        rs.getObject("producing_on", LocalDate.class),
                        rs.getObject("full_production_on", LocalDate.class)),
                ReviewStatus.valueOf(rs.getString("review_status")),
                investors,
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("leader_disabled"),
                rs.getBoolean("backfilled"));
    }
}
