package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.supervision.TaskList.Task;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a supervision task (督办单). City staff or a leader issue one to a region (and optionally a person or
 * unit in it) with a deadline and the response required, from a warning, a project or nothing; a writer of that
 * region responds (text and attachments); the issuer accepts it or sends it back. Every step is an event on the task
 * ({@link TaskEvents}) and a row in the audit log. Escalation is {@link TaskEscalation}'s, reading {@link TaskList}'s.
 */
@Service
public class Tasks {

    public enum Status {
        OPEN,
        RESPONDED,
        ACCEPTED
    }

    public record TaskForm(
            String title,
            String requirement,
            Long regionId,
            Long assigneeUserId,
            String assigneeUnit,
            LocalDate deadline,
            Long warningId,
            Long projectId) {}

    public record Upload(String name, String contentType, byte[] content) {}

    private static final long MAX_FILE = 10L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final AuditLog audit;
    private final Inbox inbox;
    private final TaskList list;
    private final TaskEvents events;
    private final Accounts accounts;

    Tasks(
            JdbcClient jdbc,
            Clock clock,
            CurrentUser currentUser,
            Regions regions,
            AuditLog audit,
            Inbox inbox,
            TaskList list,
            TaskEvents events,
            Accounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.currentUser = currentUser;
        this.regions = regions;
        this.audit = audit;
        this.inbox = inbox;
        this.list = list;
        this.events = events;
        this.accounts = accounts;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    /** City staff, leaders and administrators issue tasks. */
    public boolean canIssue() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.CITY_STAFF) || u.hasRole(Role.LEADER) || u.isAdmin())
                .orElse(false);
    }

    public boolean canRespond(Task t) {
        YinfengUser me = currentUser.require();
        if (t.leaderUserId() != null && t.leaderUserId() == me.id()) {
            return true; // a problem's leader answers for the units under them
        }
        if (t.assigneeUserId() != null) {
            return t.assigneeUserId() == me.id();
        }
        // else the staff of the region it was sent to (or escalated away from: the region stays the assignee)
        return me.isStaff() && me.region() == t.regionId();
    }

    public boolean canReview(Task t) {
        YinfengUser me = currentUser.require();
        return t.status() == Status.RESPONDED && (t.issuerId() == me.id() || me.isAdmin());
    }

    @Transactional
    public long create(TaskForm form) {
        YinfengUser me = currentUser.require();
        if (!canIssue()) {
            throw new AccessDeniedException("tasks are issued by city staff and leaders");
        }
        Region region = check(form, currentUser.scope());
        Timestamp now = Timestamp.from(clock.instant());
        String code = "DB" + today().getYear() + "-"
                + String.format(
                        "%04d",
                        jdbc.sql("select nextval('supervision_task_seq')")
                                .query(Long.class)
                                .single());
        long id = jdbc.sql("""
                insert into supervision_task (code, title, requirement, warning_id, project_id, issuer_id,
                       assignee_region_id, assignee_user_id, assignee_unit, deadline, created_at)
                values (:code, :title, :req, :warning, :project, :issuer, :region, :user, :unit, :deadline, :now)
                returning id
                """)
                .param("code", code)
                .param("title", form.title().trim())
                .param("req", form.requirement().trim())
                .param("warning", form.warningId())
                .param("project", form.projectId())
                .param("issuer", me.id())
                .param("region", region.id())
                .param("user", form.assigneeUserId())
                .param("unit", blankToNull(form.assigneeUnit()))
                .param("deadline", form.deadline())
                .param("now", now)
                .query(Long.class)
                .single();
        events.record(id, "CREATED", me.id(), form.requirement().trim());
        for (long u : assignees(id)) {
            inbox.notify(
                    u, "TASK", "inbox.taskAssigned", List.of(code, form.title().trim()), "/supervision/tasks/" + id);
        }
        audit.record(
                "TASK_CREATE",
                "supervision_task",
                id,
                Outcome.SUCCESS,
                code + " " + form.title().trim());
        return id;
    }

    /** The form's problems, all at once; else the region the task goes to (one in the caller's scope). */
    private Region check(TaskForm form, RegionScope scope) {
        var problems = new ArrayList<Problem>();
        if (form.title() == null || form.title().isBlank()) {
            problems.add(new Problem("title", "validation.required"));
        } else if (form.title().length() > 200) {
            problems.add(new Problem("title", "validation.tooLong", 200));
        }
        if (form.requirement() == null || form.requirement().isBlank()) {
            problems.add(new Problem("requirement", "validation.required"));
        } else if (form.requirement().length() > 2000) {
            problems.add(new Problem("requirement", "validation.tooLong", 2000));
        }
        if (form.deadline() == null) {
            problems.add(new Problem("deadline", "validation.required"));
        } else if (form.deadline().isBefore(today())) {
            problems.add(new Problem("deadline", "task.deadline.past"));
        }
        Region region = null;
        if (form.regionId() == null) {
            problems.add(new Problem("regionId", "validation.required"));
        } else {
            try {
                region = regions.visible(scope, form.regionId());
            } catch (NotFoundException e) {
                problems.add(new Problem("regionId", "task.region.outOfScope"));
            }
        }
        if (region != null
                && form.assigneeUserId() != null
                && !accounts.enabledIn(form.assigneeUserId(), new RegionScope(region.id(), region.path()))) {
            problems.add(new Problem("assigneeUserId", "task.assignee.outsideRegion"));
        }
        if (form.projectId() != null
                && jdbc.sql("select count(*) from project where id = :id and " + scope.where("region_id"))
                                .param("id", form.projectId())
                                .param(RegionScope.PARAM, scope.pathPattern())
                                .query(Long.class)
                                .single()
                        == 0) {
            problems.add(new Problem("projectId", "task.project.notFound"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return region;
    }

    /** A writer of the task's region (or its named assignee) answers, with attachments. */
    @Transactional
    public void respond(long id, long version, String text, List<Upload> files) {
        YinfengUser me = currentUser.require();
        Task t = lock(id, version);
        if (!canRespond(t)) {
            throw new AccessDeniedException("not the assignee");
        }
        if (t.status() != Status.OPEN) {
            throw new InvalidInputException("text", "task.notOpen");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "validation.required");
        }
        for (Upload f : files) {
            if (f.content().length > MAX_FILE) {
                throw new InvalidInputException("files", "task.file.tooLarge", f.name());
            }
        }
        jdbc.sql("update supervision_task set status = 'RESPONDED', version = version + 1 where id = :id")
                .param("id", id)
                .update();
        long eventId = events.record(id, "RESPONDED", me.id(), text.trim());
        for (Upload f : files) {
            if (f.content().length > 0) {
                events.attach(id, eventId, f, me.id());
            }
        }
        inbox.notify(
                t.issuerId(),
                "TASK",
                t.problem() ? "inbox.problemResponded" : "inbox.taskResponded",
                List.of(t.code(), t.title()),
                "/supervision/tasks/" + id);
        audit.record("TASK_RESPOND", "supervision_task", id, Outcome.SUCCESS, t.code());
    }

    /** The issuer accepts the response (closing the task) or sends it back with a reason. */
    @Transactional
    public void review(long id, long version, boolean accept, String text) {
        YinfengUser me = currentUser.require();
        Task t = lock(id, version);
        if (t.issuerId() != me.id() && !me.isAdmin()) {
            throw new AccessDeniedException("only the issuer reviews");
        }
        if (t.status() != Status.RESPONDED) {
            throw new InvalidInputException("text", "task.notResponded");
        }
        if (!accept && (text == null || text.isBlank())) {
            throw new InvalidInputException("text", "task.sendBack.reason");
        }
        jdbc.sql("update supervision_task set status = :s, closed_at = :closed, version = version + 1 where id = :id")
                .param("s", accept ? "ACCEPTED" : "OPEN")
                .param("closed", accept ? Timestamp.from(clock.instant()) : null)
                .param("id", id)
                .update();
        events.record(
                id, accept ? "ACCEPTED" : "SENT_BACK", me.id(), text == null || text.isBlank() ? null : text.trim());
        for (long u : assignees(id)) {
            inbox.notify(
                    u,
                    "TASK",
                    (t.problem() ? "inbox.problem" : "inbox.task") + (accept ? "Accepted" : "SentBack"),
                    List.of(t.code(), t.title()),
                    "/supervision/tasks/" + id);
        }
        audit.record(accept ? "TASK_ACCEPT" : "TASK_SEND_BACK", "supervision_task", id, Outcome.SUCCESS, t.code());
    }

    /**
     * People a task is for: the named assignee (enabled, with a role), else the staff of its region; and a problem's
     * leader.
     */
    List<Long> assignees(long taskId) {
        record SentTo(Long userId, long regionId, Long leaderId) {}
        var to = jdbc.sql(
                        "select assignee_user_id, assignee_region_id, leader_user_id from supervision_task where id = :t")
                .param("t", taskId)
                .query((rs, n) -> new SentTo(rs.getObject(1, Long.class), rs.getLong(2), rs.getObject(3, Long.class)))
                .single();
        var out = new java.util.LinkedHashSet<Long>(
                to.userId() != null
                        ? accounts.enabledWithRole(List.of(to.userId()), EnumSet.allOf(Role.class))
                        : accounts.enabledOfRegion(to.regionId(), EnumSet.of(Role.COUNTY_STAFF, Role.CITY_STAFF)));
        if (to.leaderId() != null) {
            out.addAll(accounts.enabledWithRole(List.of(to.leaderId()), EnumSet.of(Role.LEADER)));
        }
        return List.copyOf(out);
    }

    /** The task as the caller may see it, locked for this transaction; a stale version is a conflict. */
    Task lock(long id, long version) {
        Task t = list.get(id);
        jdbc.sql("select id from supervision_task where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .single();
        long current = jdbc.sql("select version from supervision_task where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        if (current != version) {
            throw new ConflictException(
                    "task", version, current, Map.of("status", t.status().name()));
        }
        return t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
