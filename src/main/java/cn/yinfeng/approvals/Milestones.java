package cn.yinfeng.approvals;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.approvals.MilestoneClock.Reading;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Times;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectChanged;
import cn.yinfeng.projects.Projects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's approval milestones: recorded, dated and done by the ledger's writers of the project's county, read by
 * whoever may read the project. Every problem of a form is reported at once, each under the field that has it; a
 * change at a stale version is a 409; each write is audited and has the project's warnings evaluated again.
 */
@Service
public class Milestones {

    /** A milestone as typed; {@code step} only for a new one, {@code version} as read, for an edit. */
    public record Form(
            @Nullable String step,
            @Nullable String unit,
            @Nullable LocalDate plannedOn,
            @Nullable LocalDate startedOn,
            @Nullable LocalDate doneOn,
            @Nullable String note,
            @Nullable Long version) {}

    /** A milestone with its reading on the day it was read. */
    public record Milestone(
            long id,
            long projectId,
            String step,
            String stepName,
            String stepNameEn,
            String unit,
            int limitDays,
            @Nullable LocalDate plannedOn,
            @Nullable LocalDate startedOn,
            @Nullable LocalDate doneOn,
            @Nullable String note,
            long version,
            Instant updatedAt,
            Reading reading) {}

    private static final String SELECT = """
            select m.id, m.project_id, m.step_code, s.name as step_name, s.name_en as step_name_en, m.unit,
                   m.limit_days, m.planned_on, m.started_on, m.done_on, m.note, m.version, m.updated_at
              from project_milestone m join approval_step s on s.code = m.step_code
            """;

