package cn.yinfeng.targets;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue, annual targets and goal groups. City staff and administrators set targets within their scope. */
@Service
public class Targets {

    public record GoalGroup(long id, String name, List<String> indicators) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final AuditLog audit;
    private final Catalogue catalogue;

    Targets(JdbcClient jdbc, CurrentUser currentUser, Regions regions, AuditLog audit, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
        this.audit = audit;
    }

    /** The catalogue of the rule version in force today. */
    public List<Indicator> indicators() {
        return catalogue.current().indicators();
    }

    public Indicator indicator(String code) {
        return catalogue.current().indicator(code).orElseThrow(() -> new NotFoundException("indicator", code));
    }

    /** Targets of one region and year, by indicator code. */
    public Map<String, BigDecimal> targets(long regionId, int year) {
        var out = new LinkedHashMap<String, BigDecimal>();
        jdbc.sql("select indicator_code, value from target where region_id = :r and year = :y")
                .param("r", regionId)
                .param("y", year)
                .query((rs, n) -> out.put(rs.getString(1), rs.getBigDecimal(2)))
                .list();
        return out;
    }

    /** Targets of several regions for one year: by region id, then indicator code (regions without any are absent). */
    public Map<Long, Map<String, BigDecimal>> targets(Collection<Long> regionIds, int year) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        if (regionIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select region_id, indicator_code, value from target where region_id in (:r) and year = :y")
                .param("r", regionIds)
                .param("y", year)
                .query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getBigDecimal(3)))
                .list();
        return out;
    }

    public boolean canSet() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.CITY_STAFF) || u.hasRole(Role.ADMIN))
                .orElse(false);
    }

    @Transactional
    public void setTarget(long regionId, int year, String code, BigDecimal value) {
        if (!canSet()) {
            throw new AccessDeniedException("targets are set by city staff");
        }
        Region region = regions.visible(currentUser.scope(), regionId);
        indicator(code);
        if (value != null && (value.signum() < 0 || value.scale() > 2)) {
            throw new InvalidInputException("value", "validation.twoDecimals");
        }
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "validation.invalid");
        }
        if (value == null) {
            jdbc.sql("delete from target where region_id = :r and year = :y and indicator_code = :c")
                    .param("r", regionId)
                    .param("y", year)
                    .param("c", code)
                    .update();
        } else {
            jdbc.sql("""
                    insert into target (region_id, year, indicator_code, value) values (:r, :y, :c, :v)
                    on conflict (region_id, year, indicator_code) do update set value = excluded.value,
                           version = target.version + 1
                    """)
                    .param("r", regionId)
                    .param("y", year)
                    .param("c", code)
                    .param("v", value)
                    .update();
        }
        audit.record(
                "TARGET_SET",
                "target",
                region.code() + "/" + year + "/" + code,
                Outcome.SUCCESS,
                String.valueOf(value));
    }

    /**
     * Sets several targets of one region and year at once, all or none (one transaction): by indicator code, a
     * null value clearing the target. Only values that differ from the stored ones are written.
     */
    @Transactional
    public void setTargets(long regionId, int year, Map<String, BigDecimal> values) {
        Map<String, BigDecimal> current = targets(regionId, year);
        values.forEach((code, value) -> {
            BigDecimal now = current.get(code);
            boolean same = value == null ? now == null : now != null && now.compareTo(value) == 0;
            if (!same) {
                setTarget(regionId, year, code, value);
            }
        });
    }

    public List<GoalGroup> goalGroups(long regionId, int year) {
        return jdbc.sql("select id, name from goal_group where region_id = :r and year = :y order by sort_order, id")
                .param("r", regionId)
                .param("y", year)
                .query((rs, n) -> new GoalGroup(
                        rs.getLong(1),
                        rs.getString(2),
                        jdbc.sql("select indicator_code from "
                                        + "goal_group_indicator where group_id = :g order by indicator_code")
                                .param("g", rs.getLong(1))
                                .query(String.class)
                                .list()))
                .list();
    }
}
