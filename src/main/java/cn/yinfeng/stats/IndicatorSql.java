package cn.yinfeng.stats;

import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorRules;
import cn.yinfeng.targets.RuleVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one indicator under one rule version, over approved snapshot rows {@code s} (a version of a project
 * valid at the as-of instant, with its credit weight {@code s.w} for the group): which rows it counts, by which date,
 * and with which value. The figures ({@link StatsEngine}) and their explanation ({@link FigureExplanation}) are
 * built from the same pieces, so a figure is the sum of the list that explains it.
 *
 * <p>Every value interpolated into the SQL is a constant of {@link IndicatorRules} or a number; codes a user typed
 * never reach it.
 */
final class IndicatorSql {

    private IndicatorSql() {}

    /**
     * The versions that count as of {@code :asOf}: the one valid at that instant, or, before a back-filled project
     * was first recorded, its first version (the only one marked back-filled), which stands for that time.
     */
    static String validAt(String alias) {
        String a = alias + ".";
        return "((" + a + "valid_from <= :asOf and (" + a + "valid_to is null or " + a + "valid_to > :asOf)) or ("
                + firstRecorded(alias) + "))";
    }

    /** A back-filled version read before it was recorded (what a figure says it took "按首次录入"). */
    static String firstRecorded(String alias) {
        return alias + ".backfilled and " + alias + ".valid_from > :asOf";
    }

    /**
     * The fund records that count as of {@code :asOf}: approved by then (a back-filled record: approved at all) and
     * not deleted by then.
     */
    static String fundValidAt(String alias) {
        String a = alias + ".";
        return "(" + a + "approved_at <= :asOf or (" + a + "backfilled and " + a + "approved_at is not null)) and (" + a
                + "deleted_at is null or " + a + "deleted_at > :asOf)";
    }

    /**
     * The condition under which a fund record {@code f} of a snapshot row {@code s} counts: the origin is the
     * record's own; the other filters and eligibility are its project's.
     */
    static String fundCounts(Indicator ind, RuleVersion rules) {
        String project = counts(withoutOrigins(ind), rules, "s");
        return ind.fundOrigins().isEmpty()
                ? project
                : "coalesce(f.origin, '') in " + list(ind.fundOrigins()) + " and " + project;
    }

    static Indicator withoutOrigins(Indicator i) {
        return new Indicator(
                i.code(),
                i.nameZh(),
                i.nameEn(),
                i.unit(),
                i.computation(),
                i.minTotal(),
                i.maxTotal(),
                List.of(),
                i.projectTypes(),
                i.eligibleOnly(),
                i.keyOnly(),
                i.sortOrder());
    }

    /** The date whose falling in the period makes a project part of the figure (rates: the signed cohort). */
    static String eventDate(String computation) {
        return switch (computation) {
            case "REGISTERED_COUNT" -> "s.registered_on";
            case "STARTED_COUNT" -> "s.started_on";
            case "PRODUCING_COUNT" -> "s.producing_on";
            default -> "s.signed_on";
        };
    }

    /** What a row adds to the figure (before the weight): 1, its contract amount, or its USD amount. */
    static String amount(String computation) {
        return switch (computation) {
            case "SIGNED_AMOUNT", "COHORT_CONTRACT" -> "coalesce(s.contract_amount, s.total_investment)";
            case "SIGNED_USD" -> "case when s.foreign_currency = 'USD' then s.foreign_amount end";
            default -> "1";
        };
    }

    /** For a rate, the part of the cohort in its numerator. */
    static @Nullable String rateNumerator(String computation) {
        return switch (computation) {
            case "PERFORMANCE_RATE" -> "s.stage in ('REGISTERED', 'STARTED', 'PRODUCING', 'FULL_PRODUCTION')";
            case "START_RATE" -> "s.started_on is not null";
            case "PRODUCTION_RATE" -> "s.producing_on is not null";
            default -> null;
        };
    }

