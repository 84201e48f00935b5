package cn.yinfeng.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL the application runs for the benchmarked calls, rebuilt clause by clause as
 * {@code cn.yinfeng.projects.ProjectQueries} ({@code ROW_SELECT}, {@code where}, {@code list}, {@code totals}) and
 * {@code Projects.readable} build it, with the same values bound in the same order and as the same Java types (so
 * pgjdbc sends the same parameter types and the server plans it the same way). If those methods change, change
 * this class too; the harness compares the rows both return before it times anything.
 */
final class AppSql {

    /** One statement with its bound values, in order. */
    record Query(String sql, List<Object> params) {

        /** The text with {@code $1..$n} for {@code ?}: for EXPLAIN (GENERIC_PLAN), which takes no values. */
        String numbered() {
            var out = new StringBuilder();
            int n = 0;
            for (char ch : sql.toCharArray()) {
                if (ch == '?') {
                    out.append('$').append(++n);
                } else {
                    out.append(ch);
                }
            }
            return out.toString();
        }
    }

    /** ProjectQueries.ROW_SELECT */
    private static final String ROW_SELECT = """
            select p.id, p.code, p.name, r.name as region_name, c.name as chain_name, p.stage, p.total_investment,
                   p.contract_amount, p.signed_on, p.key_project, p.review_status, u.display_name as leader_name,
                   p.counted
              from project p
              join region r on r.id = p.region_id
              left join chain c on c.id = p.chain_id
              left join app_user u on u.id = p.leader_user_id
            """;

    /** Projects.readable(scope): RegionScope.where on the landing and on the attracting region. */
    private static final String READABLE = "(p.region_id in (select scope_r.id from region scope_r where scope_r.path "
            + "like ?) or p.attracting_region_id in (select scope_r.id from region scope_r where scope_r.path like ?))";

    /** The filter values the scenarios use; null means "not given". */
    record Filter(String q, String regionPath, LocalDate signedFrom, LocalDate signedTo) {
        static final Filter NONE = new Filter(null, null, null, null);
    }

    private AppSql() {}

    /** ProjectQueries.where for a caller whose region path is {@code scopePath}. */
    private static String where(Filter f, String scopePath, List<Object> params) {
        var sql = new StringBuilder(" where ").append(READABLE);
        params.add(scopePath + "%");
        params.add(scopePath + "%");
        if (f.q() != null) {
            sql.append(" and (p.name ilike ? or p.code = ?)");
            params.add("%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.add(f.q().toUpperCase());
        }
        if (f.regionPath() != null) {
            sql.append(" and p.region_id in (select fr.id from region fr where fr.path like ?)");
            params.add(f.regionPath() + "%");
        }
        if (f.signedFrom() != null) {
            sql.append(" and p.signed_on >= ?");
            params.add(f.signedFrom());
        }
        if (f.signedTo() != null) {
            sql.append(" and p.signed_on <= ?");
            params.add(f.signedTo());
        }
        return sql.toString();
    }

    /** ProjectQueries.list with sort "id", direction "desc", page size 20 and an optional cursor "id|id". */
    static Query list(Filter f, String scopePath, Long cursorId) {
        var params = new ArrayList<Object>();
        var sql = new StringBuilder(ROW_SELECT).append(where(f, scopePath, params));
        if (cursorId != null) {
            sql.append(" and (p.id, p.id) < (?, ?)");
            params.add(cursorId); // cursorValue: Long for sort "id"
            params.add(cursorId);
        }
        sql.append(" order by p.id desc, p.id desc limit ?");
        params.add(21); // page size + 1, an Integer as the app binds it
        return new Query(sql.toString(), params);
    }

    /** ProjectQueries.totals */
    static Query totals(Filter f, String scopePath) {
        var params = new ArrayList<Object>();
        String where = where(f, scopePath, params);
        return new Query("select count(*) as n, coalesce(sum(p.total_investment), 0) as ti, "
                + "coalesce(sum(p.contract_amount), 0) as ca, count(*) filter (where p.key_project) as k "
                + "from project p" + where, params);
    }
}
