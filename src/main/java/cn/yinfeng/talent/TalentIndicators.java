package cn.yinfeng.talent;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.IndicatorSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the catalogue's talent computations for the statistics engine: {@code TALENTS_INTRODUCED} (talents whose
 * date introduced is in the period) and {@code TRAINING_ATTENDANCE} (人次: participants present at sessions held in
 * the period), each for a region and its subtree, counting only what was recorded by the as-of instant. The figure
 * and the list of its records ({@link #records}) are built from the same pieces ({@link Piece}).
 */
@Component
class TalentIndicators implements IndicatorSource {

    static final String TALENTS_INTRODUCED = "TALENTS_INTRODUCED";
    static final String TRAINING_ATTENDANCE = "TRAINING_ATTENDANCE";

    /**
     * One computation over the talent tables, joined to region {@code r}: the date that puts a record in the period,
     * the condition under which it counts (recorded by the as-of instant), and what a list shows of it.
     */
    record Piece(
            String kind, String from, String date, String counts, String id, String label, String detail, String link) {

        String figure() {
            return "(select count(*) from " + from + " where r.path like g.gpath || '%' and " + date
                    + " between :from and :to and " + counts + ")";
        }
    }

    static final Map<String, Piece> PIECES = Map.of(
            TALENTS_INTRODUCED,
            new Piece(
                    "TALENT",
                    "talent t join region r on r.id = t.region_id",
                    "t.introduced_on",
                    "t.created_at <= :asOf",
                    "t.id",
                    "t.name",
                    "t.employer",
                    "'/talent/talents/' || t.id"),
            TRAINING_ATTENDANCE,
            new Piece(
                    "ATTENDANCE",
                    "talent_training_attendance a join talent_training_session s on s.id = a.session_id"
                            + " join talent_training_class c on c.id = s.class_id"
                            + " join talent_training_participant p on p.id = a.participant_id"
                            + " join region r on r.id = c.region_id",
                    "s.session_date",
                    "a.created_at <= :asOf",
                    "s.id * 1000000 + p.id",
                    "p.name",
                    "c.name || ' · ' || s.topic",
                    "'/talent/classes/' || c.id"));

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
        jdbc.sql("with " + IndicatorSource.groupTable(groups, params) + " select g.gid, "
                        + PIECES.get(TALENTS_INTRODUCED).figure() + " as talents, "
                        + PIECES.get(TRAINING_ATTENDANCE).figure() + " as attendance from grp g")
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

    /**
     * Every record of the period in the group's subtree: those recorded by the as-of instant (counted, each adding 1),
     * then those recorded after it ({@code RECORDED_LATER}). Only names, employers and classes are shown: no personal
     * data beyond what the talent lists show.
     */
    @Override
    public boolean records(
            Region group, String computation, LocalDate from, LocalDate to, Instant asOf, Consumer<SourceRecord> sink) {
        Piece piece = PIECES.get(computation);
        if (piece == null) {
            return false;
        }
        String sql = "with grp(gid, gpath) as (values (cast(:g as bigint), cast(:p as varchar)))"
                + " select " + piece.id() + " as id, " + piece.label() + " as label, " + piece.detail()
                + " as detail, r.name as region_name, " + piece.date() + " as d, " + piece.link() + " as link, "
                + "coalesce(" + piece.counts() + ", false) as counted from " + piece.from()
                + " join grp g on r.path like g.gpath || '%' where " + piece.date() + " between :from and :to"
                + " order by counted desc, d, id";
        jdbc.sql(sql)
                .param("g", group.id())
                .param("p", group.path())
                .param("from", from)
                .param("to", to)
                .param("asOf", Timestamp.from(asOf))
                .query(rs -> {
                    sink.accept(new SourceRecord(
                            piece.kind(),
                            rs.getLong("id"),
                            rs.getString("label"),
                            rs.getString("detail"),
                            rs.getString("region_name"),
                            rs.getObject("d", LocalDate.class),
                            BigDecimal.ONE,
                            rs.getBoolean("counted") ? null : "RECORDED_LATER",
                            rs.getString("link")));
                });
        return true;
    }
}
