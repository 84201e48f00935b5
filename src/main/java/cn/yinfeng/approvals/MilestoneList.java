package cn.yinfeng.approvals;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.approvals.MilestoneClock.Basis;
import cn.yinfeng.approvals.MilestoneClock.Reading;
import cn.yinfeng.approvals.MilestoneClock.Status;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.common.Times;
import cn.yinfeng.regions.RegionScope;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reading milestones across projects: the overview list (by step, status, county, unit and 包联 leader), the counts
 * per step behind its chart, the overdue ones on the workbench, and every overdue milestone for the supervision
 * module's warning rule. Visible as their projects are: landing or attracting region in the caller's scope.
 */
@Service
public class MilestoneList {

    public record Filter(
            @Nullable String q,
            @Nullable String step,
            @Nullable Status status,
            @Nullable Long regionId,
            @Nullable String unit,
            @Nullable Long leaderId,
            @Nullable Long projectId,
            Boolean late,
            @Nullable List<Long> ids) {

        /** {@code late}: overdue now or done late (the steps that broke their limit); {@code ids}: only these. */
        public Filter {
            ids = ids == null || ids.isEmpty() ? null : List.copyOf(ids);
            late = Boolean.TRUE.equals(late);
            q = q == null || q.isBlank() ? null : q.trim();
            step = step == null || step.isBlank() ? null : step.trim();
            unit = unit == null || unit.isBlank() ? null : unit.trim();
        }

        public static Filter all() {
            return new Filter(null, null, null, null, null, null, null, false, null);
        }
    }

    public record Row(
            long id,
            long projectId,
            String projectCode,
            String projectName,
            String regionName,
            @Nullable Long leaderId,
            @Nullable String leaderName,
            String step,
            String stepName,
            String stepNameEn,
            String unit,
            int limitDays,
            @Nullable LocalDate plannedOn,
            @Nullable LocalDate startedOn,
            @Nullable LocalDate doneOn,
            @Nullable String note,
            Reading reading) {}

