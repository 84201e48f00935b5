package cn.yinfeng.regions;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The region tree: reads bound to a scope, and the administrator's edits. */
@Service
public class Regions {

    /** A region as an administrator enters it. {@code version} matters only for edits. */
    public record RegionForm(
            String code,
            String name,
            String shortName,
            RegionLevel level,
            Long parentId,
            int sortOrder,
            long version) {}

    private static final String SELECT =
            "select id, code, name, short_name, level, parent_id, path, sort_order, " + "version from region";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Regions(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The scope of a user whose home is {@code regionId}. */
    public RegionScope scopeOf(long regionId) {
        Region region = find(regionId).orElseThrow(() -> new NotFoundException("region", regionId));
        return new RegionScope(region.id(), region.path());
    }

    /** Any region by id, unscoped: for the security layer and for validation, not for listing to users. */
    public Optional<Region> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(Regions::map)
                .optional();
    }

    public Optional<Region> findByCode(String code) {
        return jdbc.sql(SELECT + " where code = :code")
                .param("code", code)
                .query(Regions::map)
                .optional();
    }

    /** Any region by its name or short name, unscoped (the first made, should two share one): for validation. */
    public Optional<Region> findByName(String name) {
        return jdbc.sql(SELECT + " where name = :n or short_name = :n order by id limit 1")
                .param("n", name)
                .query(Regions::map)
                .optional();
    }

    /** The regions inside {@code scope}, in tree order. */
    public List<Region> visible(RegionScope scope) {
        return treeOrder(scope.bind(jdbc.sql(SELECT + " where " + scope.where("id")))
                .query(Regions::map)
                .list());
    }

    /** One region if it lies inside {@code scope}; otherwise "not found", whether or not it exists. */
    public Region visible(RegionScope scope, String code) {
        return scope.bind(jdbc.sql(SELECT + " where code = :code and " + scope.where("id")))
                .param("code", code)
                .query(Regions::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("region", code));
    }

    public Region visible(RegionScope scope, long id) {
        return scope.bind(jdbc.sql(SELECT + " where id = :id and " + scope.where("id")))
                .param("id", id)
                .query(Regions::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("region", id));
    }

    /** The id of the root of the tree (the first one, should there be several). */
    public long findRoot() {
        return jdbc.sql("select id from region where parent_id is null order by id limit 1")
                .query(Long.class)
                .single();
    }

    public boolean isEmpty() {
        return jdbc.sql("select count(*) from region").query(Long.class).single() == 0;
    }

