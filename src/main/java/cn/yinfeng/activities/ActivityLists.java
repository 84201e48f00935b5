package cn.yinfeng.activities;

import cn.yinfeng.common.Like;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * The paged lists of each kind: the caller's scope always, then the filters of an {@link ActivityQuery} as bound
 * parameters, a total of the filtered set and one page of it.
 */
@Component
class ActivityLists {

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final Regions regions;

    ActivityLists(JdbcClient jdbc, ActivitySupport support, Regions regions) {
        this.jdbc = jdbc;
        this.support = support;
        this.regions = regions;
    }

    /** The scope and the region filter on {@code alias.region_id}; the kind adds its own filters. */
    Where where(ActivityQuery q, String alias) {
        RegionScope scope = support.scope();
        var where = new Where(q, scope.where(alias + ".region_id"));
        where.params.put(RegionScope.PARAM, scope.pathPattern());
        if (q.regionId() != null) {
            Region r = regions.find(q.regionId()).orElse(null);
            where.sql
                    .append(" and ")
                    .append(alias)
                    .append(".region_id in (select fr.id from region fr where fr.path like :filterPath)");
            where.params.put("filterPath", r == null ? "/none/" : r.path() + "%");
        }
        return where;
    }

    /**
     * {@code select} (with its joins) filtered by {@code where}: the total and the page asked for, each record
     * {@code completed} with its related rows (read for the whole page at once, see {@link #attach}).
     */
    <T> PageResult<T> page(
            String select, Where where, String order, RowMapper<T> mapper, UnaryOperator<List<T>> completed) {
        ActivityQuery q = where.query;
        String filtered = select + " where " + where.sql;
        long total = jdbc.sql("select count(*) from (" + filtered + ") as filtered")
                .params(where.params)
                .query(Long.class)
                .single();
        var rows = jdbc.sql(filtered + " order by " + order + " limit :limit offset :offset")
                .params(where.params)
                .param("limit", q.size())
                .param("offset", (long) q.page() * q.size())
                .query(mapper)
                .list();
        return new PageResult<>(completed.apply(rows), total, q.page(), q.size());
    }

    /**
     * Gives each record its related rows, read for all the records in one statement, so that a page costs the same
     * few statements whatever its size. {@code related} selects the rows of the records whose ids it is given as
     * {@code :ids} ({@code = any(:ids)}), naming the record's id {@code owner_id}, in the order a record lists them.
     */
    <T, V> List<T> attach(
            List<T> records,
            ToLongFunction<T> id,
            StatementSpec related,
            RowMapper<V> mapper,
            BiFunction<T, List<V>, T> with) {
        if (records.isEmpty()) {
            return records;
        }
        var byOwner = new HashMap<Long, List<V>>();
        related.param("ids", records.stream().map(id::applyAsLong).toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    List<V> rows = byOwner.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>());
                    rows.add(mapper.mapRow(rs, rows.size()));
                });
        return records.stream()
                .map(r -> with.apply(r, byOwner.getOrDefault(id.applyAsLong(r), List.of())))
                .toList();
    }

    /** A WHERE clause under construction: column names come from the code, every value is a bound parameter. */
    static final class Where {

        private final ActivityQuery query;
        private final StringBuilder sql;
        private final Map<String, Object> params = new HashMap<>();

        private Where(ActivityQuery query, String scope) {
            this.query = query;
            this.sql = new StringBuilder(scope);
        }

        /** Records dated by one day fall in the period. */
        Where on(String dateColumn) {
            return overlapping(dateColumn, dateColumn);
        }

        /** Records running from {@code start} to {@code end} overlap the period (a trip across its first day). */
        Where overlapping(String start, String end) {
            if (query.to() != null) {
                sql.append(" and ").append(start).append(" <= :to");
                params.put("to", query.to());
            }
            if (query.from() != null) {
                sql.append(" and ").append(end).append(" >= :from");
                params.put("from", query.from());
            }
            return this;
        }

        Where equal(String column, Long value) {
            if (value != null) {
                String param = "p" + params.size();
                sql.append(" and ").append(column).append(" = :").append(param);
                params.put(param, value);
            }
            return this;
        }

        /** The text in any of the columns, as typed: {@code %} and {@code _} match only themselves. */
        Where text(String... columns) {
            if (query.q() != null) {
                sql.append(" and (")
                        .append(String.join(" ilike :q or ", columns))
                        .append(" ilike :q)");
                params.put("q", Like.contains(query.q()));
            }
            return this;
        }
    }
}
