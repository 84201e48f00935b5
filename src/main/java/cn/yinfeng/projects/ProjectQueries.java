package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Like;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads over many projects: the filtered list with keyset pages, the totals of the filtered set, the kanban by
 * stage and a leader's own projects (duplicate candidates: {@link ProjectDuplicates}). All bound to the caller's
 * region scope.
 */
@Service
public class ProjectQueries {

    /** A list line. Amounts in 万元. */
    public record Row(
            long id,
            String code,
            String name,
            String regionName,
            String chainName,
            Stage stage,
            BigDecimal totalInvestment,
            BigDecimal contractAmount,
            LocalDate signedOn,
            boolean keyProject,
            ReviewStatus reviewStatus,
            String leaderName,
            boolean counted,
            long version) {

        public BigDecimal totalInvestmentYi() {
            return totalInvestment.movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /**
     * A page: {@code next} is the cursor of the page after this one (null at the end), {@code prev} the cursor of
     * this page's first row when there are rows before it (pass it as {@code before}); {@code page} is the 1-based
     * page number when the request said it, {@code size} the page size used.
     */
    public record Page(List<Row> rows, String next, String sort, String dir, String prev, Integer page, int size) {}

    /** How many rows a filter selects: exact up to {@link #EXACT_COUNT}, else the planner's estimate. */
    public record Count(long value, boolean exact) {}

    /**
     * Rows a page may skip by OFFSET (page N is OFFSET (N-1)×size): beyond, pages are reached by keyset only (next
     * and previous), since an OFFSET reads and throws away every row before it.
     */
    public static final int OFFSET_ROWS = 10_000;

    /** Up to this many rows a count is exact (a bounded scan); beyond it is estimated. */
    public static final int EXACT_COUNT = 10_000;

    public record Totals(long count, BigDecimal totalInvestment, BigDecimal contractAmount, long keyProjects) {}

    public record StageColumn(Stage stage, long count, BigDecimal totalInvestment, List<Row> top) {}

    /** sort name -> (SQL expression, is it numeric/date) */
    private static final Map<String, String> SORTS = Map.of(
            "id", "p.id",
            "investment", "p.total_investment",
            "signed", "coalesce(p.signed_on, date '0001-01-01')",
            "name", "p.name");

    static final String ROW_SELECT = """
            select p.id, p.code, p.name, r.name as region_name, c.name as chain_name, p.stage, p.total_investment,
                   p.contract_amount, p.signed_on, p.key_project, p.review_status, u.display_name as leader_name,
                   p.counted, p.version
              from project p
              join region r on r.id = p.region_id
              left join chain c on c.id = p.chain_id
              left join app_user u on u.id = p.leader_user_id
            """;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;

    ProjectQueries(JdbcClient jdbc, CurrentUser currentUser, Regions regions) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
    }

    /** Builds the WHERE clause of a filter inside the caller's scope. */
    private String where(ProjectFilter f, RegionScope scope, Map<String, Object> params) {
        var sql = new StringBuilder(" where ").append(ProjectRecords.readable(scope));
        params.put(RegionScope.PARAM, scope.pathPattern());
        if (f.q() != null) {
            sql.append(" and (p.name ilike :q or p.code = :code)");
            params.put("q", Like.contains(f.q()));
            params.put("code", f.q().toUpperCase());
        }
        if (f.regionId() != null) {
            var region = regions.find(f.regionId()).orElse(null);
            sql.append(" and p.region_id in (select fr.id from region fr where fr.path like :filterPath)");
            params.put("filterPath", region == null ? "/none/" : region.path() + "%");
        }
        if (f.chainId() != null) {
            sql.append(" and p.chain_id = :chainId");
            params.put("chainId", f.chainId());
        }
        if (f.stage() != null) {
            sql.append(" and p.stage = :stage");
            params.put("stage", f.stage().name());
        }
        if (f.band() != null) {
            sql.append(" and p.total_investment >= :band");
            params.put("band", f.band());
        }
        if (f.leaderId() != null) {
            sql.append(" and p.leader_user_id = :leaderId");
            params.put("leaderId", f.leaderId());
        }
        if (f.origin() != null) {
            sql.append(" and p.fund_origin = :origin");
            params.put("origin", f.origin().name());
        }
        if (f.keyProject() != null) {
            sql.append(" and p.key_project = :key");
            params.put("key", f.keyProject());
        }
        if (f.review() != null) {
            sql.append(" and p.review_status = :review");
            params.put("review", f.review().name());
        }
        if (f.signedFrom() != null) {
            sql.append(" and p.signed_on >= :signedFrom");
            params.put("signedFrom", f.signedFrom());
        }
        if (f.signedTo() != null) {
            sql.append(" and p.signed_on <= :signedTo");
            params.put("signedTo", f.signedTo());
        }
        return sql.toString();
    }

    /**
     * One keyset page: rows after {@code cursor} in the chosen order. The cursor is the last row's sort value and
     * id, so page 1000 costs what page 1 costs.
     */
    @Transactional(readOnly = true)
    public Page list(ProjectFilter filter, String sort, String dir, String cursor, int size) {
        return list(filter, sort, dir, cursor, null, null, null, size, 200);
    }

    /**
     * A numbered page: after {@code cursor} (next), before {@code before} (previous), or page {@code page} by OFFSET
     * when it starts within {@link #OFFSET_ROWS} rows (a deeper page number opens the last page so reachable).
     * {@code page} is carried along with a cursor so the pager can show where the user is.
     */
    @Transactional(readOnly = true)
    public Page page(
            ProjectFilter filter, String sort, String dir, String cursor, String before, Integer page, int size) {
        return list(filter, sort, dir, cursor, before, page, null, size, 200);
    }

    /**
     * The number of rows the filter selects in the caller's scope: counted exactly up to {@link #EXACT_COUNT} (the
     * scan stops there), estimated by the planner beyond (the list says "约" then; the totals strip counts exactly
     * in the background).
     */
    @Transactional(readOnly = true)
    public Count count(ProjectFilter filter) {
        var params = new HashMap<String, Object>();
        String where = where(filter, currentUser.scope(), params);
        params.put("cap", EXACT_COUNT + 1);
        long n = jdbc.sql("select count(*) from (select 1 from project p" + where + " limit :cap) t")
                .params(params)
                .query(Long.class)
                .single();
        if (n <= EXACT_COUNT) {
            return new Count(n, true);
        }
        params.remove("cap");
        try {
            String plan = jdbc.sql("explain (format json) select 1 from project p" + where)
                    .params(params)
                    .query(String.class)
                    .single();
            var m = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)")
                    .matcher(plan);
            if (m.find()) {
                return new Count(Math.max(EXACT_COUNT + 1, (long) Double.parseDouble(m.group(1))), false);
            }
        } catch (RuntimeException e) {
            // an estimate is a courtesy: without one the list says "more than 10,000"
        }
        return new Count(EXACT_COUNT + 1, false);
    }

