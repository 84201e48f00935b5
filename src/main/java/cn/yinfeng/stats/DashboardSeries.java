package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's chart series from the monthly aggregates: the signed amount by month against last year, the chain
 * mix, the stage funnel and the size bands. Run by {@link Stats#dashboard} inside its read transaction, after the
 * aggregates were brought up to date.
 */
@Component
class DashboardSeries {

    private final JdbcClient jdbc;

    DashboardSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counted signed amount (万元, credited like the indicators) per month of a year and of the year before, for the
     * trend chart: by year, twelve points each.
     */
    Map<Integer, List<Stats.Point>> monthlySigned(Region region, int year) {
        var byMonth = new LinkedHashMap<Integer, Map<Integer, BigDecimal>>();
        for (int y : new int[] {year - 1, year}) {
            var months = new LinkedHashMap<Integer, BigDecimal>();
            for (int m = 1; m <= 12; m++) {
                months.put(m, BigDecimal.ZERO);
            }
            byMonth.put(y, months);
        }
        jdbc.sql("""
                select extract(year from p.month)::int as y, extract(month from p.month)::int as m, sum(p.amount) as amount
                  from stats_project_month p
                 where p.region_id = :id and p.event = 'SIGNED' and p.counted and p.month between :from and :to
                 group by 1, 2
                """)
                .param("id", region.id())
                .param("from", LocalDate.of(year - 1, 1, 1))
                .param("to", LocalDate.of(year, 12, 1))
                .query((rs, n) -> byMonth.get(rs.getInt("y"))
                        .put(rs.getInt("m"), rs.getBigDecimal("amount").setScale(2, RoundingMode.HALF_UP)))
                .list();
        var out = new LinkedHashMap<Integer, List<Stats.Point>>();
        byMonth.forEach((y, months) -> out.put(
                y,
                months.entrySet().stream()
                        .map(e -> new Stats.Point(String.valueOf(e.getKey()), e.getValue()))
                        .toList()));
        return out;
    }

    /** Counted projects signed in the period, by chain (amount 万元). */
    List<Stats.Point> chainMix(Region region, YearMonth from, YearMonth to) {
        return jdbc.sql("""
                select coalesce(c.name, '未归链') as label, sum(x.amount) as v
                  from stats_chain_month x left join chain c on c.id = x.chain_id
                 where x.region_id = :id and x.counted and x.month between :from and :to
                 group by 1 order by 2 desc
                """)
                .param("id", region.id())
                .param("from", from.atDay(1))
                .param("to", to.atDay(1))
                .query((rs, n) -> new Stats.Point(
                        rs.getString("label"), rs.getBigDecimal("v").setScale(2, RoundingMode.HALF_UP)))
                .list();
    }

    /** Current approved projects by stage, by their own region: the funnel. */
    List<Stats.Point> funnel(Region region) {
        var out = new ArrayList<Stats.Point>();
        var counts = new LinkedHashMap<String, BigDecimal>();
        jdbc.sql("select s.stage, sum(s.projects) as n from stats_stage_month s where s.region_id = :id group by 1")
                .param("id", region.id())
                .query((rs, n) -> counts.put(rs.getString(1), rs.getBigDecimal(2)))
                .list();
        for (String s :
                List.of("RESERVE", "NEGOTIATING", "SIGNED", "REGISTERED", "STARTED", "PRODUCING", "FULL_PRODUCTION")) {
            out.add(new Stats.Point(s, counts.getOrDefault(s, BigDecimal.ZERO)));
        }
        return out;
    }

    /** Counted projects signed in the period by size band of total investment (credited like the indicators). */
    List<Stats.Point> bands(Region region, YearMonth from, YearMonth to) {
        var counts = new LinkedHashMap<Integer, BigDecimal>();
        jdbc.sql("""
                select p.band, sum(p.projects) as n from stats_project_month p
                 where p.region_id = :id and p.event = 'SIGNED' and p.counted and p.month between :from and :to
                 group by 1
                """)
                .param("id", region.id())
                .param("from", from.atDay(1))
                .param("to", to.atDay(1))
                .query((rs, n) -> counts.put(rs.getInt(1), rs.getBigDecimal(2)))
                .list();
        var labels = List.of("LT1", "1TO5", "5TO10", "GE10");
        var out = new ArrayList<Stats.Point>();
        for (int b = 0; b < labels.size(); b++) {
            BigDecimal v = counts.getOrDefault(b, BigDecimal.ZERO);
            BigDecimal whole = v.setScale(0, RoundingMode.HALF_UP);
            out.add(new Stats.Point(
                    labels.get(b), whole.compareTo(v) == 0 ? whole : v.setScale(2, RoundingMode.HALF_UP)));
        }
        return out;
    }
}
