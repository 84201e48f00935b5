package cn.yinfeng.supervision;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers each warning rule takes, as the rules page shows and checks them: their keys in {@code params}, the
 * message key of their label, whether they are whole numbers and their bounds. Plain Java, tested without Spring.
 */
public final class RuleNumbers {

    /** One number of a rule: key in {@code params}, label key, whole or decimal, smallest and largest value. */
    public record Field(String key, String label, boolean whole, BigDecimal min, BigDecimal max) {

        /** The form field's name. */
        public String name() {
            return "param_" + key;
        }
    }

    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal DAYS_MAX = BigDecimal.valueOf(3650);

    private static Field days(String key, String label) {
        return new Field(key, label, true, ONE, DAYS_MAX);
    }

    private static final Field RED_FACTOR =
            new Field("redFactor", "warningRules.redFactor", false, ONE, BigDecimal.TEN);

    private static final Map<String, List<Field>> FIELDS = Map.of(
            "STAGE_STALLED",
            List.of(
                    days("RESERVE", "stage.RESERVE"),
                    days("NEGOTIATING", "stage.NEGOTIATING"),
                    days("SIGNED", "stage.SIGNED"),
                    days("REGISTERED", "stage.REGISTERED"),
                    days("STARTED", "stage.STARTED"),
                    RED_FACTOR),
            "NOT_STARTED",
            List.of(new Field("months", "warningRules.months", true, ONE, BigDecimal.valueOf(120))),
            "NO_FOLLOWUP",
            List.of(days("days", "warningRules.days")),
            "FUNDS_BEHIND",
            List.of(
                    new Field("scheduleMonths", "warningRules.scheduleMonths", true, ONE, BigDecimal.valueOf(120)),
                    new Field("yellowShare", "warningRules.yellowShare", false, BigDecimal.ZERO, ONE),
                    new Field("redShare", "warningRules.redShare", false, BigDecimal.ZERO, ONE)),
            "DUPLICATE_OPEN",
            List.of(days("days", "warningRules.days")),
            "REVIEW_WAITING",
            List.of(days("days", "warningRules.reviewDays"), RED_FACTOR),
            "MILESTONE_OVERDUE",
            List.of(days("redDays", "warningRules.redDays")));

    private RuleNumbers() {}

    /** The numbers of a rule, in the order the page shows them (none for a rule that takes none). */
    static List<Field> of(String code) {
        return FIELDS.getOrDefault(code, List.of());
    }

    /**
     * Checks every typed number of the rule at once: each problem names its field ({@code param_KEY}) and carries
     * the label's key and the bounds, so the page says which number to fix and how. Returns the numbers parsed.
     */
    static Map<String, BigDecimal> parse(String code, Map<String, String> typed, List<Problem> problems) {
        var out = new LinkedHashMap<String, BigDecimal>();
        for (Field f : of(code)) {
            String raw = typed.get(f.name());
            String text = raw == null ? "" : raw.trim();
            if (text.isEmpty()) {
                problems.add(new Problem(f.name(), "warningRules.numberMissing", f.label()));
                continue;
            }
            BigDecimal v;
            try {
                v = new BigDecimal(text);
            } catch (NumberFormatException e) {
                problems.add(new Problem(f.name(), "warningRules.numberInvalid", f.label()));
                continue;
            }
            if (f.whole() && v.stripTrailingZeros().scale() > 0) {
                problems.add(new Problem(f.name(), "warningRules.numberWhole", f.label()));
            } else if (v.compareTo(f.min()) < 0 || v.compareTo(f.max()) > 0) {
                problems.add(new Problem(
                        f.name(),
                        "warningRules.numberRange",
                        f.label(),
                        f.min().toPlainString(),
                        f.max().toPlainString()));
            } else {
                out.put(f.key(), f.whole() ? new BigDecimal(v.toBigIntegerExact()) : v.stripTrailingZeros());
            }
        }
        if ("FUNDS_BEHIND".equals(code)
                && out.containsKey("yellowShare")
                && out.containsKey("redShare")
                && out.get("redShare").compareTo(out.get("yellowShare")) < 0) {
            problems.add(new Problem("param_redShare", "warningRules.redBelowYellow"));
        }
        return out;
    }

    /** The rule's numbers in words for the audit log: "洽谈=45, 签约=90". {@code label} resolves a label key. */
    static String words(String code, Map<String, Object> params, java.util.function.Function<String, String> label) {
        var parts = new ArrayList<String>();
        for (Field f : of(code)) {
            Object v = params.get(f.key());
            parts.add(label.apply(f.label()) + "=" + (v == null ? "" : plain(v)));
        }
        return String.join(", ", parts);
    }

    static String plain(Object v) {
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue())
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(v);
    }
}
