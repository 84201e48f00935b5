package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.RegionScope;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads of the ledger that other modules make, each within the caller's region scope: a leader's projects, a
 * project by the code a user typed, and the projects of investors by credit code (duplicate candidates of an import).
 */
@Service
public class ProjectLookups {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    ProjectLookups(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    /** A project a leader owns (包联), as a list beside their figures shows it. */
    public record LeaderProject(long id, String name, Stage stage, BigDecimal totalInvestment, String regionName) {}

    /** The projects {@code leaderUserId} owns that the caller may read, the largest first; at most {@code limit}. */
    public List<LeaderProject> ledBy(long leaderUserId, int limit) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                select p.id, p.name, p.stage, p.total_investment, r.name as region_name
                  from project p join region r on r.id = p.region_id
                 where p.leader_user_id = :me and %s
                 order by p.total_investment desc, p.id limit :n
                """.formatted(ProjectRecords.readable(scope))))
                .param("me", leaderUserId)
                .param("n", limit)
                .query((rs, n) -> new LeaderProject(
                        rs.getLong(1),
                        rs.getString(2),
                        Stage.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4),
                        rs.getString(5)))
                .list();
    }

    /** A project offered by a search box that picks one (an expansion's parent project). */
    public record Pick(long id, String code, String name, String regionName) {

        public String label() {
            return code + " · " + name + "（" + regionName + "）";
        }
    }

    /** Readable projects whose name or code holds {@code text}: exact codes first, then by name; at most {@code limit}. */
    public List<Pick> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                select p.id, p.code, p.name, r.name as region_name
                  from project p join region r on r.id = p.region_id
                 where (p.name ilike :t or p.code ilike :t) and %s
                 order by (p.code = :exact) desc, p.name, p.id limit :n
                """.formatted(ProjectRecords.readable(scope))))
                .param("t", cn.yinfeng.common.Like.contains(text.trim()))
                .param("exact", text.trim())
                .param("n", limit)
                .query((rs, n) -> new Pick(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * The projects the caller may change, signed or further along, the largest first; at most {@code limit}: what a
     * picker offers before anything is typed.
     */
    public List<Pick> largestWritable(int limit) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                select p.id, p.code, p.name, r.name as region_name
                  from project p join region r on r.id = p.region_id
                 where p.stage not in ('RESERVE', 'NEGOTIATING', 'SUSPENDED', 'TERMINATED') and %s
                 order by p.total_investment desc, p.id limit :n
                """.formatted(ProjectRecords.writable(scope))))
                .param("n", limit)
                .query((rs, n) -> new Pick(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The readable project {@code id} as a picker shows it, or empty. */
    public Optional<Pick> pick(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                select p.id, p.code, p.name, r.name as region_name
                  from project p join region r on r.id = p.region_id
                 where p.id = :id and %s
                """.formatted(ProjectRecords.readable(scope))))
                .param("id", id)
                .query((rs, n) -> new Pick(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The id of the project with this code (or this id written out) that the caller may read. */
    public Optional<Long> readableId(String codeOrId) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select p.id from project p where (p.code = :c or cast(p.id as varchar) = :c) and "
                        + ProjectRecords.readable(scope)))
                .param("c", codeOrId.trim())
                .query(Long.class)
                .optional();
    }

    /**
     * A project already in the ledger, anywhere in the city, whose investor has a given credit code: what an import
     * compares a new row with to flag the same investment entered twice (by two counties, or under another name).
     * {@code readable}: whether the caller may open it; for one they may not, only its region and code are shown.
     */
    public record InvestorProject(
            String creditCode,
            long id,
            String code,
            String name,
            String nameKey,
            long regionId,
            String regionName,
            BigDecimal totalInvestment,
            boolean readable) {}

    /** The projects of the whole ledger whose investors have one of {@code creditCodes} (normalised), in one query. */
    public List<InvestorProject> byInvestorCodes(Collection<String> creditCodes) {
        if (creditCodes.isEmpty()) {
            return List.of();
        }
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                select e.credit_code, p.id, p.code, p.name, p.name_key, p.region_id, r.name as region_name,
                       p.total_investment, (%s) as readable
                  from enterprise e
                  join project_investor pi on pi.enterprise_id = e.id
                  join project p on p.id = pi.project_id
                  join region r on r.id = p.region_id
                 where e.credit_code = any(:codes) and p.stage <> 'TERMINATED'
                 order by p.id
                """.formatted(ProjectRecords.readable(scope))))
                .param("codes", creditCodes.toArray(String[]::new))
                .query((rs, n) -> new InvestorProject(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getBigDecimal(8),
                        rs.getBoolean(9)))
                .list();
    }
}
