package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.supervision.WarningRules.Rule;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Deadlines from the warning rules, before they are due: how long a project may still stay in its stage
 * (STAGE_STALLED, counted from the day it entered the stage, as the rule counts) and by when a submitted project is
 * to be reviewed (REVIEW_WAITING, counted from the day of the submission). A rule that is off sets no deadline.
 * Region-scoped like every read.
 */
@Service
public class Deadlines {

    /** A project's deadlines: its stage's (null when the stage has none) and its review's (null unless submitted). */
    public record ProjectDeadlines(String stage, Deadline stageDeadline, Deadline reviewDeadline) {}

    /** A deadline coming up, for the workbench: the project, which kind, and the deadline. */
    public record Due(long projectId, String code, String name, String kind, String stage, Deadline deadline) {}

    static final String STAGE = "STAGE";
    static final String REVIEW = "REVIEW";

    private static final String SINCE = """
            select p.id, p.code, p.name, p.stage, p.review_status, s.since,
                   (select cast(max(r.at) at time zone 'Asia/Shanghai' as date) from project_review r
                     where r.project_id = p.id and r.action = 'SUBMIT') as submitted_on
              from project p
             cross join lateral (
                   select greatest(max(t.on_date), p.signed_on, p.registered_on, p.started_on,
                                   cast(p.created_at at time zone 'Asia/Shanghai' as date)) as since
                     from project_transition t where t.project_id = p.id) s
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WarningRules rules;
    private final CurrentUser currentUser;

    Deadlines(JdbcClient jdbc, Clock clock, WarningRules rules, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = rules;
        this.currentUser = currentUser;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    /** The deadlines of one project in the caller's regions; empty when it is not there. */
    public Optional<ProjectDeadlines> ofProject(long projectId) {
        RegionScope scope = currentUser.scope();
        var rows = scope.bind(jdbc.sql(SINCE + " where p.id = :id and " + scope.where("p.region_id")))
                .param("id", projectId)
                .query((rs, n) -> row(rs))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row r = rows.get(0);
        LocalDate today = today();
        Spans spans = spans();
        return Optional.of(new ProjectDeadlines(
                r.stage(),
                stageDeadline(r, spans, today).orElse(null),
                reviewDeadline(r, spans, today).orElse(null)));
    }

    /**
     * The caller's projects whose stage deadline or review deadline falls within the next {@code window} days (those
     * past it are warnings on the board already), the nearest first, at most {@code limit}.
     */
    public List<Due> dueWithin(int window, int limit) {
        return dueWithin(currentUser.scope(), window, limit);
    }

    /**
     * Like {@link #dueWithin(int, int)} for the projects of a scope the caller has already resolved inside their own
     * (a report's region: the risks a 简报 names).
     */
    public List<Due> dueWithin(RegionScope scope, int window, int limit) {
        LocalDate today = today();
        // the database keeps only the projects with a deadline in the window, so the page never reads the ledger
        Spans spans = spans();
        var rows = scope.bind(jdbc.sql("select * from (" + SINCE
                        + " where p.stage in ('RESERVE', 'NEGOTIATING', 'SIGNED', 'REGISTERED', 'STARTED') and "
                        + scope.where("p.region_id") + ") x"
                        + " where x.since + cast(cast(:stageDays as jsonb) ->> x.stage as integer) between :today and :until"
                        + " or (x.review_status = 'SUBMITTED' and x.submitted_on + cast(:reviewDays as integer)"
                        + " between :today and :until)"))
                .param("stageDays", WarningRules.json(spans.stageDays()))
                .param("reviewDays", spans.reviewDays().orElse(null), java.sql.Types.INTEGER)
                .param("today", today)
                .param("until", today.plusDays(window))
                .query((rs, n) -> row(rs))
                .list();
        var out = new ArrayList<Due>();
        for (Row r : rows) {
            stageDeadline(r, spans, today)
                    .filter(d -> d.dueWithin(window))
                    .ifPresent(d -> out.add(new Due(r.id(), r.code(), r.name(), STAGE, r.stage(), d)));
            reviewDeadline(r, spans, today)
                    .filter(d -> d.dueWithin(window))
                    .ifPresent(d -> out.add(new Due(r.id(), r.code(), r.name(), REVIEW, r.stage(), d)));
        }
        out.sort(Comparator.comparingLong((Due d) -> d.deadline().daysLeft()));
        return out.subList(0, Math.min(limit, out.size()));
    }

    private record Row(
            long id,
            String code,
            String name,
            String stage,
            String reviewStatus,
            LocalDate since,
            LocalDate submitted) {}

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Date submitted = rs.getDate("submitted_on");
        return new Row(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("stage"),
                rs.getString("review_status"),
                rs.getDate("since").toLocalDate(),
                submitted == null ? null : submitted.toLocalDate());
    }

    /** The spans the two rules allow, read once per call: days per stage (empty when off), review days. */
    private record Spans(Map<String, Object> stageDays, Optional<Integer> reviewDays) {}

    private Spans spans() {
        List<Rule> all = rules.rules();
        return new Spans(
                rule(all, "STAGE_STALLED").orElse(Map.of()),
                rule(all, "REVIEW_WAITING").flatMap(p -> days(p, "days")));
    }

    private static Optional<Deadline> stageDeadline(Row r, Spans spans, LocalDate today) {
        return days(spans.stageDays(), r.stage()).map(days -> Deadline.of(r.since(), days, today));
    }

    private static Optional<Deadline> reviewDeadline(Row r, Spans spans, LocalDate today) {
        if (!"SUBMITTED".equals(r.reviewStatus()) || r.submitted() == null) {
            return Optional.empty();
        }
        return spans.reviewDays().map(days -> Deadline.of(r.submitted(), days, today));
    }

    private static Optional<Map<String, Object>> rule(List<Rule> all, String code) {
        return all.stream()
                .filter(r -> r.code().equals(code) && r.enabled())
                .findFirst()
                .map(WarningRules::params);
    }

    private static Optional<Integer> days(Map<String, Object> params, String key) {
        Object v = params.get(key);
        return v instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }
}
