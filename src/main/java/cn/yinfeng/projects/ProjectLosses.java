package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Investment lost: the projects held (暂缓) or ended (终止/退库) in the caller's scope, with the planned total
 * investment they took with them, by the city's reason, county, chain and the year they were held or ended (the
 * date of the step that put them there). Figures are read from the working copies, so a hold counts from the day it
 * is recorded, before the city's review; each summary is the sum of the list the same filter selects.
 */
@Service
public class ProjectLosses {

    /** HELD: 暂缓 only; ENDED: 终止 only; null: both. */
    public enum Kind {
        HELD,
        ENDED
    }

    /** {@code reason}: a reason's code, or {@link #UNEXPLAINED} for projects that name none. */
    public record Filter(Integer year, Long regionId, Long chainId, Kind kind, String reason) {

        public Filter {
            reason = reason == null || reason.isBlank() ? null : reason.trim();
        }
    }

    /** Code that stands for "no reason recorded" in filters and groups. */
    public static final String UNEXPLAINED = "NONE";

    /** One group: its key (code, id or year as text; null when unknown), how many projects and their investment. */
    public record Group(String key, String name, long projects, BigDecimal investment) {}

    /** One county's investment lost for one reason (a code, or {@link #UNEXPLAINED}), for the stacked chart. */
    public record Cell(String region, String reason, BigDecimal investment) {}

    public record Summary(
            long projects,
            BigDecimal investment,
            long unreviewed,
            List<Group> byReason,
            List<Group> byRegion,
            List<Group> byChain,
            List<Group> byYear,
            List<Cell> regionReason) {}

    public record Row(
            long id,
            String code,
            String name,
            String regionName,
            String chainName,
            Stage stage,
            String reason,
            String note,
            LocalDate lostOn,
            BigDecimal totalInvestment,
            ReviewStatus reviewStatus) {}

    private static final Map<String, String> SORTS = Map.of(
            "investment", "total_investment",
            "lost", "lost_on",
            "name", "name",
            "region", "region_name");

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;

