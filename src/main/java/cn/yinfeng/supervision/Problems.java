package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raising a project's problem (问题清单): the county whose project it is (or the city) names what stands in its way,
 * the unit that must solve it, the leader who owns it and the deadline, and sends it to its own county or up to the
 * city. From there it is a supervision task: answered by the staff of the region it went to or by its leader, closed
 * or sent back by whoever raised it ({@link Tasks}), reminded and escalated like any task.
 */
@Service
public class Problems {

    /** What kind of obstacle: the columns a 项目调度会 sorts its list by. */
    public enum Category {
        LAND,
        FUNDING,
        APPROVAL,
        FACTORS,
        POLICY,
        OTHER;

        /** SQL ordering {@code t.category} as this list does (用地 first), not alphabetically. */
        static final String ORDER_SQL = "array_position(array["
                + Arrays.stream(values()).map(c -> "'" + c.name() + "'").collect(Collectors.joining(", "))
                + "]::varchar[], t.category)";

        static @Nullable Category parse(@Nullable String s) {
            return s == null || s.isBlank()
                    ? null
                    : Arrays.stream(values())
                            .filter(c -> c.name().equalsIgnoreCase(s.trim()))
                            .findFirst()
                            .orElse(null);
        }
    }

    /**
     * A problem as the form and the API send it. {@code regionId}: where it is sent, the project's own region or one
     * above it (the city for what the county cannot solve alone).
     */
    public record ProblemForm(
            @Nullable Long projectId,
            @Nullable String category,
            @Nullable String title,
            @Nullable String description,
            @Nullable Long regionId,
            @Nullable String unit,
            @Nullable Long leaderUserId,
            @Nullable LocalDate deadline) {}

    /** Units a problem is most often sent to, offered before any has been used. */
    private static final List<String> COMMON_UNITS = List.of(
            "市自然资源局",
            "市发展和改革委员会",
            "市生态环境局",
            "市行政审批服务管理局",
            "市住房和城乡建设局",
            "市财政局",
            "市工业和信息化局",
            "市能源局",
            "市水利局",
            "市商务局",
            "市人力资源和社会保障局",
            "国网吕梁供电公司");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Projects projects;
    private final Regions regions;
    private final Accounts accounts;
    private final Tasks tasks;
    private final TaskEvents events;
    private final Inbox inbox;
    private final AuditLog audit;
    private final ProblemList list;

    Problems(
            JdbcClient jdbc,
            Clock clock,
            CurrentUser currentUser,
            Projects projects,
            Regions regions,
            Accounts accounts,
            Tasks tasks,
            TaskEvents events,
            Inbox inbox,
            AuditLog audit,
            ProblemList list) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.currentUser = currentUser;
        this.projects = projects;
        this.regions = regions;
        this.accounts = accounts;
        this.tasks = tasks;
        this.events = events;
        this.inbox = inbox;
        this.audit = audit;
        this.list = list;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    /** Whether the caller may raise problems at all: a writer of the ledger (county or city staff). */
    public boolean canRaise() {
        return projects.canWrite();
    }

    /** Whether the caller may raise a problem on {@code p}: a writer whose region holds the project's. */
    public boolean canRaise(Project p) {
        return projects.canWrite(p);
    }

    /**
     * The regions a problem on {@code p} may be sent to: the project's own region and those above it, nearest first.
     */
    public List<Region> destinations(Project p) {
        var out = new ArrayList<Region>();
        Region r = regions.find(p.regionId()).orElseThrow();
        while (r != null) {
            out.add(r);
            r = r.parentId() == null ? null : regions.find(r.parentId()).orElse(null);
        }
        return out;
    }

    /** The units offered when raising a problem: those problems were sent to, most used first, then the usual ones. */
    public List<String> units() {
        var out = new java.util.LinkedHashSet<String>(jdbc.sql(
                        "select assignee_unit from supervision_task "
                                + "where kind = 'PROBLEM' group by assignee_unit order by count(*) desc, assignee_unit limit 30")
                .query(String.class)
                .list());
        out.addAll(COMMON_UNITS);
        return List.copyOf(out);
    }