    /** Keyset pages of up to 2,000 rows for streamed exports (the same query, rules and scope as the list). */
    /** One line of the funds ledger: a project's arrivals of one month and origin, summed (notes joined). */
    public record FundLine(
            long projectId,
            String code,
            String name,
            YearMonth month,
            FundOrigin origin,
            BigDecimal amount,
            String note) {}

    /**
     * The funds ledger as the import reads it back: for the projects the filter selects (inside the caller's scope),
     * one line per project, month and origin, after the line {@code after} (null: from the start), at most
     * {@code size}; months within {@code from}..{@code to} when given. Deleted records are left out.
     */
    public List<FundLine> fundLines(ProjectFilter filter, YearMonth from, YearMonth to, FundLine after, int size) {
        var params = new HashMap<String, Object>();
        var sql = new StringBuilder("""
                select p.id, p.code, p.name, f.month, f.origin, sum(f.amount) as amount,
                       string_agg(f.note, '；' order by f.id) as note
                  from project_fund f join project p on p.id = f.project_id
                """)
                .append(where(filter, currentUser.scope(), params))
                .append(" and f.deleted_at is null");
        if (from != null) {
            sql.append(" and f.month >= :fromMonth");
            params.put("fromMonth", from.atDay(1));
        }
        if (to != null) {
            sql.append(" and f.month <= :toMonth");
            params.put("toMonth", to.atDay(1));
        }
        if (after != null) {
            sql.append(" and (f.project_id, f.month, f.origin) > (:afterId, :afterMonth, :afterOrigin)");
            params.put("afterId", after.projectId());
            params.put("afterMonth", after.month().atDay(1));
            params.put("afterOrigin", after.origin().name());
        }
        sql.append(" group by p.id, p.code, p.name, f.project_id, f.month, f.origin")
                .append(" order by f.project_id, f.month, f.origin limit :limit");
        params.put("limit", Math.max(1, Math.min(size, 2000)));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new FundLine(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        YearMonth.from(rs.getObject("month", LocalDate.class)),
                        FundOrigin.valueOf(rs.getString("origin")),
                        rs.getBigDecimal("amount"),
                        rs.getString("note")))
                .list();
    }

    public Page exportPage(ProjectFilter filter, String cursor, int size) {
        return list(filter, "id", "desc", cursor, null, null, null, size, 2000);
    }

    /**
     * Keyset pages of an export in the list's sort, optionally only the projects {@code ids} names (the rows a user
     * selected; still within the filter and the caller's scope).
     */
    public Page exportPage(ProjectFilter filter, String sort, String dir, List<Long> ids, String cursor, int size) {
        return list(filter, sort, dir, cursor, null, null, ids, size, 2000);
    }

    private void cursorParams(String s, String cursor, String name, Map<String, Object> params) {
        int bar = cursor.lastIndexOf('|');
        try {
            String value = cursor.substring(0, bar);
            long id = Long.parseLong(cursor.substring(bar + 1));
            params.put(name + "Value", cursorValue(s, value));
            params.put(name + "Id", id);
        } catch (RuntimeException e) {
            throw new InvalidInputException(name, "validation.invalid");
        }
    }

    private Page list(
            ProjectFilter filter,
            String sort,
            String dir,
            String cursor,
            String before,
            Integer page,
            List<Long> ids,
            int size,
            int maxSize) {
        String s = SORTS.containsKey(sort) ? sort : "id";
        boolean desc = !"asc".equals(dir);
        String expr = SORTS.get(s);
        var params = new HashMap<String, Object>();
        var sql = new StringBuilder(ROW_SELECT).append(where(filter, currentUser.scope(), params));
        if (ids != null) {
            sql.append(" and p.id = any(:ids)");
            params.put("ids", ids.stream().limit(2000).toArray(Long[]::new));
        }
        int pageSize = Math.max(1, Math.min(size, maxSize));
        boolean after = cursor != null && !cursor.isBlank();
        // previous page: the rows just before the cursor, read in the opposite order and turned back
        boolean backwards = !after && before != null && !before.isBlank();
        if (after) {
            cursorParams(s, cursor, "cursor", params);
            sql.append(" and (")
                    .append(expr)
                    .append(", p.id) ")
                    .append(desc ? "<" : ">")
                    .append(" (:cursorValue, :cursorId)");
        } else if (backwards) {
            cursorParams(s, before, "before", params);
            sql.append(" and (")
                    .append(expr)
                    .append(", p.id) ")
                    .append(desc ? ">" : "<")
                    .append(" (:beforeValue, :beforeId)");
        }
        boolean reverse = backwards ? !desc : desc;
        sql.append(" order by ")
                .append(expr)
                .append(reverse ? " desc" : " asc")
                .append(", p.id")
                .append(reverse ? " desc" : " asc")
                .append(" limit :limit");
        params.put("limit", pageSize + 1);
        Integer number = page == null ? null : Math.max(1, page);
        if (!after && !backwards && number != null && number > 1) {
            // a page by number: OFFSET only within the first OFFSET_ROWS rows
            int reachable = Math.max(1, OFFSET_ROWS / pageSize + 1);
            number = Math.min(number, reachable);
            sql.append(" offset :offset");
            params.put("offset", (number - 1) * pageSize);
        }
        List<Row> rows = new ArrayList<>(jdbc.sql(sql.toString())
                .params(params)
                .query(ProjectQueries::row)
                .list());
        boolean more = rows.size() > pageSize;
        if (more) {
            rows = new ArrayList<>(rows.subList(0, pageSize));
        }
        String next = null;
        String prev = null;
        if (backwards) {
            java.util.Collections.reverse(rows);
            // read backwards: "more" means rows before this page; after it there is at least the cursor's row
            if (more && !rows.isEmpty()) {
                prev = cursorOf(s, rows.get(0)) + "|" + rows.get(0).id();
            }
            if (!rows.isEmpty()) {
                Row last = rows.get(rows.size() - 1);
                next = cursorOf(s, last) + "|" + last.id();
            }
        } else {
            if (more) {
                Row last = rows.get(rows.size() - 1);
                next = cursorOf(s, last) + "|" + last.id();
            }
            boolean earlier = after || (number != null && number > 1);
            if (earlier && !rows.isEmpty()) {
                prev = cursorOf(s, rows.get(0)) + "|" + rows.get(0).id();
            }
        }
        return new Page(rows, next, s, desc ? "desc" : "asc", prev, number, pageSize);
    }

    private static Object cursorValue(String sort, String value) {
        return switch (sort) {
            case "id" -> Long.parseLong(value);
            case "investment" -> new BigDecimal(value);
            case "signed" -> LocalDate.parse(value);
            default -> value;
        };
    }

    private static String cursorOf(String sort, Row r) {
        return switch (sort) {
            case "id" -> String.valueOf(r.id());
            case "investment" -> r.totalInvestment().toPlainString();
            case "signed" -> (r.signedOn() == null ? LocalDate.of(1, 1, 1) : r.signedOn()).toString();
            default -> r.name();
        };
    }

    /** Count and sums of the whole filtered set (one scan; loaded beside the list, not in its way). */
    @Transactional(readOnly = true)
    public Totals totals(ProjectFilter filter) {
        var params = new HashMap<String, Object>();
        String where = where(filter, currentUser.scope(), params);
        return jdbc.sql("select count(*) as n, coalesce(sum(p.total_investment), 0) as ti, "
                        + "coalesce(sum(p.contract_amount), 0) as ca, count(*) filter (where p.key_project) as k "
                        + "from project p" + where)
                .params(params)
                .query((rs, n) ->
                        new Totals(rs.getLong("n"), rs.getBigDecimal("ti"), rs.getBigDecimal("ca"), rs.getLong("k")))
                .single();
    }

    /** Columns of the kanban: every stage with its count, investment and the largest projects. */
    @Transactional(readOnly = true)
    public List<StageColumn> kanban(ProjectFilter filter, int perColumn) {
        var params = new HashMap<String, Object>();
        String where = where(filter, currentUser.scope(), params);
        var sums = new LinkedHashMap<Stage, Object[]>();
        jdbc.sql("select p.stage, count(*) as n, coalesce(sum(p.total_investment), 0) as ti from project p" + where
                        + " group by p.stage")
                .params(params)
                .query((rs, n) -> {
                    sums.put(Stage.valueOf(rs.getString("stage")), new Object[] {rs.getLong("n"), rs.getBigDecimal("ti")
                    });
                    return null;
                })
                .list();
        params.put("per", perColumn);
        var top = jdbc.sql("select * from ("
                        + ROW_SELECT.replace(
                                "select p.id",
                                "select row_number() over "
                                        + "(partition by p.stage order by p.total_investment desc, p.id) as rn, p.id")
                        + where
                        + ") t where rn <= :per order by total_investment desc")
                .params(params)
                .query(ProjectQueries::row)
                .list();
        var out = new ArrayList<StageColumn>();
        for (Stage s : Stage.values()) {
            Object[] v = sums.getOrDefault(s, new Object[] {0L, BigDecimal.ZERO});
            out.add(new StageColumn(
                    s,
                    (Long) v[0],
                    (BigDecimal) v[1],
                    top.stream().filter(r -> r.stage() == s).toList()));
        }
        return out;
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("region_name"),
                rs.getString("chain_name"),
                Stage.valueOf(rs.getString("stage")),
                rs.getBigDecimal("total_investment"),
                rs.getBigDecimal("contract_amount"),
                rs.getObject("signed_on", LocalDate.class),
                rs.getBoolean("key_project"),
                ReviewStatus.valueOf(rs.getString("review_status")),
                rs.getString("leader_name"),
                rs.getBoolean("counted"),
                rs.getLong("version"));
    }
}