    /**
     * One step's counts: milestones recorded, done (on time and late), overdue now, and the average days from
     * acceptance to done of those with both dates (null when none), against the step's current limit.
     */
    public record StepCount(
            String step,
            String name,
            String nameEn,
            int limitDays,
            long total,
            long done,
            long doneLate,
            long overdue,
            long open,
            @Nullable BigDecimal averageDays) {

        /** Done on time as a share of done, in percent with one decimal (null when none is done). */
        @JsonProperty
        public @Nullable BigDecimal onTimeRate() {
            return done == 0
                    ? null
                    : BigDecimal.valueOf(done - doneLate)
                            .multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(done), 1, java.math.RoundingMode.HALF_UP);
        }
    }

    public record Summary(List<StepCount> bySteps) {

        @JsonProperty
        public long total() {
            return bySteps.stream().mapToLong(StepCount::total).sum();
        }

        @JsonProperty
        public long overdue() {
            return bySteps.stream().mapToLong(StepCount::overdue).sum();
        }

        @JsonProperty
        public long done() {
            return bySteps.stream().mapToLong(StepCount::done).sum();
        }

        @JsonProperty
        public long doneLate() {
            return bySteps.stream().mapToLong(StepCount::doneLate).sum();
        }

        @JsonProperty
        public long open() {
            return bySteps.stream().mapToLong(StepCount::open).sum();
        }
    }

    /** An overdue milestone as the warning rule sees it: whose project, which county, which leader, how late. */
    public record Overdue(
            long milestoneId,
            long projectId,
            long regionId,
            @Nullable Long leaderId,
            String step,
            String stepName,
            String unit,
            LocalDate deadline,
            Basis basis,
            int daysOver) {}

    private static final String FROM = """
              from project_milestone m
              join approval_step s on s.code = m.step_code
              join project p on p.id = m.project_id
              join region r on r.id = p.region_id
            """;

    private static final String SELECT = """
            select m.id, m.project_id, p.code as project_code, p.name as project_name, r.name as region_name,
                   p.leader_user_id, m.step_code, s.name as step_name, s.name_en as step_name_en, m.unit,
                   m.limit_days, m.planned_on, m.started_on, m.done_on, m.note
            """ + FROM;

    private static final Map<String, String> SORTS = Map.of(
            "deadline", MilestoneClock.DEADLINE_SQL,
            "step", "s.position",
            "project", "p.code",
            "region", "r.path",
            "unit", "m.unit",
            "started", "m.started_on",
            "done", "m.done_on");

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final ApprovalSteps steps;
    private final Clock clock;

    MilestoneList(JdbcClient jdbc, CurrentUser currentUser, Accounts accounts, ApprovalSteps steps, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.steps = steps;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    public PageResult<Row> search(Filter f, @Nullable String sort, boolean desc, int page, int size) {
        var where = where(f);
        long total = jdbc.sql("select count(*) " + FROM + " where " + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
        // by deadline the open steps come first (the most overdue on top), then the done ones
        String column = SORTS.getOrDefault(sort, MilestoneClock.DEADLINE_SQL);
        String order = (column.equals(MilestoneClock.DEADLINE_SQL) ? "(m.done_on is not null), " : "") + column
                + (desc ? " desc" : " asc") + " nulls last, m.id desc";
        var rows = jdbc.sql(SELECT + " where " + where.sql() + " order by " + order + " limit :size offset :off")
                .params(where.params())
                .param("size", size)
                .param("off", (long) page * size)
                .query(this::map)
                .list();
        return new PageResult<>(named(rows), total, page, size);
    }

    /** Every milestone of the filter, by county, project and step (the export). */
    public List<Row> all(Filter f) {
        var where = where(f);
        return named(jdbc.sql(SELECT + " where " + where.sql() + " order by r.path, p.code, s.position, m.id")
                .params(where.params())
                .query(this::map)
                .list());
    }

    /** The counts per step for the filter, every active step listed (and retired ones that have milestones). */
    public Summary summary(Filter f) {
        var where = where(f);
        record Cell(
                String step,
                long total,
                long done,
                long late,
                long overdue,
                @Nullable BigDecimal avg) {}
        var cells = new HashMap<String, Cell>();
        jdbc.sql("select m.step_code, count(*), count(*) filter (where m.done_on is not null), count(*) filter (where "
                        + MilestoneClock.statusSql(Status.DONE_LATE) + "), count(*) filter (where "
                        + MilestoneClock.statusSql(Status.OVERDUE) + "), round(avg(m.done_on - m.started_on), 1) "
                        + FROM + " where " + where.sql() + " group by m.step_code")
                .params(where.params())
                .query((rs, n) -> new Cell(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getBigDecimal(6)))
                .list()
                .forEach(c -> cells.put(c.step(), c));
        var out = new ArrayList<StepCount>();
        for (ApprovalSteps.Step s : steps.all()) {
            Cell c = cells.get(s.code());
            if (c == null && !s.active()) {
                continue;
            }
            out.add(
                    c == null
                            ? new StepCount(s.code(), s.name(), s.nameEn(), s.limitDays(), 0, 0, 0, 0, 0, null)
                            : new StepCount(
                                    s.code(),
                                    s.name(),
                                    s.nameEn(),
                                    s.limitDays(),
                                    c.total(),
                                    c.done(),
                                    c.late(),
                                    c.overdue(),
                                    c.total() - c.done(),
                                    c.avg()));
        }
        return new Summary(out);
    }

    /**
     * The caller's most overdue milestones for the workbench: a leader's on the projects they lead, everyone else's
     * in their scope; the most days over first.
     */
    public List<Row> overdueForMe(boolean asLeader, int limit) {
        var me = currentUser.require();
        var f = new Filter(null, null, Status.OVERDUE, null, null, asLeader ? me.id() : null, null, false, null);
        return search(f, "deadline", false, 0, limit).rows();
    }

    /** Every overdue milestone of the live projects (held and ended ones wait), for the warning rule ({@code projectId}: only that one's). */
    public List<Overdue> overdue(@Nullable Long projectId) {
        LocalDate today = today();
        return jdbc.sql("""
                    select m.id, m.project_id, p.region_id, p.leader_user_id, m.step_code, s.name, m.unit,
                           m.limit_days, m.planned_on, m.started_on
                      from project_milestone m
                      join approval_step s on s.code = m.step_code
                      join project p on p.id = m.project_id
                     where %s and (cast(:pid as bigint) is null or m.project_id = :pid)
                       and p.stage not in ('SUSPENDED', 'TERMINATED')
                    """.formatted(MilestoneClock.statusSql(Status.OVERDUE)))
                .param("today", today)
                .param("pid", projectId)
                .query((rs, n) -> {
                    Reading r = MilestoneClock.read(
                            rs.getInt("limit_days"),
                            rs.getObject("planned_on", LocalDate.class),
                            rs.getObject("started_on", LocalDate.class),
                            null,
                            today);
                    return new Overdue(
                            rs.getLong("id"),
                            rs.getLong("project_id"),
                            rs.getLong("region_id"),
                            rs.getObject("leader_user_id", Long.class),
                            rs.getString("step_code"),
                            rs.getString("name"),
                            rs.getString("unit"),
                            Objects.requireNonNull(r.deadline()),
                            Objects.requireNonNull(r.basis()),
                            r.daysOver());
                })
                .list();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private Where where(Filter f) {
        RegionScope scope = currentUser.scope();
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        where.add("(" + scope.where("p.region_id") + " or " + scope.where("p.attracting_region_id") + ")");
        params.put(RegionScope.PARAM, scope.pathPattern());
        params.put("today", today());
        if (f.q() != null) {
            where.add("(p.name ilike :q or p.code ilike :q or m.unit ilike :q)");
            params.put("q", Like.contains(f.q()));
        }
        if (f.step() != null) {
            where.add("m.step_code = :step");
            params.put("step", f.step());
        }
        if (f.status() != null) {
            where.add(MilestoneClock.statusSql(f.status()));
        }
        if (f.late()) {
            where.add("(" + MilestoneClock.statusSql(Status.OVERDUE) + " or "
                    + MilestoneClock.statusSql(Status.DONE_LATE) + ")");
        }
        if (f.regionId() != null) {
            where.add("r.path like (select path from region where id = :region) || '%'");
            params.put("region", f.regionId());
        }
        if (f.unit() != null) {
            where.add("m.unit ilike :unit");
            params.put("unit", Like.contains(f.unit()));
        }
        if (f.leaderId() != null) {
            where.add("p.leader_user_id = :leader");
            params.put("leader", f.leaderId());
        }
        if (f.projectId() != null) {
            where.add("m.project_id = :project");
            params.put("project", f.projectId());
        }
        if (f.ids() != null) {
            where.add("m.id = any(:ids)");
            params.put("ids", f.ids().toArray(Long[]::new));
        }
        return new Where(String.join(" and ", where), params);
    }

    private List<Row> named(List<Row> rows) {
        Map<Long, String> names = accounts.displayNames(rows.stream()
                .map(Row::leaderId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        return rows.stream()
                .map(r -> r.leaderId() == null
                        ? r
                        : new Row(
                                r.id(),
                                r.projectId(),
                                r.projectCode(),
                                r.projectName(),
                                r.regionName(),
                                r.leaderId(),
                                names.get(r.leaderId()),
                                r.step(),
                                r.stepName(),
                                r.stepNameEn(),
                                r.unit(),
                                r.limitDays(),
                                r.plannedOn(),
                                r.startedOn(),
                                r.doneOn(),
                                r.note(),
                                r.reading()))
                .toList();
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        int limit = rs.getInt("limit_days");
        LocalDate planned = rs.getObject("planned_on", LocalDate.class);
        LocalDate started = rs.getObject("started_on", LocalDate.class);
        LocalDate done = rs.getObject("done_on", LocalDate.class);
        return new Row(
                rs.getLong("id"),
                rs.getLong("project_id"),
                rs.getString("project_code"),
                rs.getString("project_name"),
                rs.getString("region_name"),
                rs.getObject("leader_user_id", Long.class),
                null,
                rs.getString("step_code"),
                rs.getString("step_name"),
                rs.getString("step_name_en"),
                rs.getString("unit"),
                limit,
                planned,
                started,
                done,
                rs.getString("note"),
                MilestoneClock.read(limit, planned, started, done, today()));
    }
}
