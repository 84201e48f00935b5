package cn.yinfeng.regions;

import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows a user may see: those of their region and of every region below it. Every query over region-owned data
 * goes through this type, so no feature can forget the scope and no scope is spliced into SQL as a value:
 *
 * <pre>{@code
 * jdbc.sql("select ... from project p where " + scope.where("p.region_id") + " and p.id = :id")
 *     .param("id", id)
 *     .param(RegionScope.PARAM, scope.pathPattern())   // or scope.bind(spec)
 * }</pre>
 *
 * The fragment holds only the column name (checked to be a plain identifier) and a bound parameter.
 */
public record RegionScope(long regionId, String path) {

    /** Name of the bound parameter used by {@link #where(String)}. */
    public static final String PARAM = "scopePath";

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    public RegionScope {
        if (path == null || !path.matches("(/\\d+)+/")) {
            throw new IllegalArgumentException("invalid region path: " + path);
        }
    }

    /** SQL condition: {@code column} names a region inside this scope. */
    public String where(String regionIdColumn) {
        if (!COLUMN.matcher(regionIdColumn).matches()) {
            throw new IllegalArgumentException("not a column name: " + regionIdColumn);
        }
        return regionIdColumn + " in (select scope_r.id from region scope_r where scope_r.path like :" + PARAM + ")";
    }

    /** Value for {@link #PARAM}. Paths hold only digits and slashes, so no LIKE wildcard can sneak in. */
    public String pathPattern() {
        return path + "%";
    }

    /** Binds {@link #PARAM} on a statement built with {@link #where(String)}. */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
        return spec.param(PARAM, pathPattern());
    }

    public boolean covers(Region region) {
        return region.path().startsWith(path);
    }
}
