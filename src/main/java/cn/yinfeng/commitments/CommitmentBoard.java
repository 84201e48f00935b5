package cn.yinfeng.commitments;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.common.Times;
import cn.yinfeng.regions.RegionScope;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Performance against the contracts, per county and for the red list: the same rule as {@link CommitmentRule}
 * written as SQL ({@link #STATUS}), so that a county's figures are one grouped query however large the ledger.
 * {@code CommitmentsIT} checks that the SQL and the Java rule give every commitment the same status.
 */
@Service
public class CommitmentBoard {

    /** One county's figures: projects with commitments, commitments due, kept, short, unreported, 达效 projects. */
    public record County(
            long regionId,
            String regionName,
            long projects,
            long commitments,
            long due,
            long kept,
            long shortCount,
            long unreported,
            BigDecimal investmentShort,
            long effective) {

        /** 履约率: kept of those due, percent with one decimal (null when none is due). */
        @JsonProperty
        public @Nullable BigDecimal rate() {
            return due == 0 ? null : CommitmentRule.share(BigDecimal.valueOf(kept), BigDecimal.valueOf(due));
        }
    }

    public record Board(List<County> counties, County total) {}

    /**
     * A project on the red list: how many commitments are behind, the worst share short of an amount (null when only
     * dates are behind) and the investment short.
     */
    public record Behind(
            long projectId,
            String projectCode,
            String projectName,
            String regionName,
            long behind,
            long due,
            @Nullable BigDecimal worstShare,
            BigDecimal investmentShort) {}

    /**
     * Each commitment {@code c} of project {@code p} with its status and shortfall on {@code :today}, reading the
     * actuals recorded by {@code :asOf}. Ends with the last join, so a caller may add a {@code where} on {@code c}.
     */
    static final String STATUS = """
            select c.id, c.project_id, c.kind, p.region_id,
                   case when c.kind in ('START', 'PRODUCTION') then
                          case when r.reached is not null then
                                 case when r.reached > c.due_on then 'MET_LATE' else 'MET' end
                               when :today > c.due_on then 'SHORT' else 'PENDING' end
                        when a.reported and a.by_due >= c.amount then 'MET'
                        when a.met_later then 'MET_LATE'
                        when :today <= c.due_on then 'PENDING'
                        when not a.reported then 'UNREPORTED'
                        else 'SHORT' end as status,
                   case when c.kind in ('START', 'PRODUCTION') then null
                        when c.amount > 0 then round((c.amount - coalesce(a.by_due, 0)) * 100 / c.amount, 1)
                   end as short_share,
                   case when c.kind = 'INVESTMENT' then greatest(c.amount - coalesce(a.by_due, 0), 0) else 0 end
                       as investment_short
              from project_commitment c
              join project p on p.id = c.project_id
             cross join lateral (select case c.kind when 'START' then p.started_on
                                                    when 'PRODUCTION' then p.producing_on end as reached) r
             cross join lateral (
                   select case when c.kind = 'INVESTMENT'
                               then coalesce(sum(x.amount) filter (where x.year <= extract(year from c.due_on)), 0)
                               else max(x.amount) filter (where x.year = extract(year from c.due_on)) end as by_due,
                          case when c.kind = 'INVESTMENT'
                               then count(*) filter (where x.year <= extract(year from c.due_on)) > 0
                               else count(*) filter (where x.year = extract(year from c.due_on)) > 0 end as reported,
                          case when c.kind = 'INVESTMENT'
                               then count(*) filter (where x.year > extract(year from c.due_on)) > 0
                                    and coalesce(sum(x.amount), 0) >= c.amount
                               else coalesce(bool_or(x.amount >= c.amount)
                                        filter (where x.year > extract(year from c.due_on)), false) end as met_later
                     from project_actual x
                    where x.project_id = c.project_id and x.kind = c.kind and x.recorded_at <= :asOf) a
            """;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    CommitmentBoard(JdbcClient jdbc, CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    private Map<String, Object> params() {
        RegionScope scope = currentUser.scope();
        var params = new HashMap<String, Object>();
        params.put(RegionScope.PARAM, scope.pathPattern());
        params.put("today", today());
        params.put("asOf", Timestamp.from(clock.instant()));
        return params;
    }

    /** The caller's scope on the commitment's project, inside {@link #STATUS}: only those are read at all. */
    private String scoped() {
        return currentUser.scope().where("p.region_id");
    }

    /** The counties in scope with commitments, and their total. */
    public Board board() {
        String sql = """
                with s as (%s where %s), proj as (
                    select s.project_id, s.region_id, count(*) filter (where s.status <> 'PENDING') as due,
                           bool_and(s.status in ('MET', 'MET_LATE') or s.status = 'PENDING') as none_behind,
                           count(*) filter (where s.kind in ('OUTPUT', 'TAX') and s.status in ('MET', 'MET_LATE'))
                               as output_kept
                      from s group by s.project_id, s.region_id),
                eff as (select proj.region_id, count(*) as effective from proj
                         where proj.due > 0 and proj.none_behind and proj.output_kept > 0 group by proj.region_id)
                select rg.id, rg.name, rg.path,
                       count(distinct s.project_id) as projects, count(*) as commitments,
                       count(*) filter (where s.status <> 'PENDING') as due,
                       count(*) filter (where s.status in ('MET', 'MET_LATE')) as kept,
                       count(*) filter (where s.status = 'SHORT') as short,
                       count(*) filter (where s.status = 'UNREPORTED') as unreported,
                       coalesce(sum(s.investment_short) filter (where s.status = 'SHORT'), 0) as investment_short,
                       coalesce(max(eff.effective), 0) as effective
                  from s join region rg on rg.id = s.region_id left join eff on eff.region_id = rg.id
                 group by rg.id, rg.name, rg.path order by rg.path
                """.formatted(STATUS, scoped());
        List<County> counties = jdbc.sql(sql)
                .params(params())
                .query((rs, n) -> new County(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("projects"),
                        rs.getLong("commitments"),
                        rs.getLong("due"),
                        rs.getLong("kept"),
                        rs.getLong("short"),
                        rs.getLong("unreported"),
                        rs.getBigDecimal("investment_short"),
                        rs.getLong("effective")))
                .list();
        County total = new County(
                0,
                "",
                counties.stream().mapToLong(County::projects).sum(),
                counties.stream().mapToLong(County::commitments).sum(),
                counties.stream().mapToLong(County::due).sum(),
                counties.stream().mapToLong(County::kept).sum(),
                counties.stream().mapToLong(County::shortCount).sum(),
                counties.stream().mapToLong(County::unreported).sum(),
                counties.stream().map(County::investmentShort).reduce(BigDecimal.ZERO, BigDecimal::add),
                counties.stream().mapToLong(County::effective).sum());
        return new Board(counties, total);
    }

    /**
     * The projects with commitments behind, the most behind first (count, then the worst share short). The page and
     * the number of projects behind come from one statement ({@code count(*) over ()}), so the statuses are read
     * once; only a page past the end counts again.
     */
    public PageResult<Behind> redList(@Nullable Long regionId, int page, int size) {
        String region = regionId == null ? "" : " and rg.path like (select path from region where id = :region) || '%'";
        String from = """
                with s as (%s where %s)
                select s.project_id, p.code, p.name, rg.name as region_name,
                       count(*) filter (where s.status in ('SHORT', 'UNREPORTED')) as behind,
                       count(*) filter (where s.status <> 'PENDING') as due,
                       max(s.short_share) filter (where s.status in ('SHORT', 'UNREPORTED')) as worst,
                       coalesce(sum(s.investment_short) filter (where s.status = 'SHORT'), 0) as investment_short,
                       count(*) over () as listed
                  from s join project p on p.id = s.project_id join region rg on rg.id = s.region_id
                 where true%s
                 group by s.project_id, p.code, p.name, rg.name
                having count(*) filter (where s.status in ('SHORT', 'UNREPORTED')) > 0
                """.formatted(STATUS, scoped(), region);
        var params = params();
        if (regionId != null) {
            params.put("region", regionId);
        }
        long[] listed = {0};
        var rows = jdbc.sql(from + " order by behind desc, worst desc nulls last, investment_short desc, p.code "
                        + "limit :size offset :off")
                .params(params)
                .param("size", size)
                .param("off", (long) page * size)
                .query((rs, n) -> {
                    listed[0] = rs.getLong("listed");
                    return new Behind(
                            rs.getLong("project_id"),
                            rs.getString("code"),
                            rs.getString("name"),
                            rs.getString("region_name"),
                            rs.getLong("behind"),
                            rs.getLong("due"),
                            rs.getBigDecimal("worst"),
                            rs.getBigDecimal("investment_short"));
                })
                .list();
        long total = !rows.isEmpty() || page == 0
                ? listed[0]
                : jdbc.sql("select count(*) from (" + from + ") t")
                        .params(params)
                        .query(Long.class)
                        .single();
        return new PageResult<>(rows, total, page, size);
    }

    /** Every commitment's status in scope by id, as the SQL decides it (for the agreement test and the API). */
    public Map<Long, String> statuses() {
        var out = new HashMap<Long, String>();
        jdbc.sql("with s as (" + STATUS + " where " + scoped() + ") select s.id, s.status from s")
                .params(params())
                .query((rs, n) -> out.put(rs.getLong(1), rs.getString(2)))
                .list();
        return out;
    }
}
