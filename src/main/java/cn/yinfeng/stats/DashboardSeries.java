package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's chart series from the monthly aggregates, in one statement (one round trip): the counted signed
 * amount by month of a year and the year before (the trend), the chain mix and the size bands of the period, and
 * the stage funnel. Run by {@link Stats#dashboard} in a read transaction, after the aggregates were brought up to
 * date.
 */
@Component
class DashboardSeries {

    private static final List<String> STAGES =
            List.of("RESERVE", "NEGOTIATING", "SIGNED", "REGISTERED", "STARTED", "PRODUCING", "FULL_PRODUCTION");
    private static final List<String> BANDS = List.of("LT1", "1TO5", "5TO10", "GE10");

    /** The four series: twelve points per year of the trend, chains by amount (largest first), stages, bands. */
    record Series(
            List<Stats.Point> trend,
            List<Stats.Point> trendPrevious,
            List<Stats.Point> chains,
            List<Stats.Point> funnel,
            List<Stats.Point> bands) {}

    private record Row(String kind, int key, String label, BigDecimal value) {}

    private final JdbcClient jdbc;

    DashboardSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The series of a region: the trend over the whole year of {@code to} and the year before, the chain mix and the
     * bands over {@code from}..{@code to} (counted signings, credited like the indicators), the funnel as it stands
     * (current approved projects by stage, by their own region).
     */
    Series of(Region region, YearMonth from, YearMonth to) {
        int year = to.getYear();
        List<Row> rows = jdbc.sql("""
                select 'T' as kind, (extract(year from p.month) * 100 + extract(month from p.month))::int as key,
                       null as label, sum(p.amount) as v
                  from stats_project_month p
                 where p.region_id = :id and p.event = 'SIGNED' and p.counted and p.month between :trendFrom and :trendTo
                 group by 2
                union all
                select 'C', 0, coalesce(c.name, '未归链'), sum(x.amount)
                  from stats_chain_month x left join chain c on c.id = x.chain_id
                 where x.region_id = :id and x.counted and x.month between :from and :to
                 group by 3
                union all
                select 'F', 0, s.stage, sum(s.projects) from stats_stage_month s where s.region_id = :id group by 3
                union all
                select 'B', p.band, null, sum(p.projects)
                  from stats_project_month p
                 where p.region_id = :id and p.event = 'SIGNED' and p.counted and p.month between :from and :to
                 group by 2
                """)
                .param("id", region.id())
                .param("trendFrom", LocalDate.of(year - 1, 1, 1))
                .param("trendTo", LocalDate.of(year, 12, 1))
                .param("from", from.atDay(1))
                .param("to", to.atDay(1))
                .query((rs, n) ->
                        new Row(rs.getString("kind"), rs.getInt("key"), rs.getString("label"), rs.getBigDecimal("v")))
                .list();
        var trend = new LinkedHashMap<Integer, BigDecimal>();
        var chains = new ArrayList<Stats.Point>();
        var stages = new LinkedHashMap<String, BigDecimal>();
        var bands = new LinkedHashMap<Integer, BigDecimal>();
        for (Row r : rows) {
            switch (r.kind()) {
                case "T" -> trend.put(r.key(), money(r.value()));
                case "C" -> chains.add(new Stats.Point(r.label(), money(r.value())));
                case "F" -> stages.put(r.label(), r.value());
                default -> bands.put(r.key(), r.value());
            }
        }
        chains.sort(Comparator.comparing(Stats.Point::value)
                .reversed()
                .thenComparing(Stats.Point::label, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Series(
                months(trend, year),
                months(trend, year - 1),
                chains,
                STAGES.stream()
                        .map(s -> new Stats.Point(s, stages.getOrDefault(s, BigDecimal.ZERO)))
                        .toList(),
                bands(bands));
    }

    private static List<Stats.Point> months(Map<Integer, BigDecimal> trend, int year) {
        var out = new ArrayList<Stats.Point>();
        for (int m = 1; m <= 12; m++) {
            out.add(new Stats.Point(String.valueOf(m), trend.getOrDefault(year * 100 + m, BigDecimal.ZERO)));
        }
        return out;
    }

    /** Counts are weights (a split project counts by its share): whole numbers as such, the rest to two places. */
    private static List<Stats.Point> bands(Map<Integer, BigDecimal> counts) {
        var out = new ArrayList<Stats.Point>();
        for (int b = 0; b < BANDS.size(); b++) {
            BigDecimal v = counts.getOrDefault(b, BigDecimal.ZERO);
            BigDecimal whole = v.setScale(0, RoundingMode.HALF_UP);
            out.add(new Stats.Point(
                    BANDS.get(b), whole.compareTo(v) == 0 ? whole : v.setScale(2, RoundingMode.HALF_UP)));
        }
        return out;
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