    /** Creates a region below {@code form.parentId()} (which must be inside the scope), or a root if none exists. */
    @Transactional
    public long create(RegionForm form, RegionScope scope) {
        var problems = validate(form, null);
        Region parent = null;
        if (form.parentId() != null) {
            parent = scope == null ? find(form.parentId()).orElse(null) : visibleOrNull(scope, form.parentId());
            if (parent == null) {
                problems.add(new Problem("parentId", "region.parent.invalid"));
            }
        } else if (!isEmpty()) {
            problems.add(new Problem("parentId", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                insert into region (code, name, short_name, level, parent_id, sort_order)
                values (:code, :name, :shortName, :level, :parentId, :sortOrder) returning id
                """)
                .param("code", form.code().trim())
                .param("name", form.name().trim())
                .param("shortName", blankToNull(form.shortName()))
                .param("level", form.level().name())
                .param("parentId", form.parentId())
                .param("sortOrder", form.sortOrder())
                .query(Long.class)
                .single();
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        jdbc.sql("update region set path = :path where id = :id")
                .param("path", path)
                .param("id", id)
                .update();
        audit.record("REGION_CREATE", "region", form.code().trim(), Outcome.SUCCESS, "name=" + form.name());
        return id;
    }

    /** Edits a region inside the scope; moving it moves its whole subtree. */
    @Transactional
    public void update(long id, RegionForm form, RegionScope scope) {
        Region current = visible(scope, id);
        var problems = validate(form, id);
        Region parent = null;
        if (form.parentId() != null) {
            parent = visibleOrNull(scope, form.parentId());
            if (parent == null || current.covers(parent)) {
                problems.add(new Problem("parentId", "region.parent.invalid"));
            }
        } else if (current.parentId() != null) {
            problems.add(new Problem("parentId", "validation.required"));
        }
        if (current.id() == scope.regionId() && !Objects.equals(form.parentId(), current.parentId())) {
            problems.add(new Problem("parentId", "region.parent.ownRoot"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int changed = jdbc.sql("""
                update region set code = :code, name = :name, short_name = :shortName, level = :level,
                                  parent_id = :parentId, sort_order = :sortOrder, version = version + 1
                 where id = :id and version = :version
                """)
                .param("code", form.code().trim())
                .param("name", form.name().trim())
                .param("shortName", blankToNull(form.shortName()))
                .param("level", form.level().name())
                .param("parentId", form.parentId())
                .param("sortOrder", form.sortOrder())
                .param("id", id)
                .param("version", form.version())
                .update();
        ConflictException.unlessUpdated(changed, "region", form.version(), () -> {
            Region now = visible(scope, id);
            return new ConflictException.Stored(
                    now.version(), Map.of("code", now.code(), "name", now.name(), "level", now.level()));
        });
        String newPath = (parent == null ? "/" : parent.path()) + id + "/";
        if (!newPath.equals(current.path())) {
            jdbc.sql("update region set path = :newPath || substr(path, :cut) where path like :old")
                    .param("newPath", newPath)
                    .param("cut", current.path().length() + 1)
                    .param("old", current.path() + "%")
                    .update();
        }
        audit.record(
                "REGION_UPDATE",
                "region",
                form.code().trim(),
                Outcome.SUCCESS,
                "before=" + current.name() + "/" + current.path() + " after=" + form.name() + "/" + newPath);
    }

    private Region visibleOrNull(RegionScope scope, long id) {
        try {
            return visible(scope, id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private List<Problem> validate(RegionForm form, Long selfId) {
        var problems = new ArrayList<Problem>();
        if (form.code() == null || !form.code().trim().matches("[0-9A-Za-z-]{2,32}")) {
            problems.add(new Problem("code", "region.code.invalid"));
        } else {
            findByCode(form.code().trim())
                    .filter(r -> selfId == null || r.id() != selfId)
                    .ifPresent(r -> problems.add(new Problem("code", "region.code.taken")));
        }
        if (form.name() == null || form.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else if (form.name().trim().length() > 100) {
            problems.add(new Problem("name", "validation.tooLong", 100));
        }
        if (form.level() == null) {
            problems.add(new Problem("level", "validation.required"));
        }
        return problems;
    }

    /** Parents before children, siblings by sort order then code. */
    static List<Region> treeOrder(List<Region> regions) {
        var children = new HashMap<Long, List<Region>>();
        var ids = new HashSet<Long>();
        regions.forEach(r -> ids.add(r.id()));
        var roots = new ArrayList<Region>();
        for (Region r : regions) {
            if (r.parentId() == null || !ids.contains(r.parentId())) {
                roots.add(r);
            } else {
                children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
            }
        }
        var order = Comparator.comparingInt(Region::sortOrder).thenComparing(Region::code);
        var out = new ArrayList<Region>(regions.size());
        var stack = new ArrayDeque<Region>();
        roots.sort(order.reversed());
        roots.forEach(stack::push);
        while (!stack.isEmpty()) {
            Region r = stack.pop();
            out.add(r);
            var kids = children.getOrDefault(r.id(), List.of());
            var sorted = new ArrayList<>(kids);
            sorted.sort(order.reversed());
            sorted.forEach(stack::push);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Region map(ResultSet rs, int row) throws SQLException {
        return new Region(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("short_name"),
                RegionLevel.valueOf(rs.getString("level")),
                (Long) rs.getObject("parent_id"),
                rs.getString("path"),
                rs.getInt("sort_order"),
                rs.getLong("version"));
    }
}