    ProjectLosses(JdbcClient jdbc, CurrentUser currentUser, Regions regions) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
    }

    /**
     * The totals and every group in one statement: the filtered projects are read once and grouped by each set at
     * the same time ({@code grouping sets}); which set a row belongs to is told by its {@code grouping()} flags.
     */
    @Transactional(readOnly = true)
    public Summary summary(Filter f) {
        var params = new HashMap<String, Object>();
        String lost = lost(f, params);
        String sql = "with lost as (" + lost + "), keyed as (select coalesce(loss_reason, '" + UNEXPLAINED
                + "') as reason_key, reason_name, region_id, region_name, chain_id, chain_name,"
                + " extract(year from lost_on)::int as yr, total_investment, review_status from lost)"
                + """
                 select grouping(reason_key) as g_reason, grouping(region_id) as g_region,
                        grouping(region_name) as g_region_name, grouping(chain_id) as g_chain, grouping(yr) as g_year,
                        reason_key, reason_name, region_id::text as region_key, region_name,
                        chain_id::text as chain_key, chain_name, yr::text as year_key, count(*) as n,
                        coalesce(sum(total_investment), 0) as investment,
                        count(*) filter (where review_status <> 'APPROVED') as unreviewed
                   from keyed
                  group by grouping sets ((), (reason_key, reason_name), (region_id, region_name),
                        (chain_id, chain_name), (yr), (region_name, reason_key))
                """;
        long[] total = {0, 0};
        BigDecimal[] sum = {BigDecimal.ZERO};
        var byReason = new ArrayList<Group>();
        var byRegion = new ArrayList<Group>();
        var byChain = new ArrayList<Group>();
        var byYear = new ArrayList<Group>();
        var cells = new ArrayList<Cell>();
        jdbc.sql(sql).params(params).query(rs -> {
            boolean reason = rs.getInt("g_reason") == 0;
            boolean regionName = rs.getInt("g_region_name") == 0;
            long n = rs.getLong("n");
            BigDecimal investment = rs.getBigDecimal("investment");
            if (reason && regionName) {
                cells.add(new Cell(rs.getString("region_name"), rs.getString("reason_key"), investment));
            } else if (reason) {
                byReason.add(new Group(rs.getString("reason_key"), rs.getString("reason_name"), n, investment));
            } else if (rs.getInt("g_region") == 0) {
                byRegion.add(new Group(rs.getString("region_key"), rs.getString("region_name"), n, investment));
            } else if (rs.getInt("g_chain") == 0) {
                byChain.add(new Group(rs.getString("chain_key"), rs.getString("chain_name"), n, investment));
            } else if (rs.getInt("g_year") == 0) {
                byYear.add(new Group(rs.getString("year_key"), rs.getString("year_key"), n, investment));
            } else {
                total[0] = n;
                sum[0] = investment;
                total[1] = rs.getLong("unreviewed");
            }
        });
        Comparator<Group> largestFirst = Comparator.comparing(Group::investment)
                .reversed()
                .thenComparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder()));
        byReason.sort(largestFirst);
        byRegion.sort(largestFirst);
        byChain.sort(largestFirst);
        byYear.sort(Comparator.comparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder())));
        cells.sort(Comparator.comparing(Cell::region).thenComparing(Cell::reason));
        return new Summary(total[0], sum[0], total[1], byReason, byRegion, byChain, byYear, cells);
    }

    /** Refuses a filter that names a region outside the caller's scope (before a file starts to stream). */
    public void check(Filter f) {
        lost(f, new HashMap<>());
    }

    /** A page of the projects the filter selects, sorted by {@code sort} (investment, lost, name, region). */
    @Transactional(readOnly = true)
    public PageResult<Row> list(Filter f, String sort, boolean desc, int page, int size) {
        var params = new HashMap<String, Object>();
        String lost = lost(f, params);
        long total = jdbc.sql("with lost as (" + lost + ") select count(*) from lost")
                .params(params)
                .query(Long.class)
                .single();
        String order = SORTS.getOrDefault(sort, "total_investment") + (desc ? " desc nulls last" : " asc nulls first");
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Row> rows = jdbc.sql("with lost as (" + lost + ") select * from lost order by " + order
                        + ", id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> row(rs))
                .list();
        return new PageResult<>(rows, total, page, size);
    }

    /** Every project the filter selects, biggest first, for the export (one statement, streamed). */
    @Transactional(readOnly = true)
    public void each(Filter f, Consumer<Row> out) {
        var params = new HashMap<String, Object>();
        String lost = lost(f, params);
        jdbc.sql("with lost as (" + lost + ") select * from lost order by total_investment desc, id")
                .params(params)
                .query(rs -> {
                    out.accept(row(rs));
                });
    }

    /**
     * The held and ended projects inside the caller's read scope and the filter, one row each with the date of the
     * step that put them where they are (the latest transition into their stage).
     */
    private String lost(Filter f, Map<String, Object> params) {
        RegionScope scope = currentUser.scope();
        params.put(RegionScope.PARAM, scope.pathPattern());
        var sql = new StringBuilder("""
                select p.id, p.code, p.name, p.region_id, r.name as region_name, p.chain_id, c.name as chain_name,
                       p.stage, p.loss_reason, lr.name as reason_name, lr.name_en as reason_name_en,
                       p.hold_reason, p.total_investment, p.review_status, t.on_date as lost_on
                  from project p
                  join region r on r.id = p.region_id
                  left join chain c on c.id = p.chain_id
                  left join loss_reason lr on lr.code = p.loss_reason
                  left join lateral (select t.on_date from project_transition t
                                      where t.project_id = p.id and t.to_stage = p.stage
                                      order by t.id desc limit 1) t on true
                 where p.stage in ('SUSPENDED', 'TERMINATED') and\s""");
        sql.append(ProjectRecords.readable(scope));
        if (f.kind() != null) {
            sql.append(" and p.stage = :kind");
            params.put("kind", f.kind() == Kind.HELD ? "SUSPENDED" : "TERMINATED");
        }
        if (f.regionId() != null) {
            Region r = regions.find(f.regionId()).orElse(null);
            if (r == null || !scope.covers(r)) {
                throw new InvalidInputException("regionId", "loss.regionOutside");
            }
            sql.append(" and p.region_id in (select fr.id from region fr where fr.path like :regionPath)");
            params.put("regionPath", r.path() + "%");
        }
        if (f.chainId() != null) {
            sql.append(" and p.chain_id = :chain");
            params.put("chain", f.chainId());
        }
        if (f.reason() != null) {
            if (UNEXPLAINED.equals(f.reason())) {
                sql.append(" and p.loss_reason is null");
            } else {
                sql.append(" and p.loss_reason = :reason");
                params.put("reason", f.reason());
            }
        }
        if (f.year() != null) {
            sql.append(" and t.on_date >= :yearFrom and t.on_date < :yearTo");
            params.put("yearFrom", LocalDate.of(f.year(), 1, 1));
            params.put("yearTo", LocalDate.of(f.year() + 1, 1, 1));
        }
        return sql.toString();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("region_name"),
                rs.getString("chain_name"),
                Stage.valueOf(rs.getString("stage")),
                rs.getString("loss_reason"),
                rs.getString("hold_reason"),
                rs.getObject("lost_on", LocalDate.class),
                rs.getBigDecimal("total_investment"),
                ReviewStatus.valueOf(rs.getString("review_status")));
    }
}
