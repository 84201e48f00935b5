package cn.yinfeng.activities;

import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The calendar: every kind of activity in scope between two dates as one list of entries, and the trips of each
 * leader. Each kind keeps its own rules ({@link Trips}, {@link Delegations}, {@link Talks}, {@link Events}).
 */
@Service
public class Activities {

    /** One line of the calendar and the activity list. */
    public record Entry(
            String type,
            long id,
            LocalDate date,
            LocalDate endDate,
            String title,
            String regionName,
            String who,
            ActivityStatus status) {}

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final Regions regions;

    Activities(JdbcClient jdbc, ActivitySupport support, Regions regions) {
        this.jdbc = jdbc;
        this.support = support;
        this.regions = regions;
    }

    /** All activities in scope between two dates (calendar and list), optionally of one type or leader. */
    public List<Entry> entries(LocalDate from, LocalDate to, Long regionId, String type, Long leaderId) {
        RegionScope scope = support.scope();
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put(RegionScope.PARAM, scope.pathPattern());
        String regionFilter = "";
        if (regionId != null) {
            Region r = regions.find(regionId).orElse(null);
            params.put("rf", r == null ? "/none/" : r.path() + "%");
            regionFilter = " and %s in (select id from region where path like :rf)";
        }
        var parts = new ArrayList<String>();
        if (type == null || type.equals("TRIP")) {
            parts.add("select 'TRIP' as type, t.id, t.start_date as d, t.end_date as e, t.title, r.name as region, "
                    + "t.leader_name as who, t.status from trip t join region r on r.id = t.region_id where "
                    + scope.where("t.region_id") + " and t.start_date <= :to and t.end_date >= :from"
                    + regionFilter.formatted("t.region_id")
                    + (leaderId == null ? "" : " and t.leader_user_id = :leader"));
        }
        if (leaderId == null && (type == null || type.equals("DELEGATION"))) {
            parts.add("select 'DELEGATION', d.id, d.visit_date, d.visit_date, d.title, r.name, d.host_name, d.status "
                    + "from delegation d join region r on r.id = d.region_id where " + scope.where("d.region_id")
                    + " and d.visit_date between :from and :to" + regionFilter.formatted("d.region_id"));
        }
        if (leaderId == null && (type == null || type.equals("TALK"))) {
            parts.add("select 'TALK', t.id, t.talk_date, t.talk_date, e.name, r.name, t.participants, t.status "
                    + "from talk t join region r on r.id = t.region_id join enterprise e on e.id = t.enterprise_id "
                    + "where " + scope.where("t.region_id") + " and t.talk_date between :from and :to"
                    + regionFilter.formatted("t.region_id"));
        }
        if (leaderId == null && (type == null || type.equals("EVENT"))) {
            parts.add("select 'EVENT', ev.id, ev.event_date, ev.event_date, ev.title, r.name, ev.place, ev.status "
                    + "from event ev join region r on r.id = ev.region_id where " + scope.where("ev.region_id")
                    + " and ev.event_date between :from and :to" + regionFilter.formatted("ev.region_id"));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        if (leaderId != null) {
            params.put("leader", leaderId);
        }
        return jdbc.sql(String.join(" union all ", parts) + " order by 3 desc, 2 desc limit 1000")
                .params(params)
                .query((rs, n) -> new Entry(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        ActivityStatus.valueOf(rs.getString(8))))
                .list();
    }

    /** Leaders with their trips in a period (the per-leader list). */
    public Map<String, List<Entry>> byLeader(LocalDate from, LocalDate to) {
        var out = new LinkedHashMap<String, List<Entry>>();
        for (Entry e : entries(from, to, null, "TRIP", null)) {
            out.computeIfAbsent(e.who(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }
}
