package cn.yinfeng.stats;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.ProjectCredits;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.targets.Catalogue;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.RuleVersion;
import cn.yinfeng.targets.Targets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What leaders and the assessment read: indicators for a region and a period ("1-N月", cumulative from January by
 * default), with the previous year's value and 同比, the annual target, completion, 序时进度 and a light; rankings
 * of the units below a region; and the series the dashboard draws.
 */
@Service
public class Stats {

    public enum Light {
        GREEN,
        YELLOW,
        RED
    }

    /** One indicator for one region and period. Amounts in 万元; rates as fractions (0.8123 = 81.23%). */
    public record Line(
            String code,
            String name,
            Indicator.Unit unit,
            BigDecimal value,
            BigDecimal previousYear,
            BigDecimal yoy,
            BigDecimal target,
            BigDecimal completion,
            BigDecimal schedule,
            BigDecimal aheadOfSchedule,
            Light light) {}

    /** The rule version a summary was computed under, and why that one. */
    public record RulesUsed(int version, LocalDate effectiveFrom, RuleBasis.Kind basis, String note) {}

    /**
     * A region's figures for a period. {@code asOfRecords}: for a past "as of", what it read differently from today's
     * ledger (back-filled records read as first recorded, records begun later); null otherwise. {@code splits}: the
     * split credits of the period's signings not confirmed by the attracting county (待确认, 有异议); null when none.
     */
    public record Summary(
            String regionCode,
            String regionName,
            YearMonth from,
            YearMonth to,
            Instant asOf,
            List<Line> indicators,
            RulesUsed rules,
            AsOfRecords.@Nullable Note asOfRecords,
            ProjectCredits.@Nullable Open splits) {

        public Line get(String code) {
            return indicators.stream()
                    .filter(l -> l.code().equals(code))
                    .findFirst()
                    .orElse(null);
        }
    }

    public record Rank(
            int rank,
            String regionCode,
            String regionName,
            BigDecimal value,
            BigDecimal target,
            BigDecimal completion,
            Light light) {}

    public record Point(String label, BigDecimal value) {}

    private final StatsEngine engine;
    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final BigDecimal yellowShare;
    private final StatsAggregates aggregates;
    private final TransactionTemplate readOnly;
    private final Catalogue catalogue;
    private final FigureExplanation explanation;
    private final AsOfRecords asOfRecords;
    private final ProjectCredits credits;
    private final DashboardSeries series;
    private final Executor parallel;

    Stats(
            StatsEngine engine,
            Targets targets,
            Regions regions,
            CurrentUser currentUser,
            JdbcClient jdbc,
            Clock clock,
            @Value("${yinfeng.stats.yellow-share:0.10}") BigDecimal yellowShare,
            StatsAggregates aggregates,
            PlatformTransactionManager transactions,
            Catalogue catalogue,
            FigureExplanation explanation,
            AsOfRecords asOfRecords,
            ProjectCredits credits,
            DashboardSeries series,
            @Qualifier("statsParallel") Executor parallel) {
        this.parallel = parallel;
        this.credits = credits;
        this.series = series;
        this.asOfRecords = asOfRecords;
        this.explanation = explanation;
        this.catalogue = catalogue;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.engine = engine;
        this.aggregates = aggregates;
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.clock = clock;
        this.yellowShare = yellowShare;
    }

    /** The region by code inside the caller's scope (their own region when no code is given). */
    public Region region(String code) {
        RegionScope scope = currentUser.scope();
        return code == null || code.isBlank() ? regions.visible(scope, scope.regionId()) : regions.visible(scope, code);
    }

    public Summary summary(String regionCode, YearMonth from, YearMonth to, LocalDate asOf) {
        return summary(regionCode, from, to, asOf, RuleBasis.CURRENT);
    }