    /**
     * The reasons a row of the period is left out, in the order they are tested, each with its condition: a row is
     * counted when none holds. The explanation shows the first that holds.
     */
    static List<Exclusion> exclusions(Indicator ind, RuleVersion rules, String alias) {
        var out = new ArrayList<Exclusion>();
        String a = alias + ".";
        if (ind.minTotal() != null && ind.minTotal().signum() > 0) {
            out.add(new Exclusion(
                    "BELOW_BAND", a + "total_investment < " + ind.minTotal().toPlainString(), ind.minTotal()));
        }
        if (ind.maxTotal() != null) {
            out.add(new Exclusion(
                    "ABOVE_BAND", a + "total_investment >= " + ind.maxTotal().toPlainString(), ind.maxTotal()));
        }
        if (!ind.fundOrigins().isEmpty()) {
            out.add(new Exclusion(
                    "ORIGIN", "coalesce(" + a + "fund_origin, '') not in " + list(ind.fundOrigins()), null));
        }
        if (!ind.projectTypes().isEmpty()) {
            out.add(new Exclusion(
                    "TYPE", "coalesce(" + a + "project_type, '') not in " + list(ind.projectTypes()), null));
        }
        if (ind.keyOnly()) {
            out.add(new Exclusion("NOT_KEY", "not " + a + "key_project", null));
        }
        if (ind.computation().equals("SIGNED_USD")) {
            out.add(new Exclusion(
                    "NO_USD",
                    "(" + a + "foreign_currency is distinct from 'USD' or " + a + "foreign_amount is null)",
                    null));
        }
        if (ind.eligibleOnly()) {
            out.addAll(eligibility(rules, alias));
        }
        return out;
    }

    /** The rule version's tests of assessment eligibility, as exclusions. */
    static List<Exclusion> eligibility(RuleVersion rules, String alias) {
        String a = alias + ".";
        var out = new ArrayList<Exclusion>();
        out.add(new Exclusion("NOT_COUNTED", "not " + a + "counted", null));
        if (!rules.excludedTypes().isEmpty()) {
            out.add(new Exclusion(
                    "EXCLUDED_TYPE", "coalesce(" + a + "project_type, '') in " + list(rules.excludedTypes()), null));
        }
        if (!rules.thresholds().isEmpty()) {
            out.add(new Exclusion("BELOW_THRESHOLD", a + "total_investment < " + threshold(rules, alias), null));
        }
        if (!rules.expansionsCount()) {
            out.add(new Exclusion("EXPANSION", a + "expansion_of_id is not null", null));
        }
        return out;
    }

    /** The threshold a row's type must reach, as SQL. */
    static String threshold(RuleVersion rules, String alias) {
        BigDecimal any = rules.thresholds().get(RuleVersion.ANY_TYPE);
        String otherwise = any == null ? "0" : any.toPlainString();
        var byType = rules.thresholds().entrySet().stream()
                .filter(e -> !e.getKey().equals(RuleVersion.ANY_TYPE))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> " when '" + e.getKey() + "' then " + e.getValue().toPlainString())
                .collect(Collectors.joining());
        return byType.isEmpty()
                ? otherwise
                : "(case coalesce(" + alias + ".project_type, '')" + byType + " else " + otherwise + " end)";
    }

    /** The condition under which a row counts: no exclusion holds. */
    static String counts(Indicator ind, RuleVersion rules, String alias) {
        List<Exclusion> ex = exclusions(ind, rules, alias);
        return ex.isEmpty()
                ? "true"
                : ex.stream().map(e -> "not (" + e.condition() + ")").collect(Collectors.joining(" and "));
    }

    /** The condition of eligibility alone (rates' cohorts, 资金到位率). */
    static String eligible(RuleVersion rules, String alias) {
        return eligibility(rules, alias).stream()
                .map(e -> "not (" + e.condition() + ")")
                .collect(Collectors.joining(" and "));
    }

    /** The share (0..100) the attracting county is credited with, under the version's split rule. */
    static String attractingShare(RuleVersion rules, String alias) {
        String a = alias + ".";
        return switch (rules.split()) {
            case LANDING -> "0";
            case FIXED ->
                "(case when " + a + "attracting_region_id is not null and " + a + "attracting_region_id <> " + a
                        + "region_id then " + rules.splitShare().toPlainString() + " else 0 end)";
            case RECORDED -> "coalesce(" + a + "attracting_share, 0)";
        };
    }

    private static String list(List<String> constants) {
        for (String c : constants) {
            if (!IndicatorRules.ORIGINS.contains(c) && !IndicatorRules.TYPES.contains(c)) {
                throw new IllegalArgumentException("not a known origin or type: " + c);
            }
        }
        return constants.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /** A reason to leave a row out: its code (message key {@code explain.reason.<code>}) and its condition. */
    record Exclusion(
            String code, String condition, @Nullable BigDecimal bound) {}
}
