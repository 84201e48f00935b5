package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.RegionScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Duplicate candidates across counties: pairs of projects that may be one, for the city to look at, and the pairs it
 * dismissed as distinct. Bound to the caller's region scope.
 */
@Service
public class ProjectDuplicates {

    /** Two projects of different regions that may be one. */
    public record DuplicateCandidate(ProjectQueries.Row a, ProjectQueries.Row b, String reason) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    ProjectDuplicates(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    /**
     * Pairs of live projects in different regions that share an investor or a normalised name, with amounts within
     * 20% of each other and signing dates (if both signed) within a year. Pairs already dismissed are left out.
     */
    @Transactional(readOnly = true)
    public List<DuplicateCandidate> candidates() {
        List<DuplicatePair> pairs = pairs(currentUser.scope());
        // the rows of every pair in one statement, not two per pair
        Map<Long, ProjectQueries.Row> rows = rowsById(pairs.stream().flatMap(p -> Stream.of(p.a(), p.b())));
        var out = new ArrayList<DuplicateCandidate>();
        for (DuplicatePair p : pairs) {
            out.add(new DuplicateCandidate(rows.get(p.a()), rows.get(p.b()), p.reason()));
        }
        return out;
    }

    /** A candidate pair: project ids a &lt; b and why they look alike ("investor" or "name"). */
    public record DuplicatePair(long a, long b, String reason) {}

    /** The candidate pairs with both projects inside {@code scope} (the rules of {@link #candidates()}). */
    @Transactional(readOnly = true)
    public List<DuplicatePair> pairs(RegionScope scope) {
        String sql = """
                with pairs as (
                    select ia.project_id as a, ib.project_id as b, 'investor' as reason
                      from project_investor ia join project_investor ib
                        on ia.enterprise_id = ib.enterprise_id and ia.project_id < ib.project_id
                    union
                    select pa.id, pb.id, 'name'
                      from project pa join project pb on pa.name_key = pb.name_key and pa.id < pb.id
                )
                select distinct on (x.a, x.b) x.a, x.b, x.reason
                  from pairs x
                  join project pa on pa.id = x.a
                  join project pb on pb.id = x.b
                 where pa.region_id <> pb.region_id
                   and pa.stage <> 'TERMINATED' and pb.stage <> 'TERMINATED'
                   and abs(pa.total_investment - pb.total_investment)
                       <= 0.2 * greatest(pa.total_investment, pb.total_investment)
                   and (pa.signed_on is null or pb.signed_on is null
                        or abs(pa.signed_on - pb.signed_on) <= 365)
                   and not exists (select 1 from project_duplicate_dismissal d
                                    where d.project_a = x.a and d.project_b = x.b)
                   and %s and %s
                 order by x.a, x.b, x.reason
                 limit 200
                """.formatted(scope.where("pa.region_id"), scope.where("pb.region_id"));
        return scope.bind(jdbc.sql(sql))
                .query((rs, n) -> new DuplicatePair(rs.getLong("a"), rs.getLong("b"), rs.getString("reason")))
                .list();
    }

    @Transactional
    public void dismiss(long a, long b, String reason, long userId) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "validation.required");
        }
        Map<Long, ProjectQueries.Row> rows = rowsById(Stream.of(a, b));
        for (long id : new long[] {a, b}) {
            if (!rows.containsKey(id)) {
                throw new NotFoundException("project", id);
            }
        }
        jdbc.sql("insert into project_duplicate_dismissal (project_a, project_b, dismissed_by, reason) values "
                        + "(:a, :b, :u, :r) on conflict do nothing")
                .param("a", Math.min(a, b))
                .param("b", Math.max(a, b))
                .param("u", userId)
                .param("r", reason.trim())
                .update();
    }

    /** The rows among {@code ids} that the caller may read. */
    private Map<Long, ProjectQueries.Row> rowsById(Stream<Long> ids) {
        RegionScope scope = currentUser.scope();
        var rows = new HashMap<Long, ProjectQueries.Row>();
        scope.bind(jdbc.sql(
                        ProjectQueries.ROW_SELECT + " where p.id = any(:ids) and " + ProjectRecords.readable(scope)))
                .param("ids", ids.distinct().toArray(Long[]::new))
                .query(ProjectQueries::row)
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return rows;
    }
}
