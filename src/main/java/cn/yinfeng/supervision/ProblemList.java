package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.supervision.Tasks.Status;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reading the problem list (问题清单) as a 项目调度会 works from it: filtered by category, state, county, unit and
 * leader, with the latest answer beside each problem, the counts by category behind the page's chart, and every row
 * for the meeting's export. Visible like tasks ({@link TaskList#visible}): the county of the project, the region it
 * was sent to, whoever raised it and its leader.
 */
@Service
public class ProblemList {

    /** The list's filter; {@code ids}: only these problems (the rows ticked for a meeting). */
    public record Filter(
            @Nullable String q,
            @Nullable String category,
            @Nullable Status status,
            @Nullable Long regionId,
            @Nullable String unit,
            @Nullable Long leaderId,
            Boolean overdue,
            Boolean mine,
            @Nullable Long projectId,
            @Nullable List<Long> ids) {

        /** Absent flags are false (a request binds a missing checkbox as no value). */
        public Filter {
            overdue = Boolean.TRUE.equals(overdue);
            mine = Boolean.TRUE.equals(mine);
            q = q == null || q.isBlank() ? null : q.trim();
            unit = unit == null || unit.isBlank() ? null : unit.trim();
            category = category == null || category.isBlank() ? null : category.trim();
            ids = ids == null || ids.isEmpty() ? null : List.copyOf(ids);
        }

        public static Filter all() {
            return new Filter(null, null, null, null, null, null, false, false, null, null);
        }

        public static Filter ofProject(long projectId) {
            return new Filter(null, null, null, null, null, null, false, false, projectId, null);
        }
    }

    /** A problem as the list and the meeting's sheet show it; {@code answer}: the latest response, if any. */
    public record Row(
            long id,
            String code,
            String title,
            String description,
            String category,
            long projectId,
            String projectCode,
            String projectName,
            String countyName,
            String sentTo,
            String unit,
            long leaderId,
            @Nullable String leaderName,
            long issuerId,
            @Nullable String issuerName,
            LocalDate deadline,
            Status status,
            boolean overdue,
            int escalationLevel,
            Instant createdAt,
            @Nullable Instant closedAt,
            @Nullable String answer) {}

    /** The counts of one category: open (not answered), answered and waiting for review, closed; overdue of open. */
    public record CategoryCount(String category, long open, long responded, long closed, long overdue) {

        @JsonProperty
        public long total() {
            return open + responded + closed;
        }
    }

    /** The counts behind the page's chart and its figures, for the same filter as the list. */
    public record Summary(List<CategoryCount> byCategory) {

        @JsonProperty
        public long total() {
            return byCategory.stream().mapToLong(CategoryCount::total).sum();
        }

        /** Not yet solved: open and answered-but-not-closed. */
        @JsonProperty
        public long open() {
            return byCategory.stream().mapToLong(c -> c.open() + c.responded()).sum();
        }

        /** Open and not answered yet. */
        @JsonProperty
        public long unanswered() {
            return byCategory.stream().mapToLong(CategoryCount::open).sum();
        }

        @JsonProperty
        public long responded() {
            return byCategory.stream().mapToLong(CategoryCount::responded).sum();
        }

        @JsonProperty
        public long closed() {
            return byCategory.stream().mapToLong(CategoryCount::closed).sum();
        }

        @JsonProperty
        public long overdue() {
            return byCategory.stream().mapToLong(CategoryCount::overdue).sum();
        }
    }

    private static final String FROM = """
              from supervision_task t
              join region r on r.id = t.assignee_region_id
              join region pr on pr.id = t.project_region_id
              join project p on p.id = t.project_id
            """;

    private static final String SELECT = """
            select t.id, t.code, t.title, t.requirement, t.category, t.project_id, p.code as project_code,
                   p.name as project_name, pr.name as county_name, r.name as sent_to, t.assignee_unit,
                   t.leader_user_id, t.issuer_id, t.deadline, t.status, t.escalation_level, t.created_at, t.closed_at,
                   (select e.text from supervision_task_event e
                     where e.task_id = t.id and e.kind = 'RESPONDED' order by e.id desc limit 1) as answer
            """ + FROM;

    private static final Map<String, String> SORTS = Map.of(
            "deadline", "t.deadline",
            "created", "t.created_at",
            "category", Problems.Category.ORDER_SQL,
            "status", "t.status",
            "region", "pr.path",
            "code", "t.code",
            "unit", "t.assignee_unit");