    @Transactional
    public long raise(ProblemForm form) {
        YinfengUser me = currentUser.require();
        if (!canRaise()) {
            throw new AccessDeniedException("problems are raised by the ledger's writers");
        }
        Project p = check(form);
        String code = "WT" + today().getYear() + "-"
                + String.format(
                        "%04d",
                        jdbc.sql("select nextval('supervision_problem_seq')")
                                .query(Long.class)
                                .single());
        String title = form.title().trim();
        String description = form.description().trim();
        long id = jdbc.sql("""
                insert into supervision_task (kind, code, title, requirement, project_id, project_region_id, category,
                       issuer_id, assignee_region_id, assignee_unit, leader_user_id, deadline, created_at)
                values ('PROBLEM', :code, :title, :req, :project, :projectRegion, :category,
                       :issuer, :region, :unit, :leader, :deadline, :now)
                returning id
                """)
                .param("code", code)
                .param("title", title)
                .param("req", description)
                .param("project", p.id())
                .param("projectRegion", p.regionId())
                .param("category", Category.parse(form.category()).name())
                .param("issuer", me.id())
                .param("region", form.regionId())
                .param("unit", form.unit().trim())
                .param("leader", form.leaderUserId())
                .param("deadline", form.deadline())
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        events.record(id, "CREATED", me.id(), description);
        for (long u : tasks.assignees(id)) {
            if (u != me.id()) {
                inbox.notify(
                        u, "TASK", "inbox.problemRaised", List.of(code, p.name(), title), "/supervision/tasks/" + id);
            }
        }
        audit.record("PROBLEM_RAISE", "supervision_task", id, Outcome.SUCCESS, code + " " + p.code() + " " + title);
        return id;
    }

    /** The form's problems, all at once; else the project it is about (one the caller may write). */
    private Project check(ProblemForm form) {
        var problems = new ArrayList<Problem>();
        Project p = null;
        if (form.projectId() == null) {
            problems.add(new Problem("projectId", "validation.required"));
        } else {
            try {
                p = projects.find(form.projectId());
                if (!canRaise(p)) {
                    problems.add(new Problem("projectId", "problem.project.notYours", p.regionName()));
                    p = null;
                }
            } catch (NotFoundException e) {
                problems.add(new Problem("projectId", "task.project.notFound"));
            }
        }
        if (form.category() == null || form.category().isBlank()) {
            problems.add(new Problem("category", "validation.required"));
        } else if (Category.parse(form.category()) == null) {
            problems.add(new Problem("category", "problem.category.unknown", form.category()));
        }
        required(problems, "title", form.title(), 200);
        required(problems, "description", form.description(), 2000);
        required(problems, "unit", form.unit(), 100);
        if (form.regionId() == null) {
            problems.add(new Problem("regionId", "validation.required"));
        } else if (p != null && destinations(p).stream().noneMatch(r -> r.id() == form.regionId())) {
            problems.add(new Problem("regionId", "problem.region.notAbove", p.regionName()));
        }
        if (form.leaderUserId() == null) {
            problems.add(new Problem("leaderUserId", "validation.required"));
        } else if (!accounts.selectableLeader(form.leaderUserId(), currentUser.scope())) {
            problems.add(new Problem("leaderUserId", "problem.leader.unknown"));
        }
        if (form.deadline() == null) {
            problems.add(new Problem("deadline", "validation.required"));
        } else if (form.deadline().isBefore(today())) {
            problems.add(new Problem("deadline", "task.deadline.past"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return p;
    }

    /**
     * Reminds (催办) the owners of the open problems among {@code ids} that the caller may see: an event on each and a
     * message to its region's staff and its leader. City staff, leaders and whoever raised a problem may remind.
     * Returns how many were reminded; answered and closed ones are left alone.
     */
    @Transactional
    public int remind(List<Long> ids) {
        YinfengUser me = currentUser.require();
        if (ids.isEmpty()) {
            throw new InvalidInputException("ids", "problem.remind.none");
        }
        var rows = list.meeting(new ProblemList.Filter(null, null, null, null, null, null, false, false, null, ids));
        var reminded = new ArrayList<String>();
        for (ProblemList.Row row : rows) {
            if (!tasks.canIssue() && row.issuerId() != me.id()) {
                throw new AccessDeniedException("reminders are sent by the city and by whoever raised the problem");
            }
            if (row.status() != Tasks.Status.OPEN) {
                continue;
            }
            events.record(row.id(), "REMINDED", me.id(), null);
            for (long u : tasks.assignees(row.id())) {
                inbox.notify(
                        u,
                        "TASK",
                        "inbox.problemReminded",
                        List.of(row.code(), row.projectName(), row.deadline().toString()),
                        "/supervision/tasks/" + row.id());
            }
            reminded.add(row.code());
        }
        audit.record("PROBLEM_REMIND", "supervision_task", null, Outcome.SUCCESS, reminded.size() + " " + reminded);
        return reminded.size();
    }

    private static void required(List<Problem> problems, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "validation.required"));
        } else {
            InvalidInputException.checkLength(problems, field, value, max);
        }
    }
}
