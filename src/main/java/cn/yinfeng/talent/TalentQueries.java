package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reads every talent record shares, all inside the caller's region scope: one record by id (outside the scope
 * the same 404 as a missing one) and one page of a searched, sorted list.
 */
@Component
class TalentQueries {

    /**
     * How a list is read: {@code select} names the record table with {@code alias} and joins {@code region r};
     * free text searches {@code textExpr}, the year {@code dateExpr}; the sort is one of {@code sorts}.
     */
    record ListSpec<T>(
            String select,
            String alias,
            String textExpr,
            String dateExpr,
            Map<String, String> sorts,
            String defaultSort,
            RowMapper<T> mapper) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;

    TalentQueries(JdbcClient jdbc, CurrentUser currentUser, Regions regions) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** One record of {@code select} (record table as {@code alias}) by id, if the caller's scope holds it. */
    <T> T one(String select, String alias, long id, String table, RowMapper<T> mapper) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(select + " where " + alias + ".id = :id and " + scope.where(alias + ".region_id")))
                .param("id", id)
                .query(mapper)
                .optional()
                .orElseThrow(() -> new NotFoundException(table, id));
    }

    <T> PageResult<T> list(ListSpec<T> spec, ListQuery q) {
        return list(spec, q, null);
    }

    /** One page of a list; {@code extra} ("c.kind = :kind", value) narrows further, or null. */
    <T> PageResult<T> list(ListSpec<T> spec, ListQuery q, Map.Entry<String, String> extra) {
        RegionScope scope = currentUser.scope();
        var params = new HashMap<String, Object>();
        params.put(RegionScope.PARAM, scope.pathPattern());
        String where = where(spec, q, extra, scope, params);
        String sortExpr = spec.sorts()
                .getOrDefault(
                        q.sort() == null ? spec.defaultSort() : q.sort(),
                        spec.sorts().get(spec.defaultSort()));
        String dir = q.sort() == null ? "desc" : (q.asc() ? "asc" : "desc");
        long total = jdbc.sql("select count(*) from (" + spec.select() + where + ") counted")
                .params(params)
                .query(Long.class)
                .single();
        int size = q.sizeOrDefault();
        int page = q.pageOrZero();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<T> rows = jdbc.sql(spec.select() + where + " order by " + sortExpr + " " + dir + ", " + spec.alias()
                        + ".id " + dir + " limit :limit offset :offset")
                .params(params)
                .query(spec.mapper())
                .list();
        return new PageResult<>(rows, total, page, size);
    }

    private String where(
            ListSpec<?> spec,
            ListQuery q,
            Map.Entry<String, String> extra,
            RegionScope scope,
            Map<String, Object> params) {
        String alias = spec.alias();
        var where = new StringBuilder(" where ").append(scope.where(alias + ".region_id"));
        if (!TalentChecks.blank(q.q())) {
            where.append(" and (").append(spec.textExpr()).append(") ilike :q");
            params.put("q", Like.contains(q.q().trim()));
        }
        if (q.regionId() != null) {
            Region region = regions.find(q.regionId()).orElse(null);
            where.append(" and ")
                    .append(alias)
                    .append(".region_id in (select fr.id from region fr where fr.path like :rf)");
            params.put("rf", region == null ? "/none/" : region.path() + "%");
        }
        if (q.year() != null) {
            where.append(" and ").append(spec.dateExpr()).append(" between :yFrom and :yTo");
            params.put("yFrom", LocalDate.of(q.year(), 1, 1));
            params.put("yTo", LocalDate.of(q.year(), 12, 31));
        }
        if (extra != null) {
            where.append(" and ").append(extra.getKey());
            params.put(extra.getKey().substring(extra.getKey().indexOf(':') + 1), extra.getValue());
        }
        return where.toString();
    }
}
