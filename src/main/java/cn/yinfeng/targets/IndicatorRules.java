package cn.yinfeng.targets;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a city may write into a rule version: the computations there are, the unit each gives, which filters apply
 * to which, and the checks of a definition and of the counting rules (every problem at once, by field).
 */
public final class IndicatorRules {

    /** Computations over projects: counts of a date in the period, amounts, and rates over the signed cohort. */
    public static final Map<String, Indicator.Unit> PROJECT = ordered(
            "SIGNED_COUNT", Indicator.Unit.COUNT,
            "SIGNED_AMOUNT", Indicator.Unit.WAN,
            "SIGNED_USD", Indicator.Unit.USD,
            "REGISTERED_COUNT", Indicator.Unit.COUNT,
            "STARTED_COUNT", Indicator.Unit.COUNT,
            "PRODUCING_COUNT", Indicator.Unit.COUNT,
            "PERFORMANCE_RATE", Indicator.Unit.RATE,
            "START_RATE", Indicator.Unit.RATE,
            "PRODUCTION_RATE", Indicator.Unit.RATE);

    /** Computations over the funds arrived, and over current key projects (a stock, not a period). */
    public static final Map<String, Indicator.Unit> FUNDS_AND_STOCK = ordered(
            "FUNDS", Indicator.Unit.WAN,
            "FUNDS_RATE", Indicator.Unit.RATE,
            "KEY_COUNT", Indicator.Unit.COUNT,
            "KEY_TOTAL", Indicator.Unit.WAN);

    /** Counts of activities: no project filters apply. */
    public static final Set<String> ACTIVITY = Set.of("TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS");

    public static final List<String> ORIGINS = List.of("OVERSEAS", "OUT_OF_PROVINCE", "IN_PROVINCE", "IN_CITY");
    public static final List<String> TYPES =
            List.of("INDUSTRIAL", "SERVICE", "AGRI_TOURISM", "INFRASTRUCTURE", "OTHER");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    /** A definition as a city writes it; the unit follows from the computation. */
    public record Definition(
            @Nullable String code,
            @Nullable String nameZh,
            @Nullable String nameEn,
            @Nullable String computation,
            @Nullable BigDecimal minTotal,
            @Nullable BigDecimal maxTotal,
            List<String> fundOrigins,
            List<String> projectTypes,
            @Nullable Boolean eligibleOnly,
            @Nullable Boolean keyOnly,
            @Nullable Integer sortOrder) {

        /** Absent lists are empty, an absent key-only flag false and an absent order last; eligibility is asked. */
        public Definition {
            fundOrigins = fundOrigins == null ? List.of() : List.copyOf(fundOrigins);
            projectTypes = projectTypes == null ? List.of() : List.copyOf(projectTypes);
            keyOnly = keyOnly != null && keyOnly;
            sortOrder = sortOrder == null ? 1000 : sortOrder;
        }

        public static Definition of(Indicator i) {
            return new Definition(
                    i.code(),
                    i.nameZh(),
                    i.nameEn(),
                    i.computation(),
                    i.minTotal(),
                    i.maxTotal(),
                    i.fundOrigins(),
                    i.projectTypes(),
                    i.eligibleOnly(),
                    i.keyOnly(),
                    i.sortOrder());
        }

        Indicator toIndicator() {
            String zh = nameZh.trim();
            return new Indicator(
                    code.trim(),
                    zh,
                    nameEn == null || nameEn.isBlank() ? zh : nameEn.trim(),
                    unitOf(computation),
                    computation,
                    minTotal == null || minTotal.signum() == 0 ? null : minTotal,
                    maxTotal,
                    fundOrigins,
                    projectTypes,
                    Boolean.TRUE.equals(eligibleOnly),
                    Boolean.TRUE.equals(keyOnly),
                    sortOrder == null ? 1000 : sortOrder);
        }
    }

    /** The counting rules of a version. Thresholds by project type, {@link RuleVersion#ANY_TYPE} for the rest. */
    public record Rules(
            @Nullable Boolean expansionsCount,
            RuleVersion.Split split,
            @Nullable BigDecimal splitShare,
            List<String> excludedTypes,
            Map<String, BigDecimal> thresholds) {

        public Rules {
            split = split == null ? RuleVersion.Split.RECORDED : split;
            excludedTypes = excludedTypes == null ? List.of() : List.copyOf(excludedTypes);
            thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        }

        public boolean expansionsCounted() {
            return Boolean.TRUE.equals(expansionsCount);
        }

        static Rules of(RuleVersion v) {
            return new Rules(v.expansionsCount(), v.split(), v.splitShare(), v.excludedTypes(), v.thresholds());
        }
    }

    private final List<String> external;

