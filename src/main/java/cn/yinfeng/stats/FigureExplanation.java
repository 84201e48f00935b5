package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorSource;
import cn.yinfeng.targets.RuleVersion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records behind a figure: every record of the region's period as of the instant under the rule version, each
 * counted (with its credit weight and what it adds) or left out with the first reason that holds. Projects, funds,
 * key projects and activities are listed from the SQL the figure is computed with ({@link ExplanationRows}); the
 * computations other modules answer, by their {@link IndicatorSource#records}. A rate lists its cohorts, each row in
 * its numerator, its denominator or both.
 */
@Component
public class FigureExplanation {

    /** Rows a page shows at most; the totals always cover every row. An export has no limit. */
    static final int LIMIT = 2000;

    /** Rows fetched from the database at a time when streaming an export. */
    static final int FETCH_SIZE = 1000;

    /** Where a row goes in its figure: the figure itself, or a rate's numerator, denominator or both. */
    public enum Part {
        FIGURE,
        NUMERATOR,
        DENOMINATOR,
        BOTH
    }

    /**
     * One record: what it is ({@code kind}: PROJECT, FUND, TRIP, VISIT, DELEGATION, TALENT, ATTENDANCE …, its id, a
     * label and a detail), its region and date, its credit weight and what it adds to the figure when counted
     * (weight included), its part, the reason it is left out (null: counted; words in {@code explain.reason.*}), the
     * record's page, and for projects and funds the origin of funds and the project's total investment.
     */
    public record Item(
            String kind,
            long id,
            String label,
            @Nullable String detail,
            String regionName,
            @Nullable LocalDate date,
            BigDecimal weight,
            @Nullable BigDecimal adds,
            Part part,
            @Nullable String reason,
            @Nullable String link,
            @Nullable String fundOrigin,
            @Nullable BigDecimal totalInvestment) {}

    /**
     * The figure with its list. {@code total} is what the figure computes from the counted rows (a rate: numerator ÷
     * denominator, to four places; null without a cohort); {@code numerator} and {@code denominator} are a rate's.
     */
    public record Explained(
            String indicator,
            String regionCode,
            String regionName,
            YearMonth from,
            YearMonth to,
            Instant asOf,
            int ruleVersion,
            boolean supported,
            @Nullable BigDecimal total,
            @Nullable BigDecimal numerator,
            @Nullable BigDecimal denominator,
            long counted,
            long leftOut,
            List<Item> items,
            boolean truncated) {}

    /** The running totals of a list, as its rows pass. */
    static final class Totals {
        private BigDecimal numerator = BigDecimal.ZERO;
        private BigDecimal denominator = BigDecimal.ZERO;
        long counted;
        long leftOut;

        void add(Item i) {
            if (i.reason() != null) {
                leftOut++;
                return;
            }
            counted++;
            BigDecimal v = i.adds() == null ? BigDecimal.ZERO : i.adds();
            if (i.part() != Part.DENOMINATOR) {
                numerator = numerator.add(v);
            }
            if (i.part() == Part.DENOMINATOR || i.part() == Part.BOTH) {
                denominator = denominator.add(v);
            }
        }

        @Nullable
        BigDecimal total(Indicator ind) {
            if (ind.unit() != Indicator.Unit.RATE) {
                return numerator;
            }
            return denominator.signum() == 0 ? null : numerator.divide(denominator, 4, RoundingMode.HALF_UP);
        }

        @Nullable
        BigDecimal numerator(Indicator ind) {
            return ind.unit() == Indicator.Unit.RATE ? numerator : null;
        }

        @Nullable
        BigDecimal denominator(Indicator ind) {
            return ind.unit() == Indicator.Unit.RATE ? denominator : null;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final List<IndicatorSource> sources;

    FigureExplanation(JdbcClient jdbc, DataSource dataSource, List<IndicatorSource> sources) {
        this.jdbc = jdbc;
        var template = new JdbcTemplate(dataSource);
        // with a fetch size (inside the caller's transaction) PostgreSQL hands rows over in batches: an export of a
        // province's year never holds its million rows
        template.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
        this.sources = sources;
    }

    /** Whether the records of this indicator are listed from the statistics' own SQL (else by its source). */
    static boolean explainsInSql(Indicator ind) {
        return ExplanationRows.listed(ind.computation());
    }

    /** The figure with the first {@link #LIMIT} rows of its list, counted first. */
    Explained explain(Region region, Indicator ind, YearMonth from, YearMonth to, Instant asOf, RuleVersion rules) {
        String rows = ExplanationRows.of(ind, rules);
        var totals = new Totals();
        var items = new ArrayList<Item>();
        boolean supported;
        if (rows != null) {
            supported = true;
            String sql = rows + """
                    select *, count(*) filter (where reason is null) over () as n_counted,
                           count(*) filter (where reason is not null) over () as n_left,
                           sum(adds) filter (where reason is null and part <> 'DENOMINATOR') over () as num,
                           sum(adds) filter (where reason is null and part in ('DENOMINATOR', 'BOTH')) over () as den
                      from rows
                    """ + ORDER + " limit " + (LIMIT + 1);
            var read = new Totals[1];
            jdbc.sql(sql).params(params(region, from, to, asOf)).query(rs -> {
                if (read[0] == null) {
                    read[0] = totals;
                    totals.counted = rs.getLong("n_counted");
                    totals.leftOut = rs.getLong("n_left");
                    totals.numerator = zero(rs.getBigDecimal("num"));
                    totals.denominator = zero(rs.getBigDecimal("den"));
                }
                items.add(item(rs));
            });
        } else {
            supported = stream(region, ind, from, to, asOf, rules, i -> {
                totals.add(i);
                if (items.size() <= LIMIT) {
                    items.add(i);
                }
            });
        }
        boolean truncated = items.size() > LIMIT;
        return new Explained(
                ind.code(),
                region.code(),
                region.name(),
                from,
                to,
                asOf,
                rules.version(),
                supported,
                supported ? totals.total(ind) : null,
                totals.numerator(ind),
                totals.denominator(ind),
                totals.counted,
                totals.leftOut,
                truncated ? List.copyOf(items.subList(0, LIMIT)) : items,
                truncated);
    }

    /** The counted rows that add most, largest first (an indicator listed in SQL; else none). */
    List<Item> largest(
            Region region, Indicator ind, YearMonth from, YearMonth to, Instant asOf, RuleVersion rules, int limit) {
        String rows = ExplanationRows.of(ind, rules);
        if (rows == null) {
            return List.of();
        }
        return jdbc.sql(rows
                        + " select * from rows where reason is null order by adds desc nulls last, id limit :limit")
                .params(params(region, from, to, asOf))
                .param("limit", limit)
                .query((rs, n) -> item(rs))
                .list();
    }

    /**
     * Every row of the list, counted first, handed to {@code sink} as it is read (run inside a transaction, so that
     * the database hands rows over {@link #FETCH_SIZE} at a time). Returns false when the indicator's records cannot
     * be listed.
     */
    boolean stream(
            Region region,
            Indicator ind,
            YearMonth from,
            YearMonth to,
            Instant asOf,
            RuleVersion rules,
            Consumer<Item> sink) {
        String rows = ExplanationRows.of(ind, rules);
        if (rows != null) {
            streaming
                    .sql(rows + " select * from rows " + ORDER)
                    .params(params(region, from, to, asOf))
                    .query(rs -> {
                        sink.accept(item(rs));
                    });
            return true;
        }
        IndicatorSource source = source(ind);
        if (source == null) {
            return false;
        }
        return source.records(
                region,
                ind.computation(),
                from.atDay(1),
                to.atEndOfMonth(),
                asOf,
                r -> sink.accept(new Item(
                        r.kind(),
                        r.id(),
                        r.label(),
                        r.detail(),
                        r.regionName(),
                        r.date(),
                        BigDecimal.ONE,
                        r.adds(),
                        Part.valueOf(r.share().name()),
                        r.reason(),
                        r.link(),
                        null,
                        null)));
    }

    /** Counted rows first; a rate's cohort of projects before the funds; then by reason, date and id. */
    private static final String ORDER = " order by reason is not null, kind desc, reason, d, id";

    private @Nullable IndicatorSource source(Indicator ind) {
        return sources.stream()
                .filter(s -> s.computations().contains(ind.computation()))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> params(Region region, YearMonth from, YearMonth to, Instant asOf) {
        var params = new HashMap<String, Object>();
        params.put("g", region.id());
        params.put("p", region.path());
        params.put("from", from.atDay(1));
        params.put("to", to.atEndOfMonth());
        params.put("fromMonth", from.atDay(1));
        params.put("toMonth", to.atDay(1));
        params.put("asOf", Timestamp.from(asOf));
        return params;
    }

    private static Item item(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        long ref = rs.getLong("ref_id");
        return new Item(
                kind,
                rs.getLong("id"),
                rs.getString("label"),
                rs.getString("detail"),
                rs.getString("region_name"),
                rs.getObject("d", LocalDate.class),
                rs.getBigDecimal("w").setScale(4, RoundingMode.HALF_UP),
                rs.getBigDecimal("adds"),
                Part.valueOf(rs.getString("part")),
                rs.getString("reason"),
                link(kind, ref),
                rs.getString("origin"),
                rs.getBigDecimal("total_investment"));
    }

    /** The page of the record a row stands for. */
    static @Nullable String link(String kind, long ref) {
        return switch (kind) {
            case "PROJECT", "FUND" -> "/projects/" + ref;
            case "TRIP", "VISIT" -> "/activities/trips/" + ref;
            case "DELEGATION" -> "/activities/delegations/" + ref;
            default -> null;
        };
    }

    private static BigDecimal zero(@Nullable BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