    public Summary summary(String regionCode, YearMonth from, YearMonth to, LocalDate asOf, RuleBasis basis) {
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "stats.period.order");
        }
        Region region = region(regionCode);
        fresh();
        return read(() -> summaryIn(region, from, to, asOf, basis));
    }

    /** The records behind one figure: counted, and left out with the reason (see {@link FigureExplanation}). */
    public FigureExplanation.Explained explain(
            String regionCode, String code, YearMonth from, YearMonth to, LocalDate asOf, RuleBasis basis) {
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "stats.period.order");
        }
        Region region = region(regionCode);
        RuleVersion rules = rules(basis, to);
        Indicator ind = rules.indicator(code).orElseThrow(() -> new NotFoundException("indicator", code));
        return read(() -> explanation.explain(region, ind, from, to, asOfInstant(asOf), rules));
    }

    /**
     * The {@code limit} counted records that add most to a figure of a region's months, as of an instant under a rule
     * version (a publication's): the largest projects signed in a 简报.
     */
    public List<FigureExplanation.Item> largest(
            Region region, String code, YearMonth from, YearMonth to, Instant asOf, int ruleVersion, int limit) {
        RuleVersion rules = catalogue.version(ruleVersion);
        Indicator ind = rules.indicator(code).orElseThrow(() -> new NotFoundException("indicator", code));
        return read(() -> explanation.largest(region, ind, from, to, asOf, rules, limit));
    }

    /** What a read as of a past day takes differently from today's ledger (see {@link AsOfRecords}); null: nothing. */
    public AsOfRecords.@Nullable Note asOfRecords(String regionCode, YearMonth from, YearMonth to, LocalDate asOf) {
        Region region = region(regionCode);
        return read(() -> asOfRecords.of(region, from, to, asOfInstant(asOf)));
    }

    /** The rule version a basis names for a period. */
    public RuleVersion rules(RuleBasis basis, YearMonth to) {
        return switch (basis.kind()) {
            case CURRENT -> catalogue.current();
            case PERIOD -> catalogue.inForce(to.atEndOfMonth());
            case VERSION -> catalogue.version(basis.version());
        };
    }

    /**
     * The summary of a region the caller has already resolved: no scope check, for jobs that run without a user
     * (supervision's 序时进度 warnings). Pages and the API go through {@link #summary}.
     */
    public Summary summaryOf(Region region, YearMonth from, YearMonth to, LocalDate asOf) {
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "stats.period.order");
        }
        fresh();
        return read(() -> summaryIn(region, from, to, asOf, RuleBasis.CURRENT));
    }

    private Summary summaryIn(Region region, YearMonth from, YearMonth to, LocalDate asOf, RuleBasis basis) {
        Instant at = asOfInstant(asOf);
        RuleVersion rules = rules(basis, to);
        List<Indicator> indicators = rules.indicators();
        Instant historical = asOf == null ? null : at; // null: now, from the aggregates
        var now = engine.compute(List.of(region), indicators, from.atDay(1), to.atEndOfMonth(), historical, rules)
                .get(region.id());
        var before = engine.compute(
                        List.of(region),
                        indicators,
                        from.minusYears(1).atDay(1),
                        to.minusYears(1).atEndOfMonth(),
                        historical,
                        rules)
                .get(region.id());
        Map<String, BigDecimal> yearTargets =
                from.getYear() == to.getYear() ? targets.targets(region.id(), to.getYear()) : Map.of();
        var lines = new ArrayList<Line>();
        for (Indicator ind : indicators) {
            lines.add(line(
                    ind, now.get(ind.code()), before.get(ind.code()), yearTargets.get(ind.code()), to.getMonthValue()));
        }
        return new Summary(
                region.code(),
                region.name(),
                from,
                to,
                at,
                lines,
                new RulesUsed(rules.version(), rules.effectiveFrom(), basis.kind(), rules.note()),
                asOf == null ? null : asOfRecords.of(region, from, to, at),
                openSplits(region, from, to, at));
    }

    private ProjectCredits.@Nullable Open openSplits(Region region, YearMonth from, YearMonth to, Instant at) {
        ProjectCredits.Open open = credits.open(region, from.atDay(1), to.atEndOfMonth(), at);
        return open.pending() + open.disputed() == 0 ? null : open;
    }

    Line line(Indicator ind, BigDecimal value, BigDecimal previous, BigDecimal target, int elapsedMonths) {
        BigDecimal yoy = null;
        if (ind.unit() != Indicator.Unit.RATE && value != null && previous != null && previous.signum() != 0) {
            yoy = value.subtract(previous).divide(previous, 4, RoundingMode.HALF_UP);
        } else if (ind.unit() == Indicator.Unit.RATE && value != null && previous != null) {
            yoy = value.subtract(previous); // for rates, 同比 is the change in points
        }
        BigDecimal completion = null;
        BigDecimal schedule = null;
        BigDecimal ahead = null;
        Light light = null;
        if (target != null && target.signum() > 0 && value != null) {
            completion = value.divide(target, 4, RoundingMode.HALF_UP);
            if (ind.unit() == Indicator.Unit.RATE) {
                light = value.compareTo(target) >= 0
                        ? Light.GREEN
                        : value.compareTo(target.multiply(BigDecimal.ONE.subtract(yellowShare))) >= 0
                                ? Light.YELLOW
                                : Light.RED;
            } else {
                schedule = target.multiply(BigDecimal.valueOf(elapsedMonths))
                        .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
                ahead = value.subtract(schedule);
                light = lightFor(value, schedule);
            }
        }
        return new Line(
                ind.code(),
                ind.name(LocaleContextHolder.getLocale()),
                ind.unit(),
                value,
                previous,
                yoy,
                target,
                completion,
                schedule,
                ahead,
                light);
    }

    /** Green on or ahead of 序时进度; yellow behind by up to the configured share of it; red beyond. */
    Light lightFor(BigDecimal value, BigDecimal schedule) {
        if (value.compareTo(schedule) >= 0) {
            return Light.GREEN;
        }
        BigDecimal floor = schedule.multiply(BigDecimal.ONE.subtract(yellowShare));
        return value.compareTo(floor) >= 0 ? Light.YELLOW : Light.RED;
    }

    /** The units directly below a region ranked by an indicator; ties share a rank (1, 2, 2, 4). */
    public List<Rank> ranking(
            String regionCode,
            String indicatorCode,
            YearMonth from,
            YearMonth to,
            LocalDate asOf,
            boolean byCompletion) {
        Place place = place(regionCode);
        RuleVersion rules = catalogue.current();
        Indicator indicator =
                rules.indicator(indicatorCode).orElseThrow(() -> new NotFoundException("indicator", indicatorCode));
        fresh();
        return read(() -> ranking(place.units(), indicator, from, to, asOf, byCompletion, rules));
    }

    /** A region inside the caller's scope and the units directly below it that the caller sees. */
    private record Place(Region region, List<Region> units) {}

    /**
     * The region by code (the caller's own when no code is given) and its units, from one read of the caller's
     * regions; a region outside the scope is "not found", as for {@link #region}.
     */
    private Place place(@Nullable String code) {
        RegionScope scope = currentUser.scope();
        List<Region> visible = regions.visible(scope);
        boolean own = code == null || code.isBlank();
        Region region = visible.stream()
                .filter(r -> own ? r.id() == scope.regionId() : r.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("region", own ? String.valueOf(scope.regionId()) : code));
        List<Region> units = visible.stream()
                .filter(r -> r.parentId() != null && r.parentId() == region.id())
                .toList();
        return new Place(region, units);
    }

    private List<Rank> ranking(
            List<Region> units,
            Indicator ind,
            YearMonth from,
            YearMonth to,
            LocalDate asOf,
            boolean byCompletion,
            RuleVersion rules) {
        var values = engine.compute(
                units, List.of(ind), from.atDay(1), to.atEndOfMonth(), asOf == null ? null : asOfInstant(asOf), rules);
        Map<Long, Map<String, BigDecimal>> unitTargets = from.getYear() == to.getYear()
                ? targets.targets(units.stream().map(Region::id).toList(), to.getYear())
                : Map.of();
        var rows = new ArrayList<Rank>();
        for (Region u : units) {
            BigDecimal v = values.get(u.id()).get(ind.code());
            BigDecimal t = unitTargets.getOrDefault(u.id(), Map.of()).get(ind.code());
            Line l = line(ind, v, null, t, to.getMonthValue());
            rows.add(new Rank(0, u.code(), u.name(), v, t, l.completion(), l.light()));
        }
        Comparator<Rank> order = Comparator.comparing(
                        (Rank r) -> byCompletion ? r.completion() : r.value(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed();
        rows.sort(order.thenComparing(Rank::regionCode));
        var ranked = new ArrayList<Rank>();
        for (int i = 0; i < rows.size(); i++) {
            Rank r = rows.get(i);
            BigDecimal key = byCompletion ? r.completion() : r.value();
            int rank = i + 1;
            if (i > 0) {
                Rank prev = ranked.get(i - 1);
                BigDecimal prevKey = byCompletion ? prev.completion() : prev.value();
                if (key == null ? prevKey == null : prevKey != null && key.compareTo(prevKey) == 0) {
                    rank = prev.rank();
                }
            }
            ranked.add(
                    new Rank(rank, r.regionCode(), r.regionName(), r.value(), r.target(), r.completion(), r.light()));
        }
        return ranked;
    }

    /** What the dashboard draws, every series from the monthly aggregates (brought up to date first). */
    public record Dashboard(
            int year,
            List<Point> trend,
            List<Point> trendPrevious,
            List<Rank> ranking,
            List<Point> chains,
            List<Point> funnel,
            List<Point> bands) {}

    /**
     * The dashboard of a region up to a month. The ranking (the heaviest read) runs on a second connection while this
     * thread reads the series: the answer waits for the slower of the two, not for both. Neither holds a connection
     * while it waits for the other, so a full pool slows the dashboard down but cannot deadlock it.
     */
    public Dashboard dashboard(String regionCode, YearMonth end) {
        Place place = place(regionCode);
        Region region = place.region();
        RuleVersion rules = catalogue.current();
        Indicator signed =
                rules.indicator("SIGNED_AMOUNT").orElseThrow(() -> new NotFoundException("indicator", "SIGNED_AMOUNT"));
        List<Region> units = place.units();
        YearMonth from = end.withMonth(1);
        fresh();
        CompletableFuture<List<Rank>> ranking = CompletableFuture.supplyAsync(
                () -> read(() -> ranking(units, signed, from, end, null, false, rules)), parallel);
        DashboardSeries.Series s = read(() -> series.of(region, from, end));
        return new Dashboard(
                end.getYear(), s.trend(), s.trendPrevious(), join(ranking), s.chains(), s.funnel(), s.bands());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The latest month with a counted signing in a region's subtree: where a reader wants to land. */
    public YearMonth latestMonth(Region region) {
        fresh();
        LocalDate d = read(() -> jdbc.sql("""
                select max(p.month) from stats_project_month p where p.region_id = :id and p.event = 'SIGNED'
                """)
                .param("id", region.id())
                .query(LocalDate.class)
                .optional()
                .orElse(null));
        return d == null ? YearMonth.now(clock.withZone(Projects.ZONE)) : YearMonth.from(d);
    }

    /**
     * Brings the aggregates up to date, in a transaction of its own, before the caller's read transaction begins:
     * never inside it, where it would need a second connection (see {@link StatsEngine#compute}).
     */
    private void fresh() {
        if (!TransactionSynchronizationManager.isActualTransactionActive() && aggregates.dirty()) {
            aggregates.refreshDirty();
        }
    }

    /** One read-only transaction for the statements of one answer (on the replica when one is configured). */
    private <T> T read(Supplier<T> body) {
        return readOnly.execute(status -> body.get());
    }

    Instant asOfInstant(LocalDate asOf) {
        if (asOf == null) {
            return clock.instant();
        }
        // "as of" a date means at the end of that day, Beijing time
        return asOf.plusDays(1).atStartOfDay(Projects.ZONE).toInstant().minusNanos(1000);
    }
}