    /** The meeting's order: by county, then category, then the nearest deadline. */
    private static final String MEETING_ORDER = "pr.path, " + Problems.Category.ORDER_SQL + ", t.deadline, t.id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    ProblemList(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Accounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    public PageResult<Row> search(Filter f, @Nullable String sort, boolean desc, int page, int size) {
        var where = where(f);
        long total = where.bind(jdbc.sql("select count(*) " + FROM + " where " + where.sql()))
                .query(Long.class)
                .single();
        String order = SORTS.getOrDefault(sort, "t.deadline") + (desc ? " desc" : " asc") + ", t.id desc";
        var rows = where.bind(
                        jdbc.sql(SELECT + " where " + where.sql() + " order by " + order + " limit :size offset :off"))
                .param("size", size)
                .param("off", (long) page * size)
                .query(this::map)
                .list();
        return new PageResult<>(named(rows), total, page, size);
    }

    /** Every problem of the filter in the meeting's order (county, category, deadline). */
    public List<Row> meeting(Filter f) {
        var where = where(f);
        return named(where.bind(jdbc.sql(SELECT + " where " + where.sql() + " order by " + MEETING_ORDER))
                .query(this::map)
                .list());
    }

    public Summary summary(Filter f) {
        var where = where(f);
        record Cell(String category, String status, long n, long overdue) {}
        var cells = where.bind(jdbc.sql("select t.category, t.status, count(*), count(*) filter (where t.status = "
                        + "'OPEN' and t.deadline < :today) " + FROM + " where " + where.sql()
                        + " group by t.category, t.status"))
                .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
        var out = new ArrayList<CategoryCount>();
        for (Problems.Category c : Problems.Category.values()) {
            var byStatus = new EnumMap<Status, Long>(Status.class);
            long overdue = 0;
            for (Cell cell : cells) {
                if (cell.category().equals(c.name())) {
                    byStatus.merge(Status.valueOf(cell.status()), cell.n(), Long::sum);
                    overdue += cell.overdue();
                }
            }
            out.add(new CategoryCount(
                    c.name(),
                    byStatus.getOrDefault(Status.OPEN, 0L),
                    byStatus.getOrDefault(Status.RESPONDED, 0L),
                    byStatus.getOrDefault(Status.ACCEPTED, 0L),
                    overdue));
        }
        return new Summary(out);
    }

    /** A filter's SQL with its parameters: only problems, only those the caller may see. */
    private record Where(String sql, Map<String, Object> params) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            return spec.params(params);
        }
    }

    private Where where(Filter f) {
        YinfengUser me = currentUser.require();
        RegionScope scope = currentUser.scope();
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        where.add("t.kind = 'PROBLEM'");
        where.add(TaskList.visible(scope));
        params.put(RegionScope.PARAM, scope.pathPattern());
        params.put("me", me.id());
        params.put("today", today());
        if (f.q() != null) {
            where.add("(t.title ilike :q or t.code ilike :q or p.name ilike :q or p.code ilike :q)");
            params.put("q", Like.contains(f.q()));
        }
        if (f.category() != null) {
            where.add("t.category = :category");
            params.put("category", f.category());
        }
        if (f.status() != null) {
            where.add("t.status = :status");
            params.put("status", f.status().name());
        }
        if (f.regionId() != null) {
            where.add("pr.path like (select path from region where id = :region) || '%'");
            params.put("region", f.regionId());
        }
        if (f.unit() != null) {
            where.add("t.assignee_unit ilike :unit");
            params.put("unit", Like.contains(f.unit()));
        }
        if (f.leaderId() != null) {
            where.add("t.leader_user_id = :leader");
            params.put("leader", f.leaderId());
        }
        if (f.overdue()) {
            where.add("t.status = 'OPEN' and t.deadline < :today");
        }
        if (f.mine()) {
            where.add("(t.issuer_id = :me or t.leader_user_id = :me or (t.assignee_user_id is null and "
                    + "t.assignee_region_id = :myRegion))");
            params.put("myRegion", me.region());
        }
        if (f.projectId() != null) {
            where.add("t.project_id = :project");
            params.put("project", f.projectId());
        }
        if (f.ids() != null) {
            where.add("t.id = any(:ids)");
            params.put("ids", f.ids().toArray(Long[]::new));
        }
        return new Where(String.join(" and ", where), params);
    }

    private List<Row> named(List<Row> rows) {
        Map<Long, String> names = accounts.displayNames(rows.stream()
                .flatMap(r -> Stream.of(r.leaderId(), r.issuerId()))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return rows.stream()
                .map(r -> new Row(
                        r.id(),
                        r.code(),
                        r.title(),
                        r.description(),
                        r.category(),
                        r.projectId(),
                        r.projectCode(),
                        r.projectName(),
                        r.countyName(),
                        r.sentTo(),
                        r.unit(),
                        r.leaderId(),
                        names.get(r.leaderId()),
                        r.issuerId(),
                        names.get(r.issuerId()),
                        r.deadline(),
                        r.status(),
                        r.overdue(),
                        r.escalationLevel(),
                        r.createdAt(),
                        r.closedAt(),
                        r.answer()))
                .toList();
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        Status status = Status.valueOf(rs.getString("status"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Row(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("title"),
                rs.getString("requirement"),
                rs.getString("category"),
                rs.getLong("project_id"),
                rs.getString("project_code"),
                rs.getString("project_name"),
                rs.getString("county_name"),
                rs.getString("sent_to"),
                rs.getString("assignee_unit"),
                rs.getLong("leader_user_id"),
                null,
                rs.getLong("issuer_id"),
                null,
                deadline,
                status,
                status == Status.OPEN && deadline.isBefore(today()),
                rs.getInt("escalation_level"),
                rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant(),
                rs.getString("answer"));
    }
}