    /** {@code external}: the computations other modules answer ({@link IndicatorSource}). */
    public IndicatorRules(List<String> external) {
        this.external = List.copyOf(external);
    }

    /** Every computation a definition may name, in the order a form offers them. */
    public List<String> computations() {
        var out = new ArrayList<String>(PROJECT.keySet());
        out.addAll(FUNDS_AND_STOCK.keySet());
        out.addAll(List.of("TRIPS", "POINT_TO_POINT", "VISITED", "DELEGATIONS"));
        out.addAll(external);
        return out;
    }

    static Indicator.Unit unitOf(String computation) {
        Indicator.Unit u = PROJECT.get(computation);
        if (u == null) {
            u = FUNDS_AND_STOCK.get(computation);
        }
        return u == null ? Indicator.Unit.COUNT : u;
    }

    public List<Problem> check(Definition d) {
        var problems = new ArrayList<Problem>();
        if (d.code() == null || !CODE.matcher(d.code().trim()).matches()) {
            problems.add(new Problem("code", "rules.indicator.code"));
        }
        if (d.nameZh() == null || d.nameZh().isBlank()) {
            problems.add(new Problem("nameZh", "validation.required"));
        }
        InvalidInputException.checkLength(problems, "nameZh", d.nameZh(), 100);
        InvalidInputException.checkLength(problems, "nameEn", d.nameEn(), 100);
        String c = d.computation();
        if (c == null || !computations().contains(c)) {
            problems.add(new Problem("computation", "rules.indicator.computation"));
            return problems;
        }
        boolean projects = PROJECT.containsKey(c) || FUNDS_AND_STOCK.containsKey(c);
        boolean anyFilter = (d.minTotal() != null && d.minTotal().signum() > 0)
                || d.maxTotal() != null
                || !d.fundOrigins().isEmpty()
                || !d.projectTypes().isEmpty()
                || Boolean.TRUE.equals(d.keyOnly())
                || Boolean.TRUE.equals(d.eligibleOnly());
        if (projects && d.eligibleOnly() == null) {
            problems.add(new Problem("eligibleOnly", "rules.indicator.eligibleAsked"));
        }
        if (!projects && anyFilter) {
            problems.add(new Problem("computation", "rules.indicator.noFilters"));
        }
        for (String field : List.of("minTotal", "maxTotal")) {
            BigDecimal v = field.equals("minTotal") ? d.minTotal() : d.maxTotal();
            if (v != null && (v.signum() < 0 || v.stripTrailingZeros().scale() > 2)) {
                problems.add(new Problem(field, "validation.twoDecimals"));
            }
        }
        if (d.minTotal() != null && d.maxTotal() != null && d.maxTotal().compareTo(d.minTotal()) <= 0) {
            problems.add(new Problem("maxTotal", "rules.indicator.band"));
        }
        d.fundOrigins().stream()
                .filter(o -> !ORIGINS.contains(o))
                .forEach(o -> problems.add(new Problem("fundOrigins", "rules.indicator.origin", o)));
        d.projectTypes().stream()
                .filter(t -> !TYPES.contains(t))
                .forEach(t -> problems.add(new Problem("projectTypes", "rules.indicator.type", t)));
        if (c.equals("SIGNED_USD") && !d.fundOrigins().equals(List.of("OVERSEAS"))) {
            problems.add(new Problem("fundOrigins", "rules.indicator.usdOverseas"));
        }
        return problems;
    }

    public List<Problem> check(Rules r) {
        var problems = new ArrayList<Problem>();
        if (r.expansionsCount() == null) {
            problems.add(new Problem("expansionsCount", "rules.expansionsAsked"));
        }
        if (r.split() == RuleVersion.Split.FIXED
                && (r.splitShare() == null
                        || r.splitShare().signum() < 0
                        || r.splitShare().compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(new Problem("splitShare", "rules.splitShare"));
        }
        r.excludedTypes().stream()
                .filter(t -> !TYPES.contains(t))
                .forEach(t -> problems.add(new Problem("excludedTypes", "rules.indicator.type", t)));
        r.thresholds().forEach((type, min) -> {
            if (!RuleVersion.ANY_TYPE.equals(type) && !TYPES.contains(type)) {
                problems.add(new Problem("thresholds", "rules.indicator.type", type));
            } else if (min == null
                    || min.signum() < 0
                    || min.stripTrailingZeros().scale() > 2) {
                problems.add(new Problem("threshold_" + type, "validation.twoDecimals"));
            }
        });
        return problems;
    }

    private static Map<String, Indicator.Unit> ordered(Object... pairs) {
        var out = new LinkedHashMap<String, Indicator.Unit>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Indicator.Unit) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
