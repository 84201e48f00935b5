package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.RegionScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What waits for someone in the ledger, within their scope: the county's returned and draft projects, the city's
 * review queue by county and age, the follow-ups whose next step is due. Each list is short (the oldest first) and
 * comes with its full count; the workbench shows them, the pages behind the links show all.
 */
@Service
public class ProjectWork {

    /** A project waiting for someone: since when, and for a returned one the reviewer's opinion. */
    public record Item(
            long id,
            String code,
            String name,
            String regionName,
            ReviewStatus reviewStatus,
            Stage stage,
            Instant since,
            @Nullable String opinion) {

        public long days(Instant now) {
            return Math.max(0, Duration.between(since, now).toDays());
        }
    }

    public record Queue(long total, List<Item> oldest) {}

    /** Submitted projects of one county: how many and how long the oldest has waited. */
    public record CountyQueue(long regionId, String regionName, long waiting, Instant oldest) {}

    /** A follow-up's next step with its due date, on a project of the scope. */
    public record DueStep(long projectId, String projectName, String nextStep, LocalDate due, boolean overdue) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    ProjectWork(JdbcClient jdbc, CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Projects of the caller's own write scope in {@code status}, the longest waiting first. */
    public Queue inStatus(ReviewStatus status, int limit) {
        RegionScope scope = currentUser.scope();
        String where = "p.review_status = :s and p.review_status <> 'APPROVED' and " + ProjectRecords.writable(scope);
        long total = scope.bind(jdbc.sql("select count(*) from project p where " + where))
                .param("s", status.name())
                .query(Long.class)
                .single();
        List<Item> rows = total == 0
                ? List.of()
                : scope.bind(jdbc.sql("""
                                select p.id, p.code, p.name, r.name as region_name, p.review_status, p.stage,
                                       coalesce(v.at, p.updated_at) as since, v.opinion
                                  from project p join region r on r.id = p.region_id
                                  left join lateral (select x.at, x.opinion from project_review x
                                                      where x.project_id = p.id order by x.id desc limit 1) v on true
                                 where %s
                                 order by coalesce(v.at, p.updated_at), p.id limit :n
                                """.formatted(where)))
                        .param("s", status.name())
                        .param("n", limit)
                        .query((rs, n) -> new Item(
                                rs.getLong("id"),
                                rs.getString("code"),
                                rs.getString("name"),
                                rs.getString("region_name"),
                                ReviewStatus.valueOf(rs.getString("review_status")),
                                Stage.valueOf(rs.getString("stage")),
                                rs.getTimestamp("since").toInstant(),
                                rs.getString("opinion")))
                        .list();
        return new Queue(total, rows);
    }

    /** The review queue by county: submitted projects in the caller's scope, the county waiting longest first. */
    public List<CountyQueue> reviewQueue() {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                        select r.id, r.name, count(*) as waiting, min(coalesce(v.at, p.updated_at)) as oldest
                          from project p join region r on r.id = p.region_id
                          left join lateral (select x.at from project_review x where x.project_id = p.id
                                              and x.action = 'SUBMIT' order by x.id desc limit 1) v on true
                         where p.review_status = 'SUBMITTED' and %s
                         group by r.id, r.name order by oldest, r.name
                        """.formatted(ProjectRecords.writable(scope))))
                .query((rs, n) -> new CountyQueue(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("waiting"),
                        rs.getTimestamp("oldest").toInstant()))
                .list();
    }

    /**
     * Next steps of follow-ups due within {@code days} (or overdue) on active projects of the caller's write scope;
     * only each project's latest follow-up counts (a later one replaces the step).
     */
    public List<DueStep> stepsDue(int days, int limit) {
        RegionScope scope = currentUser.scope();
        LocalDate today = LocalDate.now(clock.withZone(Projects.ZONE));
        return scope.bind(jdbc.sql("""
                        select p.id, p.name, f.next_step, f.due_date
                          from project_followup f join project p on p.id = f.project_id
                         where f.latest and f.due_date is not null and f.due_date <= :until
                           and p.stage not in ('TERMINATED', 'FULL_PRODUCTION') and %s
                         order by f.due_date, p.id limit :n
                        """.formatted(ProjectRecords.writable(scope))))
                .param("until", today.plusDays(days))
                .param("n", limit)
                .query((rs, n) -> {
                    LocalDate due = rs.getDate("due_date").toLocalDate();
                    String step = rs.getString("next_step");
                    return new DueStep(
                            rs.getLong("id"), rs.getString("name"), step == null ? "" : step, due, due.isBefore(today));
                })
                .list();
    }
}
