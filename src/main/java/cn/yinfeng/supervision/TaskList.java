package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.supervision.Tasks.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reading supervision tasks: the list with its filters, one task, its events and their attachments. A task is
 * visible to those whose region scope holds the region it was sent to, and to its issuer; any other answers 404.
 */
@Service
class TaskList {

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
            boolean overdue,
            String kind,
            String category,
            Long leaderUserId,
            String leaderName,
            Long projectRegionId,
            String projectRegionName) {

        public boolean problem() {
            return "PROBLEM".equals(kind);
        }

        /** This task with the people's names filled in from {@code names}. */
        Task named(Map<Long, String> names) {
            return new Task(
                    id,
                    code,
                    title,
                    requirement,
                    warningId,
                    projectId,
                    projectName,
                    issuerId,
                    names.get(issuerId),
                    regionId,
                    regionName,
                    assigneeUserId,
                    assigneeUserId == null ? null : names.get(assigneeUserId),
                    assigneeUnit,
                    deadline,
                    status,
                    escalationLevel,
                    createdAt,
                    closedAt,
                    version,
                    overdue,
                    kind,
                    category,
                    leaderUserId,
                    leaderUserId == null ? null : names.get(leaderUserId),
                    projectRegionId,
                    projectRegionName);
        }
    }

    public record Event(long id, String kind, String actorName, String text, Instant at, List<FileRef> files) {}

    public record FileRef(long id, String name, long size) {}

    public record FileContent(String name, String contentType, byte[] content) {}

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

    private static final String SELECT = """
            select t.*, p.name as project_name, r.name as region_name, pr.name as project_region_name
              from supervision_task t
              join region r on r.id = t.assignee_region_id
              left join region pr on pr.id = t.project_region_id
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    TaskList(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
        this.currentUser = currentUser;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    /**
     * SQL condition on {@code t}: tasks sent into the scope, problems of projects landing in it, and those the caller
     * ({@code :me}) issued or owns as the leader. Bound by the scope and {@code :me}.
     */
    static String visible(RegionScope scope) {
        return "(" + scope.where("t.assignee_region_id") + " or " + scope.where("t.project_region_id")
                + " or t.issuer_id = :me or t.leader_user_id = :me)";
    }

    /**
     * Tasks visible to the caller: those assigned inside their region scope, and those they issued. {@code mine}:
     * assigned to them, to their region, or issued by them.
     */
    public PageResult<Task> search(Search s) {
        YinfengUser me = currentUser.require();
        RegionScope scope = currentUser.scope();
        var where = new ArrayList<String>();
        where.add(visible(scope));
        var params = new HashMap<String, Object>();
        params.put("me", me.id());
        params.put("today", today());
        if (s.q() != null && !s.q().isBlank()) {
            where.add("(t.title ilike :q or t.code ilike :q)");
            params.put("q", Like.contains(s.q().trim()));
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
            where.add("(t.assignee_user_id = :me or t.issuer_id = :me or t.leader_user_id = :me or "
                    + "(t.assignee_user_id is null and t.assignee_region_id = :myRegion))");
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
        return new PageResult<>(named(rows), total, s.page(), s.size());
    }

    public Task get(long id) {
        YinfengUser me = currentUser.require();
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(SELECT + " where t.id = :id and " + visible(scope)))
                .param("id", id)
                .param("me", me.id())
                .param("today", today())
                .query(this::map)
                .optional()
                .map(t -> named(List.of(t)).get(0))
                .orElseThrow(() -> new NotFoundException("task", id));
    }

    public List<Event> events(long id) {
        get(id); // scope check
        var files = new HashMap<Long, List<FileRef>>();
        jdbc.sql("select id, event_id, name, size_bytes from supervision_task_file where task_id = :t order by id")
                .param("t", id)
                .query((rs, n) -> files.computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>())
                        .add(new FileRef(rs.getLong("id"), rs.getString("name"), rs.getLong("size_bytes"))))
                .list();
        record Stored(long id, String kind, Long actorId, String text, Instant at) {}
        var stored = jdbc.sql("select id, kind, actor_id, text, at from supervision_task_event where task_id = :t "
                        + "order by id")
                .param("t", id)
                .query((rs, n) -> new Stored(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getObject("actor_id", Long.class),
                        rs.getString("text"),
                        rs.getTimestamp("at").toInstant()))
                .list();
        Map<Long, String> names = accounts.displayNames(
                stored.stream().map(Stored::actorId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return stored.stream()
                .map(e -> new Event(
                        e.id(),
                        e.kind(),
                        e.actorId() == null ? null : names.get(e.actorId()),
                        e.text(),
                        e.at(),
                        files.getOrDefault(e.id(), List.of())))
                .toList();
    }

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

    /** The tasks with their people's names, looked up together (the accounts module holds them). */
    List<Task> named(List<Task> rows) {
        Map<Long, String> names = accounts.displayNames(rows.stream()
                .flatMap(t -> Stream.of(t.issuerId(), t.assigneeUserId(), t.leaderUserId()))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return rows.stream().map(t -> t.named(names)).toList();
    }

    /** A task as stored; the people's names are added by {@link #named}. */
    Task map(ResultSet rs, int n) throws SQLException {
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
                null,
                rs.getLong("assignee_region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("assignee_user_id", Long.class),
                null,
                rs.getString("assignee_unit"),
                deadline,
                status,
                rs.getInt("escalation_level"),
                rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant(),
                rs.getLong("version"),
                status == Status.OPEN && deadline.isBefore(today()),
                rs.getString("kind"),
                rs.getString("category"),
                (Long) rs.getObject("leader_user_id", Long.class),
                null,
                (Long) rs.getObject("project_region_id", Long.class),
                rs.getString("project_region_name"));
    }
}
