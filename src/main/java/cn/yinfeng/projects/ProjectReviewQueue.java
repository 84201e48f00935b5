package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.RegionScope;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The review queue of city staff: the submitted projects they can read, oldest submission first, with how many wait
 * per county. Read in two statements whatever the page size.
 */
@Component
class ProjectReviewQueue {

    static final int PAGE_SIZE = 50;

    record Item(
            long id,
            String code,
            String name,
            String regionName,
            Stage stage,
            String projectType,
            long version,
            Instant submittedAt,
            long waitingDays) {}

    record CountyCount(long regionId, String regionName, long count) {}

    record Queue(List<Item> items, List<CountyCount> counties, long total, int page, int pages) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    ProjectReviewQueue(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    private static final String FROM = """
             from project p join region r on r.id = p.region_id
             left join lateral (select max(v.at) as at from project_review v
                                 where v.project_id = p.id and v.action = 'SUBMIT') s on true
            where p.review_status = 'SUBMITTED' and
            """;

    Queue read(Long regionId, Stage stage, String type, String q, boolean newestFirst, int page) {
        RegionScope scope = currentUser.scope();
        String where = FROM + ProjectRecords.readable(scope)
                + " and (cast(:region as bigint) is null or p.region_id = :region)"
                + " and (cast(:stage as varchar) is null or p.stage = :stage)"
                + " and (cast(:type as varchar) is null or p.project_type = :type)"
                + " and (cast(:q as varchar) is null or p.name ilike :q or p.code ilike :q)";
        String like = q == null || q.isBlank()
                ? null
                : "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String st = stage == null ? null : stage.name();
        String ty = type == null || type.isBlank() ? null : type;
        // counts per county follow the scope and the text, not the county chosen
        List<CountyCount> counties = scope.bind(jdbc.sql("select r.id, r.name, count(*)" + FROM
                        + ProjectRecords.readable(scope)
                        + " and (cast(:q as varchar) is null or p.name ilike :q or p.code ilike :q)"
                        + " group by r.id, r.name, r.code order by r.code"))
                .param("q", like)
                .query((rs, n) -> new CountyCount(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list();
        long total = scope.bind(jdbc.sql("select count(*)" + where))
                .param("region", regionId)
                .param("stage", st)
                .param("type", ty)
                .param("q", like)
                .query(Long.class)
                .single();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<Item> items = scope.bind(jdbc.sql("select p.id, p.code, p.name, r.name as region_name, p.stage,"
                        + " p.project_type, p.version, coalesce(s.at, p.updated_at) as submitted_at"
                        + where
                        + " order by coalesce(s.at, p.updated_at) " + (newestFirst ? "desc" : "asc")
                        + ", p.id limit :limit offset :offset"))
                .param("region", regionId)
                .param("stage", st)
                .param("type", ty)
                .param("q", like)
                .param("limit", PAGE_SIZE)
                .param("offset", (current - 1) * PAGE_SIZE)
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp("submitted_at").toInstant();
                    return new Item(
                            rs.getLong("id"),
                            rs.getString("code"),
                            rs.getString("name"),
                            rs.getString("region_name"),
                            Stage.valueOf(rs.getString("stage")),
                            rs.getString("project_type"),
                            rs.getLong("version"),
                            at,
                            java.time.Duration.between(at, Instant.now()).toDays());
                })
                .list();
        return new Queue(items, counties, total, current, pages);
    }
}
