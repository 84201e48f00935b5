package cn.yinfeng.projects;

import cn.yinfeng.audit.AuditQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A project's history as its page and the API show it: stage transitions, follow-ups, funds arrived, review steps
 * and the timeline of them all. Each read first finds the project (so one the caller may not read is not found).
 */
@Service
public class ProjectHistory {

    /**
     * One line of a project's timeline: what happened, when, by whom. {@code code} is the review action or fund
     * origin; stage lines carry {@code from}/{@code to}; {@code on} is the business date.
     */
    public record TimelineEntry(
            Instant at, String kind, String code, Stage from, Stage to, LocalDate on, String detail, String actor) {}

    private final Projects projects;
    private final JdbcClient jdbc;
    private final AuditQueries auditQueries;

    ProjectHistory(Projects projects, JdbcClient jdbc, AuditQueries auditQueries) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.auditQueries = auditQueries;
    }

    public List<ProjectLifecycle.Transition> transitions(long id) {
        projects.find(id);
        return jdbc.sql(
                        "select t.*, u.display_name from project_transition t left join app_user u on u.id = t.actor_id "
                                + "where t.project_id = :id order by t.id desc")
                .param("id", id)
                .query((rs, n) -> new ProjectLifecycle.Transition(
                        rs.getLong("id"),
                        ProjectRecords.stage(rs.getString("from_stage")),
                        Stage.valueOf(rs.getString("to_stage")),
                        rs.getObject("on_date", LocalDate.class),
                        rs.getString("display_name"),
                        rs.getString("reason"),
                        rs.getString("note"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    public List<ProjectFollowups.Followup> followups(long id) {
        projects.find(id);
        return jdbc.sql("select f.*, u.display_name from project_followup f left join app_user u on u.id = f.user_id "
                        + "where f.project_id = :id order by f.on_date desc, f.id desc")
                .param("id", id)
                .query((rs, n) -> new ProjectFollowups.Followup(
                        rs.getLong("id"),
                        rs.getObject("on_date", LocalDate.class),
                        rs.getString("display_name"),
                        rs.getString("content"),
                        rs.getString("next_step"),
                        rs.getObject("due_date", LocalDate.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public List<ProjectFunds.Fund> funds(long id) {
        projects.find(id);
        return jdbc.sql("select * from project_fund where project_id = :id and deleted_at is null "
                        + "order by month desc, id desc")
                .param("id", id)
                .query((rs, n) -> new ProjectFunds.Fund(
                        rs.getLong("id"),
                        YearMonth.from(rs.getObject("month", LocalDate.class)),
                        FundOrigin.valueOf(rs.getString("origin")),
                        rs.getBigDecimal("amount"),
                        rs.getString("note"),
                        ProjectRecords.ts(rs, "approved_at"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    public List<ProjectReviews.Review> reviews(long id) {
        projects.find(id);
        return jdbc.sql("select r.*, u.display_name from project_review r left join app_user u on u.id = r.actor_id "
                        + "where r.project_id = :id order by r.id desc")
                .param("id", id)
                .query((rs, n) -> new ProjectReviews.Review(
                        rs.getLong("id"),
                        rs.getString("action"),
                        rs.getString("display_name"),
                        rs.getString("opinion"),
                        rs.getLong("version"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** Stages, follow-ups, funds and reviews of one project, newest first. */
    public List<TimelineEntry> timeline(long id) {
        var out = new ArrayList<TimelineEntry>();
        transitions(id)
                .forEach(t -> out.add(new TimelineEntry(
                        t.at(),
                        "stage",
                        t.reason(),
                        t.from(),
                        t.to(),
                        t.on(),
                        t.note() == null || "created".equals(t.note()) ? null : t.note(),
                        t.actor())));
        followups(id)
                .forEach(f -> out.add(new TimelineEntry(
                        f.at(),
                        "followup",
                        null,
                        null,
                        null,
                        f.on(),
                        f.content() + (f.nextStep() == null ? "" : " → " + f.nextStep()),
                        f.user())));
        funds(id)
                .forEach(f -> out.add(new TimelineEntry(
                        f.recordedAt(),
                        "fund",
                        f.origin().name(),
                        null,
                        null,
                        f.month().atDay(1),
                        f.amount().toPlainString(),
                        null)));
        reviews(id)
                .forEach(r -> out.add(
                        new TimelineEntry(r.at(), "review", r.action(), null, null, null, r.opinion(), r.actor())));
        // edits of the fields themselves show from the audit log (stage and review steps are shown above)
        auditQueries.forTarget("project", id, 50).stream()
                .filter(a -> a.action().equals("PROJECT_UPDATE")
                        || a.action().equals("PROJECT_CREATE")
                        || a.action().equals("PROJECT_LOSS_REASON"))
                .forEach(a -> out.add(new TimelineEntry(
                        a.at(),
                        "audit",
                        a.action(),
                        null,
                        null,
                        null,
                        a.detail() == null || a.detail().isBlank() ? null : a.detail(),
                        a.username())));
        out.sort(Comparator.comparing(TimelineEntry::at).reversed());
        return out;
    }
}
