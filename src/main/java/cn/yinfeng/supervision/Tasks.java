package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supervision tasks (督办单). City staff or a leader issue one to a region (and optionally a person or unit in it)
 * with a deadline and the response required, from a warning, a project or nothing; a writer of that region responds
 * (text and attachments); the issuer accepts it or sends it back. An open task past its deadline escalates one level
 * up the region tree every {@code yinfeng.supervision.escalate-every-days} days, notifying the staff there. Every step
 * is an event on the task and a row in the audit log.
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

    public record Task(
            long id,
            String code,
            String title,
            String requirement,
            Long warningId,
            Long projectId,
            String projectName,
            long issuerId,
            String issuerName,
            long regionId,
            String regionName,
            Long assigneeUserId,
            String assigneeName,
            String assigneeUnit,
            LocalDate deadline,
            Status status,
            int escalationLevel,
            Instant createdAt,
            Instant closedAt,
            long version,
            boolean overdue) {}

    public record Event(long id, String kind, String actorName, String text, Instant at, List<FileRef> files) {}

    public record FileRef(long id, String name, long size) {}

    public record Upload(String name, String contentType, byte[] content) {}

    public record Search(
            String q,
            Status status,
            Long regionId,
            boolean mine,
            boolean overdue,
            String sort,
            boolean desc,
            int page,
            int size) {}

    private static final long MAX_FILE = 10L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final AuditLog audit;
    private final Inbox inbox;
    private final int escalateEveryDays;

    Tasks(
            JdbcClient jdbc,
            Clock clock,
            CurrentUser currentUser,
            Regions regions,
            AuditLog audit,
            Inbox inbox,
            @Value("${yinfeng.supervision.escalate-every-days:3}") int escalateEveryDays) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.currentUser = currentUser;
        this.regions = regions;
        this.audit = audit;
        this.inbox = inbox;
        this.escalateEveryDays = escalateEveryDays;
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

    @Transactional
    public long create(TaskForm form) {
        YinfengUser me = currentUser.require();
        if (!canIssue()) {
            throw new AccessDeniedException("tasks are issued by city staff and leaders");
        }
        RegionScope scope = currentUser.scope();
        var problems = new ArrayList<InvalidInputException.Problem>();
        if (form.title() == null || form.title().isBlank()) {
            problems.add(new InvalidInputException.Problem("title", "validation.required"));
        } else if (form.title().length() > 200) {
            problems.add(new InvalidInputException.Problem("title", "validation.tooLong", 200));
        }
        if (form.requirement() == null || form.requirement().isBlank()) {
            problems.add(new InvalidInputException.Problem("requirement", "validation.required"));
        } else if (form.requirement().length() > 2000) {
            problems.add(new InvalidInputException.Problem("requirement", "validation.tooLong", 2000));
        }
        if (form.deadline() == null) {
            problems.add(new InvalidInputException.Problem("deadline", "validation.required"));
        } else if (form.deadline().isBefore(today())) {
            problems.add(new InvalidInputException.Problem("deadline", "task.deadline.past"));
        }
        Region region = null;
        if (form.regionId() == null) {
            problems.add(new InvalidInputException.Problem("regionId", "validation.required"));
        } else {
            try {
                region = regions.visible(scope, form.regionId());
            } catch (NotFoundException e) {
                problems.add(new InvalidInputException.Problem("regionId", "task.region.outOfScope"));
            }
        }
        if (region != null
                && form.assigneeUserId() != null
                && jdbc.sql("select count(*) from app_user u join region r "
                                        + "on r.id = u.region_id where u.id = :u and u.enabled and r.path like :p")
                                .param("u", form.assigneeUserId())
                                .param("p", region.path() + "%")
                                .query(Long.class)
                                .single()
                        == 0) {
            problems.add(new InvalidInputException.Problem("assigneeUserId", "task.assignee.outsideRegion"));
        }
        if (form.projectId() != null
                && jdbc.sql("select count(*) from project where id = :id and " + scope.where("region_id"))
                                .param("id", form.projectId())
                                .param(RegionScope.PARAM, scope.pathPattern())
                                .query(Long.class)
                                .single()
                        == 0) {
            problems.add(new InvalidInputException.Problem("projectId", "task.project.notFound"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
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
        event(id, "CREATED", me.id(), form.requirement().trim());
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
        long eventId = event(id, "RESPONDED", me.id(), text.trim());
        for (Upload f : files) {
            if (f.content().length == 0) {
                continue;
            }
            jdbc.sql("""
                    insert into supervision_task_file (task_id, event_id, name, content_type, size_bytes, sha256, content,
                           uploaded_by, at)
                    values (:t, :e, :n, :ct, :s, :h, :c, :u, :at)
                    """)
                    .param("t", id)
                    .param("e", eventId)
                    .param("n", f.name())
                    .param("ct", f.contentType() == null ? "application/octet-stream" : f.contentType())
                    .param("s", f.content().length)
                    .param("h", sha256(f.content()))
                    .param("c", f.content())
                    .param("u", me.id())
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        }
        inbox.notify(
                t.issuerId(), "TASK", "inbox.taskResponded", List.of(t.code(), t.title()), "/supervision/tasks/" + id);
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
        event(id, accept ? "ACCEPTED" : "SENT_BACK", me.id(), text == null || text.isBlank() ? null : text.trim());
        for (long u : assignees(id)) {
            inbox.notify(
                    u,
                    "TASK",
                    accept ? "inbox.taskAccepted" : "inbox.taskSentBack",
                    List.of(t.code(), t.title()),
                    "/supervision/tasks/" + id);
        }
        audit.record(accept ? "TASK_ACCEPT" : "TASK_SEND_BACK", "supervision_task", id, Outcome.SUCCESS, t.code());
    }

    /**
     * Open tasks past their deadline move one level up the tree (the parent of the region they last reached), at
     * most once every {@code escalateEveryDays}; the staff and leaders of that region and the issuer are told.
     * Returns how many escalated. Runs from the scheduler, without a user.
     */
    @Transactional
    public int escalateOverdue() {
        LocalDate today = today();
        var due = jdbc.sql("""
                select t.id, t.code, t.title, t.issuer_id, t.escalation_level, r.path
                  from supervision_task t join region r on r.id = t.assignee_region_id
                 where t.status = 'OPEN' and t.deadline < :today
                   and (t.escalated_on is null or t.escalated_on <= :again)
                """)
                .param("today", today)
                .param("again", today.minusDays(escalateEveryDays))
                .query()
                .listOfRows();
        int n = 0;
        for (var row : due) {
            long id = ((Number) row.get("id")).longValue();
            int level = ((Number) row.get("escalation_level")).intValue() + 1;
            // the region "level" steps above the assignee's: path /1/7/19/ has ancestors 7 then 1
            String[] ids = ((String) row.get("path")).split("/");
            int index = ids.length - 1 - level; // ids[0] is ""
            if (index < 1) {
                continue; // already at the top of the tree
            }
            long target = Long.parseLong(ids[index]);
            jdbc.sql("update supervision_task set escalation_level = :l, escalated_on = :today, version = version + 1 "
                            + "where id = :id")
                    .param("l", level)
                    .param("today", today)
                    .param("id", id)
                    .update();
            String regionName = regions.find(target).map(Region::name).orElse("?");
            event(id, "ESCALATED", null, regionName);
            var told = new java.util.LinkedHashSet<Long>(
                    jdbc.sql("""
                    select distinct u.id from app_user u join user_role ur on ur.user_id = u.id
                     where u.enabled and u.region_id = :r and ur.role in ('CITY_STAFF', 'LEADER', 'COUNTY_STAFF')
                    """).param("r", target).query(Long.class).list());
            told.add(((Number) row.get("issuer_id")).longValue());
            for (long u : told) {
                inbox.notify(
                        u,
                        "TASK",
                        "inbox.taskEscalated",
                        List.of(row.get("code"), row.get("title"), regionName),
                        "/supervision/tasks/" + id);
            }
            audit.record(
                    null,
                    "system",
                    "TASK_ESCALATE",
                    "supervision_task",
                    id,
                    Outcome.SUCCESS,
                    row.get("code") + " -> " + regionName,
                    null);
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ reading

    private static final String SELECT = """
            select t.*, p.name as project_name, iu.display_name as issuer_name, r.name as region_name,
                   au.display_name as assignee_name
              from supervision_task t
              join region r on r.id = t.assignee_region_id
              join app_user iu on iu.id = t.issuer_id
              left join app_user au on au.id = t.assignee_user_id
              left join project p on p.id = t.project_id
            """;

    private static final Map<String, String> SORTS = Map.of(
            "deadline",
            "t.deadline",
            "created",
            "t.created_at",
            "status",
            "t.status",
            "region",
            "r.path",
            "code",
            "t.code");

    /**
     * Tasks visible to the caller: those assigned inside their region scope, and those they issued. {@code mine}:
     * assigned to them, to their region, or issued by them.
     */
    public PageResult<Task> search(Search s) {
        YinfengUser me = currentUser.require();
        RegionScope scope = currentUser.scope();
        var where = new ArrayList<String>();
        where.add("(" + scope.where("t.assignee_region_id") + " or t.issuer_id = :me)");
        var params = new java.util.HashMap<String, Object>();
        params.put("me", me.id());
        params.put("today", today());
        if (s.q() != null && !s.q().isBlank()) {
            where.add("(t.title ilike :q or t.code ilike :q)");
            params.put("q", "%" + s.q().trim().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (s.status() != null) {
            where.add("t.status = :status");
            params.put("status", s.status().name());
        }
        if (s.regionId() != null) {
            where.add("t.assignee_region_id in (select id from region where path like (select path from region where "
                    + "id = :region) || '%')");
            params.put("region", s.regionId());
        }
        if (s.mine()) {
            where.add("(t.assignee_user_id = :me or t.issuer_id = :me or (t.assignee_user_id is null and "
                    + "t.assignee_region_id = :myRegion))");
            params.put("myRegion", me.region());
        }
        if (s.overdue()) {
            where.add("t.status = 'OPEN' and t.deadline < :today");
        }
        String cond = String.join(" and ", where);
        long total = scope.bind(jdbc.sql("select count(*) from supervision_task t join region r on r.id = "
                        + "t.assignee_region_id where " + cond))
                .params(params)
                .query(Long.class)
                .single();
        String order = SORTS.getOrDefault(s.sort(), "t.deadline") + (s.desc() ? " desc" : " asc") + ", t.id desc";
        var rows = scope.bind(jdbc.sql(SELECT + " where " + cond + " order by " + order + " limit :size offset :off"))
                .params(params)
                .param("size", s.size())
                .param("off", s.page() * s.size())
                .query(this::map)
                .list();
        return new PageResult<>(rows, total, s.page(), s.size());
    }

    public Task get(long id) {
        YinfengUser me = currentUser.require();
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(SELECT + " where t.id = :id and (" + scope.where("t.assignee_region_id")
                        + " or t.issuer_id = :me)"))
                .param("id", id)
                .param("me", me.id())
                .param("today", today())
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("task", id));
    }

    public List<Event> events(long id) {
        get(id); // scope check
        var files = new java.util.HashMap<Long, List<FileRef>>();
        jdbc.sql("select id, event_id, name, size_bytes from supervision_task_file where task_id = :t order by id")
                .param("t", id)
                .query((rs, n) -> files.computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>())
                        .add(new FileRef(rs.getLong("id"), rs.getString("name"), rs.getLong("size_bytes"))))
                .list();
        return jdbc.sql("""
                select e.id, e.kind, u.display_name, e.text, e.at from supervision_task_event e
                  left join app_user u on u.id = e.actor_id where e.task_id = :t order by e.id
                """)
                .param("t", id)
                .query((rs, n) -> new Event(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("display_name"),
                        rs.getString("text"),
                        rs.getTimestamp("at").toInstant(),
                        files.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public record FileContent(String name, String contentType, byte[] content) {}

    public FileContent file(long taskId, long fileId) {
        get(taskId); // scope check
        return jdbc.sql("select name, content_type, content from supervision_task_file where id = :f and task_id = :t")
                .param("f", fileId)
                .param("t", taskId)
                .query((rs, n) ->
                        new FileContent(rs.getString("name"), rs.getString("content_type"), rs.getBytes("content")))
                .optional()
                .orElseThrow(() -> new NotFoundException("file", fileId));
    }

    public boolean canRespond(Task t) {
        YinfengUser me = currentUser.require();
        if (t.assigneeUserId() != null) {
            return t.assigneeUserId() == me.id();
        }
        // else the staff of the region it was sent to (or escalated away from: the region stays the assignee)
        return (me.hasRole(Role.COUNTY_STAFF) || me.hasRole(Role.CITY_STAFF)) && me.region() == t.regionId();
    }

    public boolean canReview(Task t) {
        YinfengUser me = currentUser.require();
        return t.status() == Status.RESPONDED && (t.issuerId() == me.id() || me.isAdmin());
    }

    /** People a region's task is for: the named assignee, else the staff of that region. */
    private List<Long> assignees(long taskId) {
        return jdbc.sql("""
                select distinct u.id from supervision_task t join app_user u
                    on (t.assignee_user_id is not null and u.id = t.assignee_user_id)
                    or (t.assignee_user_id is null and u.region_id = t.assignee_region_id)
                  join user_role ur on ur.user_id = u.id
                 where t.id = :t and u.enabled
                   and (t.assignee_user_id is not null or ur.role in ('COUNTY_STAFF', 'CITY_STAFF'))
                """).param("t", taskId).query(Long.class).list();
    }

    private Task lock(long id, long version) {
        Task t = get(id);
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

    private long event(long taskId, String kind, Long actorId, String text) {
        return jdbc.sql(
                        "insert into supervision_task_event (task_id, kind, actor_id, text, at) values (:t, :k, :a, :x, "
                                + ":at) returning id")
                .param("t", taskId)
                .param("k", kind)
                .param("a", actorId)
                .param("x", text)
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    private Task map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        Status status = Status.valueOf(rs.getString("status"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new Task(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("title"),
                rs.getString("requirement"),
                (Long) rs.getObject("warning_id", Long.class),
                (Long) rs.getObject("project_id", Long.class),
                rs.getString("project_name"),
                rs.getLong("issuer_id"),
                rs.getString("issuer_name"),
                rs.getLong("assignee_region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("assignee_user_id", Long.class),
                rs.getString("assignee_name"),
                rs.getString("assignee_unit"),
                deadline,
                status,
                rs.getInt("escalation_level"),
                rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant(),
                rs.getLong("version"),
                status == Status.OPEN && deadline.isBefore(today()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
