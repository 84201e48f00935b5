package cn.yinfeng.reconcile;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.stats.AsOfRecords;
import cn.yinfeng.stats.Stats;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.Targets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks a text against the ledger: extracts its claims ({@link ClaimExtractor}) and, for each, reads the same
 * indicator, region and period from {@link Stats#summary} as of the text's date, inside the caller's scope. A claim
 * agrees within the rounding the text used (941.5亿元 agrees with any amount that rounds to it), a lower bound
 * (50余次) when the ledger reaches it, an approximate value (近/约) within the configured tolerance.
 */
@Service
public class ReconcileService {

    public enum Verdict {
        AGREES,
        DISAGREES,
        CANNOT_CHECK
    }

    /** Largest text accepted (characters): a long work report is far below it. */
    public static final int MAX_TEXT = 200_000;

    /** A request to check a text. {@code region} is the default region's code, {@code date} the text's date. */
    public record Request(String text, LocalDate date, String region) {}

    /**
     * One claim with its verdict. Values in the claim's unit family: 万元, 万美元, a count, or percent (a growth rate
     * or, for {@code completion}, the share of the annual target). {@code reason} is a message key, {@code
     * reasonDetail} its argument when it has one (the words of an unmapped value). An unmapped value has {@code
     * indicator} {@value Claim#UNMAPPED}.
     */
    public record Checked(
            int index,
            int sentence,
            int start,
            int end,
            String written,
            String indicator,
            String indicatorName,
            String keyword,
            String unit,
            BigDecimal value,
            Claim.Qualifier qualifier,
            boolean growth,
            Boolean completion,
            String regionCode,
            String regionName,
            YearMonth from,
            YearMonth to,
            String periodText,
            Verdict verdict,
            String reason,
            String reasonDetail,
            BigDecimal ledgerValue,
            String claimShown,
            String ledgerShown,
            String link) {

        /** A check saved before completion claims existed reads as none. */
        public Checked {
            completion = Boolean.TRUE.equals(completion);
        }
    }

    public record Sentence(int index, int segment, String text) {}

    public record Result(
            LocalDate date,
            String region,
            String regionName,
            List<Sentence> sentences,
            List<Checked> claims,
            int agrees,
            int disagrees,
            int cannotCheck,
            List<AsOf> asOf) {

        public Result {
            asOf = asOf == null ? List.of() : asOf; // checks saved without the notes
        }
    }

    /**
     * A figure the check read as of the text's date that differs from today's ledger: back-filled records read as
     * first recorded, or records begun only after that date (see {@link AsOfRecords}).
     */
    public record AsOf(String regionName, YearMonth from, YearMonth to, AsOfRecords.Note note) {}

    private final ClaimExtractorFactory extractors;
    private final Stats stats;
    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final BigDecimal tolerance;
    private final MessageSource messages;

    ReconcileService(
            ClaimExtractorFactory extractors,
            Stats stats,
            Targets targets,
            Regions regions,
            CurrentUser currentUser,
            @Value("${yinfeng.reconcile.approx-tolerance:0.10}") BigDecimal tolerance,
            MessageSource messages) {
        this.messages = messages;
        this.extractors = extractors;
        this.stats = stats;
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.tolerance = tolerance;
    }

    public BigDecimal tolerance() {
        return tolerance;
    }

    /**
     * Where a check reads its figures: a region's summary for a period, empty when there is none. The ledger's
     * statistics as of the text's date by default; a published report's frozen figures when a text written from it
     * is checked.
     */
    @FunctionalInterface
    public interface Figures {
        Optional<Stats.Summary> summary(String regionCode, YearMonth from, YearMonth to);
    }

    public Result check(Request request) {
        return check(request, (region, from, to) -> {
            try {
                return Optional.of(stats.summary(region, from, to, request.date()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Checks a text against the given figures (the caller's scope still decides which regions may be read). */
    public Result check(Request request, Figures figures) {
        String text = request.text() == null ? "" : request.text();
        if (text.isBlank()) {
            throw new InvalidInputException("text", "reconcile.text.required");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "reconcile.text.tooLong", MAX_TEXT);
        }
        RegionScope scope = currentUser.scope();
        Region defaultRegion;
        if (request.region() == null || request.region().isBlank()) {
            defaultRegion = regions.visible(scope, scope.regionId());
        } else {
            try {
                defaultRegion = regions.visible(scope, request.region().trim());
            } catch (NotFoundException e) {
                throw new InvalidInputException("region", "reconcile.region.unknown");
            }
        }
        var extraction = extractors.extractor().extract(text, request.date(), defaultRegion.code());
        Map<String, Indicator> catalogue = new HashMap<>();
        for (Indicator i : targets.indicators()) {
            catalogue.put(i.code(), i);
        }
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Optional<Stats.Summary>> summaries = new LinkedHashMap<>();
        List<Checked> out = new ArrayList<>();
        int agrees = 0;
        int disagrees = 0;
        int cannot = 0;
        for (Claim c : extraction.claims()) {
            String code = c.regionCode() == null ? defaultRegion.code() : c.regionCode();
            Checked checked = c.unmapped()
                    ? unmapped(out.size(), c, code, locale)
                    : check(out.size(), c, code, request.date(), catalogue, summaries, figures, scope, locale);
            out.add(checked);
            switch (checked.verdict()) {
                case AGREES -> agrees++;
                case DISAGREES -> disagrees++;
                default -> cannot++;
            }
        }
        List<Sentence> sentences = extraction.sentences().stream()
                .map(s -> new Sentence(s.index(), s.segment(), s.text()))
                .toList();
        List<AsOf> asOf = summaries.values().stream()
                .flatMap(Optional::stream)
                .filter(s -> s.asOfRecords() != null)
                .map(s -> new AsOf(s.regionName(), s.from(), s.to(), s.asOfRecords()))
                .toList();
        return new Result(
                request.date(),
                defaultRegion.code(),
                defaultRegion.name(),
                sentences,
                out,
                agrees,
                disagrees,
                cannot,
                asOf);
    }

    private Checked check(
            int index,
            Claim c,
            String regionCode,
            LocalDate date,
            Map<String, Indicator> catalogue,
            Map<String, Optional<Stats.Summary>> summaries,
            Figures figures,
            RegionScope scope,
            Locale locale) {
        Indicator ind = indicator(c.indicator(), catalogue);
        String indicatorName = ind != null
                ? ind.name(locale)
                : messages.getMessage("reconcile.indicator." + c.indicator(), null, c.indicator(), locale);
        Region region = ClaimExtractor.UNKNOWN_REGION.equals(regionCode)
                ? null
                : regions.findByCode(regionCode).orElse(null);
        var found = new Found(index, c, indicatorName, regionCode, region == null ? null : region.name());
        String unchecked = region == null
                ? "reconcile.reason.region"
                : ind == null
                        ? "reconcile.reason.indicator"
                        : !c.periodClear()
                                ? "reconcile.reason.period"
                                // never the number of a region outside the caller's scope
                                : !scope.covers(region)
                                        ? "reconcile.reason.scope"
                                        : !fits(ind, c) ? "reconcile.reason.unit" : null;
        if (unchecked != null) {
            return found.cannot(unchecked, null);
        }
        Optional<Stats.Summary> summary = summaries.computeIfAbsent(
                regionCode + "|" + c.from() + "|" + c.to(), k -> figures.summary(regionCode, c.from(), c.to()));
        if (summary.isEmpty()) {
            return found.cannot("reconcile.reason.scope", null);
        }
        Stats.Line line = summary.get().get(ind.code());
        String link = link(ind, region, c, date);
        if (c.completion() && line != null && line.completion() == null) {
            return found.cannot("reconcile.reason.noTarget", link);
        }
        BigDecimal ledger =
                line == null ? null : c.growth() ? line.yoy() : c.completion() ? line.completion() : line.value();
        if (ledger == null) {
            return found.cannot(c.growth() ? "reconcile.reason.noPrevious" : "reconcile.reason.noValue", link);
        }
        if (c.unit().equals("%")) {
            ledger = ledger.multiply(BigDecimal.valueOf(100)); // fractions to percent (同比 of a rate: points)
        }
        Verdict v = agrees(c, ledger) ? Verdict.AGREES : Verdict.DISAGREES;
        String reason = v == Verdict.AGREES
                ? "reconcile.reason.agrees." + c.qualifier().name().toLowerCase(Locale.ROOT)
                : "reconcile.reason.disagrees";
        return found.result(v, reason, ledger, show(ledger, c), link);
    }

    /** A claim with its indicator and region as named, before it is checked. */
    private record Found(int index, Claim c, String indicatorName, String regionCode, String regionName) {

        Checked cannot(String reason, String link) {
            return result(Verdict.CANNOT_CHECK, reason, null, null, link);
        }

        Checked cannot(String reason, String detail, String link) {
            return ReconcileService.result(
                    index,
                    c,
                    indicatorName,
                    regionCode,
                    regionName,
                    Verdict.CANNOT_CHECK,
                    reason,
                    detail,
                    null,
                    show(c.value(), c),
                    null,
                    link);
        }

        Checked result(Verdict verdict, String reason, BigDecimal ledger, String ledgerShown, String link) {
            return ReconcileService.result(
                    index,
                    c,
                    indicatorName,
                    regionCode,
                    regionName,
                    verdict,
                    reason,
                    null,
                    ledger,
                    show(c.value(), c),
                    ledgerShown,
                    link);
        }
    }

    /** The catalogue entry for a claim's code; talent indicators are also found by their Chinese names. */
    static Indicator indicator(String code, Map<String, Indicator> catalogue) {
        Indicator ind = catalogue.get(code);
        if (ind != null) {
            return ind;
        }
        List<String> names = switch (code) {
            case "TALENT_INTRODUCED" -> List.of("引进人才数", "引进人才");
            case "TALENT_TRAINED" -> List.of("培训人次");
            default -> List.of();
        };
        for (Indicator i : catalogue.values()) {
            if (names.contains(i.nameZh())) {
                return i;
            }
        }
        return null;
    }

    static boolean fits(Indicator ind, Claim c) {
        if (c.growth() || c.completion()) {
            return true;
        }
        return switch (ind.unit()) {
            case WAN -> c.money();
            case USD -> c.usd();
            case RATE -> c.unit().equals("%");
            case COUNT -> !c.money() && !c.usd() && !c.unit().equals("%");
        };
    }

    /** A value whose indicator cannot be read: listed with the reason, counted as cannot check. */
    private Checked unmapped(int index, Claim c, String regionCode, Locale locale) {
        Region region = ClaimExtractor.UNKNOWN_REGION.equals(regionCode)
                ? null
                : regions.findByCode(regionCode).orElse(null);
        String name = messages.getMessage("reconcile.indicator.UNMAPPED", null, Claim.UNMAPPED, locale);
        var found = new Found(index, c, name, regionCode, region == null ? null : region.name());
        return c.keyword() == null
                ? found.cannot("reconcile.reason.unmapped.none", null)
                : found.cannot("reconcile.reason.unmapped.words", c.keyword(), null);
    }

    /** Does the ledger's value agree with the claim, within the claim's rounding or qualifier? */
    boolean agrees(Claim c, BigDecimal ledger) {
        BigDecimal v = c.value();
        return switch (c.qualifier()) {
            case LOWER_BOUND -> ledger.compareTo(v) >= 0;
            case APPROX ->
                ledger.subtract(v).abs().compareTo(v.abs().multiply(tolerance)) <= 0 || rounds(ledger, v, c.step());
            case EXACT -> rounds(ledger, v, c.step());
        };
    }

    /** True when {@code ledger} rounds (half up) to {@code value} on the grid of {@code step}. */
    static boolean rounds(BigDecimal ledger, BigDecimal value, BigDecimal step) {
        BigDecimal half = step.divide(BigDecimal.valueOf(2));
        return ledger.compareTo(value.subtract(half)) >= 0 && ledger.compareTo(value.add(half)) < 0;
    }

    /** A value in the claim's own unit, for people: 941.5亿元, 117个, 12.6%. */
    static String show(BigDecimal v, Claim c) {
        if (v == null) {
            return null;
        }
        if (c.money()) {
            if (c.unit().equals("亿元")) {
                int scale = Math.max(
                        0, c.step().movePointLeft(4).stripTrailingZeros().scale());
                return v.movePointLeft(4)
                                .setScale(Math.max(scale, 1), RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString()
                        + "亿元";
            }
            return v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "万元";
        }
        if (c.usd()) {
            if (c.unit().equals("亿美元")) {
                return v.movePointLeft(4)
                                .setScale(
                                        Math.max(
                                                2,
                                                c.step()
                                                        .movePointLeft(4)
                                                        .stripTrailingZeros()
                                                        .scale()),
                                        RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString()
                        + "亿美元";
            }
            return v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "万美元";
        }
        if (c.unit().equals("%")) {
            return v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
        }
        BigDecimal x = v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (x.scale() < 0) {
            x = x.setScale(0);
        }
        return x.toPlainString() + c.unit();
    }

    /**
     * The explanation of the ledger's figure: how it was computed and from which records, for the claim's region,
     * indicator and months, as of the text's date when given.
     */
    static String link(Indicator ind, Region region, Claim c, LocalDate asOf) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/stats/explain")
                .queryParam("region", region.code())
                .queryParam("indicator", ind.code())
                .queryParam("from", c.from().toString())
                .queryParam("to", c.to().toString());
        if (asOf != null) {
            b.queryParam("asOf", asOf.toString());
        }
        return b.build().toUriString();
    }

    private static Checked result(
            int index,
            Claim c,
            String indicatorName,
            String regionCode,
            String regionName,
            Verdict verdict,
            String reason,
            String reasonDetail,
            BigDecimal ledger,
            String claimShown,
            String ledgerShown,
            String link) {
        return new Checked(
                index,
                c.sentence(),
                c.start(),
                c.end(),
                c.written(),
                c.indicator(),
                indicatorName,
                c.keyword(),
                c.unit(),
                c.value(),
                c.qualifier(),
                c.growth(),
                c.completion(),
                regionCode,
                regionName,
                c.from(),
                c.to(),
                c.periodText(),
                verdict,
                reason,
                reasonDetail,
                ledger,
                claimShown,
                ledgerShown,
                link);
    }
}
