package cn.yinfeng.talent;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.IndicatorSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the catalogue's talent computations for the statistics engine: {@code TALENTS_INTRODUCED} (talents whose
 * date introduced is in the period) and {@code TRAINING_ATTENDANCE} (人次: participants present at sessions held in
 * the period), each for a region and its subtree, counting only what was recorded by the as-of instant.
 */
@Component
class TalentIndicators implements IndicatorSource {

    static final String TALENTS_INTRODUCED = "TALENTS_INTRODUCED";
    static final String TRAINING_ATTENDANCE = "TRAINING_ATTENDANCE";

    private final JdbcClient jdbc;

    TalentIndicators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> computations() {
        return Set.of(TALENTS_INTRODUCED, TRAINING_ATTENDANCE);
    }

    @Override
    public Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups, Set<String> computations, LocalDate from, LocalDate to, Instant asOf) {
        var out = new LinkedHashMap<Long, Map<String, BigDecimal>>();
        if (groups.isEmpty()) {
            return out;
        }
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put("asOf", Timestamp.from(asOf));
        var values = new ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            values.add("(cast(:g" + i + " as bigint), cast(:p" + i + " as varchar))");
            params.put("g" + i, groups.get(i).id());
            params.put("p" + i, groups.get(i).path());
        }
        jdbc.sql("with grp(gid, gpath) as (values " + String.join(", ", values) + ")" + """
                 select g.gid,
                   (select count(*) from talent t join region r on r.id = t.region_id
                     where r.path like g.gpath || '%' and t.introduced_on between :from and :to
                       and t.created_at <= :asOf) as talents,
                   (select count(*) from talent_training_attendance a
                      join talent_training_session s on s.id = a.session_id
                      join talent_training_class c on c.id = s.class_id
                      join region r on r.id = c.region_id
                     where r.path like g.gpath || '%' and s.session_date between :from and :to
                       and a.created_at <= :asOf) as attendance
                  from grp g
                """)
                .params(params)
                .query((rs, n) -> {
                    var m = new HashMap<String, BigDecimal>();
                    if (computations.contains(TALENTS_INTRODUCED)) {
                        m.put(TALENTS_INTRODUCED, rs.getBigDecimal("talents"));
                    }
                    if (computations.contains(TRAINING_ATTENDANCE)) {
                        m.put(TRAINING_ATTENDANCE, rs.getBigDecimal("attendance"));
                    }
                    out.put(rs.getLong("gid"), m);
                    return null;
                })
                .list();
        return out;
    }
}