    private final JdbcClient jdbc;
    private final Projects projects;
    private final ApprovalSteps steps;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Milestones(
            JdbcClient jdbc,
            Projects projects,
            ApprovalSteps steps,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.steps = steps;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    /** The project's milestones in the city's order of steps; the project must be readable (404 otherwise). */
    public List<Milestone> ofProject(long projectId) {
        projects.find(projectId);
        LocalDate today = today();
        return jdbc.sql(SELECT + " where m.project_id = :p order by s.position, s.code")
                .param("p", projectId)
                .query((rs, n) -> map(rs, today))
                .list();
    }

    /** A milestone of a project the caller may read (404 otherwise). */
    public Milestone find(long id) {
        Milestone m = load(id);
        projects.find(m.projectId());
        return m;
    }

    /** Whether the caller may record milestones on this project: a writer of its landing region. */
    public boolean canWrite(Project p) {
        return projects.canWrite(p);
    }

    @Transactional
    public Milestone add(long projectId, Form f) {
        return add(projectId, f, List.of());
    }

    /** {@code typed}: the problems found reading the form's text (a date that is no date), reported with the rest. */
    @Transactional
    Milestone add(long projectId, Form f, List<Problem> typed) {
        Project p = writable(projectId);
        var problems = new ArrayList<Problem>(typed);
        ApprovalSteps.Step step = null;
        if (f.step() == null || f.step().isBlank()) {
            problems.add(new Problem("step", "approval.stepRequired"));
        } else {
            step = steps.find(f.step().trim())
                    .filter(ApprovalSteps.Step::active)
                    .orElse(null);
            if (step == null) {
                problems.add(
                        new Problem("step", "approval.stepUnknown", f.step().trim()));
            } else if (taken(projectId, step.code())) {
                problems.add(new Problem("step", "approval.stepTaken", step.name()));
            }
        }
        check(f, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(firstPerField(problems));
        }
        Objects.requireNonNull(step);
        long id;
        try {
            id = jdbc.sql("""
                    insert into project_milestone (project_id, step_code, unit, limit_days, planned_on, started_on,
                                                   done_on, note, updated_by, updated_at)
                    values (:p, :s, :u, :l, :pl, :st, :d, :n, :by, :at) returning id
                    """)
                    .param("p", projectId)
                    .param("s", step.code())
                    .param("u", f.unit().trim())
                    .param("l", step.limitDays())
                    .param("pl", f.plannedOn())
                    .param("st", f.startedOn())
                    .param("d", f.doneOn())
                    .param("n", blankToNull(f.note()))
                    .param("by", currentUser.require().id())
                    .param("at", Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException raced) {
            throw new InvalidInputException("step", "approval.stepTaken", step.name());
        }
        audit.record(
                "MILESTONE_CREATE", "project", projectId, Outcome.SUCCESS, p.code() + " " + step.name() + describe(f));
        events.publishEvent(new ProjectChanged(projectId));
        return load(id);
    }

    /** Changes the unit, dates or note at the version read; the step itself does not change. */
    @Transactional
    public Milestone update(long id, Form f) {
        return update(id, f, List.of());
    }

    @Transactional
    Milestone update(long id, Form f, List<Problem> typed) {
        Milestone now = find(id);
        writable(now.projectId());
        var problems = new ArrayList<Problem>(typed);
        if (f.step() != null && !f.step().isBlank() && !f.step().trim().equals(now.step())) {
            problems.add(new Problem("step", "approval.stepFixed", now.stepName()));
        }
        check(f, problems);
        if (f.version() == null) {
            problems.add(new Problem("version", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(firstPerField(problems));
        }
        int rows = jdbc.sql("""
                update project_milestone set unit = :u, planned_on = :pl, started_on = :st, done_on = :d, note = :n,
                       updated_by = :by, updated_at = :at, version = version + 1
                 where id = :id and version = :v
                """)
                .param("u", f.unit().trim())
                .param("pl", f.plannedOn())
                .param("st", f.startedOn())
                .param("d", f.doneOn())
                .param("n", blankToNull(f.note()))
                .param("by", currentUser.require().id())
                .param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("v", f.version())
                .update();
        ConflictException.unlessUpdated(rows, "project_milestone", f.version(), () -> stored(load(id)));
        audit.record("MILESTONE_UPDATE", "project", now.projectId(), Outcome.SUCCESS, now.stepName() + describe(f));
        events.publishEvent(new ProjectChanged(now.projectId()));
        return load(id);
    }

    /** Removes a milestone recorded by mistake, at the version read. */
    @Transactional
    public void delete(long id, @Nullable Long version) {
        Milestone now = find(id);
        writable(now.projectId());
        if (version == null) {
            throw new InvalidInputException("version", "validation.required");
        }
        int rows = jdbc.sql("delete from project_milestone where id = :id and version = :v")
                .param("id", id)
                .param("v", version)
                .update();
        ConflictException.unlessUpdated(rows, "project_milestone", version, () -> stored(load(id)));
        audit.record(
                "MILESTONE_DELETE", "project", now.projectId(), Outcome.SUCCESS, now.stepName() + " " + now.unit());
        events.publishEvent(new ProjectChanged(now.projectId()));
    }

    private void check(Form f, List<Problem> problems) {
        LocalDate today = today();
        if (f.unit() == null || f.unit().isBlank()) {
            problems.add(new Problem("unit", "approval.unitRequired"));
        } else {
            InvalidInputException.checkLength(problems, "unit", f.unit().trim(), 100);
        }
        if (f.plannedOn() == null && f.startedOn() == null) {
            problems.add(new Problem("plannedOn", "approval.dateRequired"));
        }
        if (f.startedOn() != null && f.startedOn().isAfter(today)) {
            problems.add(new Problem("startedOn", "approval.startedFuture", f.startedOn(), today));
        }
        if (f.doneOn() != null && f.doneOn().isAfter(today)) {
            problems.add(new Problem("doneOn", "approval.doneFuture", f.doneOn(), today));
        }
        if (f.doneOn() != null && f.startedOn() != null && f.doneOn().isBefore(f.startedOn())) {
            problems.add(new Problem("doneOn", "approval.doneBeforeStart", f.doneOn(), f.startedOn()));
        }
        InvalidInputException.checkLength(problems, "note", f.note(), 500);
    }

    /** One problem per field, the first found: a date that could not be read is not also "missing". */
    private static List<Problem> firstPerField(List<Problem> problems) {
        var seen = new java.util.HashSet<String>();
        return problems.stream().filter(pr -> seen.add(pr.field())).toList();
    }

    private Project writable(long projectId) {
        Project p = projects.find(projectId);
        if (!projects.canWrite(p)) {
            throw new AccessDeniedException("not a writer of the project's region");
        }
        return p;
    }

    private boolean taken(long projectId, String step) {
        return jdbc.sql("select count(*) from project_milestone where project_id = :p and step_code = :s")
                        .param("p", projectId)
                        .param("s", step)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Milestone load(long id) {
        LocalDate today = today();
        return jdbc.sql(SELECT + " where m.id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs, today))
                .optional()
                .orElseThrow(() -> new NotFoundException("project_milestone", id));
    }

    private static ConflictException.Stored stored(Milestone m) {
        var shown = new LinkedHashMap<String, Object>();
        shown.put("unit", m.unit());
        shown.put("plannedOn", m.plannedOn());
        shown.put("startedOn", m.startedOn());
        shown.put("doneOn", m.doneOn());
        return new ConflictException.Stored(m.version(), shown);
    }

    private static String describe(Form f) {
        return " " + f.unit() + " 计划" + f.plannedOn() + " 受理" + f.startedOn() + " 办结" + f.doneOn();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Milestone map(ResultSet rs, LocalDate today) throws SQLException {
        int limit = rs.getInt("limit_days");
        LocalDate planned = rs.getObject("planned_on", LocalDate.class);
        LocalDate started = rs.getObject("started_on", LocalDate.class);
        LocalDate done = rs.getObject("done_on", LocalDate.class);
        return new Milestone(
                rs.getLong("id"),
                rs.getLong("project_id"),
                rs.getString("step_code"),
                rs.getString("step_name"),
                rs.getString("step_name_en"),
                rs.getString("unit"),
                limit,
                planned,
                started,
                done,
                rs.getString("note"),
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant(),
                MilestoneClock.read(limit, planned, started, done, today));
    }
}
