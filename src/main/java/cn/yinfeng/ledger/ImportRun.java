package cn.yinfeng.ledger;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one import run knows beside the rows: who imports (user, region scope), the regions they may write to, and
 * look-ups remembered for the run (a region, chain or leader named on many rows is resolved once). Also the tolerant
 * readers of cell values shared by every kind.
 */
final class ImportRun {

    final YinfengUser user;
    final RegionScope scope;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final List<Region> visible;
    private final Map<String, Optional<?>> memo = new HashMap<>();

    /** Where the rows come from, for the audit rows of records written together ("import_batch 12"); null in a dry run. */
    String source;

    /** Whether a blank cell clears an existing record's value (the uploader said so); else it leaves it as it is. */
    final boolean clearBlanks;

    /** Rows the uploader confirmed are not the duplicates the preview suspected. */
    final Set<Integer> confirmed;

    /** The file is an old ledger loaded afterwards (补录): what it creates is marked back-filled. */
    final boolean backfill;

    ImportRun(
            YinfengUser user,
            RegionScope scope,
            Regions regions,
            JdbcClient jdbc,
            String source,
            boolean clearBlanks,
            Set<Integer> confirmed,
            boolean backfill) {
        this.backfill = backfill;
        this.clearBlanks = clearBlanks;
        this.confirmed = confirmed;
        this.source = source;
        this.user = user;
        this.scope = scope;
        this.regions = regions;
        this.jdbc = jdbc;
        this.visible = regions.visible(scope);
    }

    /** This dry run's, now committed under {@code source} (its decisions written by {@link ImportRunner#commit}). */
    ImportRun committing(String source) {
        this.source = source;
        return this;
    }

    private final Map<Integer, Map<String, InvalidInputException.Problem>> warnings = new HashMap<>();

    /**
     * Notes a problem of a row that does not reject it (a leader named as people say it but with no account, say):
     * the row is imported and its report line says what was left out. Noted once however often the row is read.
     */
    void warn(Map<String, String> row, String field, String key, Object... args) {
        String number = row.get("_row");
        if (number == null) {
            return;
        }
        warnings.computeIfAbsent(Integer.valueOf(number), k -> new LinkedHashMap<>())
                .putIfAbsent(
                        field + "|" + key + "|" + Arrays.toString(args),
                        new InvalidInputException.Problem(field, key, args));
    }

    /** The warnings noted for a row, taken: each is reported once. */
    List<InvalidInputException.Problem> takeWarnings(int row) {
        var w = warnings.remove(row);
        return w == null ? List.of() : List.copyOf(w.values());
    }

    /**
     * The region a ledger's title names ("孝义市2024年签约项目台账"), among those the importer may see: the longest name
     * found (so 孝义市 over 吕梁市 in "吕梁市孝义市…"); null when the title names none.
     */
    Region inTitle(String title) {
        if (blank(title)) {
            return null;
        }
        String t = Normalizer.normalize(title, Normalizer.Form.NFKC);
        return visible.stream()
                .filter(r -> t.contains(r.name()))
                .max(Comparator.comparingInt(r -> r.name().length()))
                .orElse(null);
    }

    /**
     * Whether the importer's own region has regions below it (the city, the province): a row of theirs without a
     * region would land in that region itself, which needs to be said, never assumed.
     */
    boolean aboveCounty() {
        return visible.stream().anyMatch(r -> r.id() != user.region());
    }

    /** A value looked up once per run; {@code null} results are remembered too. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, Supplier<T> lookup) {
        Optional<?> v = memo.get(key);
        if (v == null) {
            v = Optional.ofNullable(lookup.get());
            memo.put(key, v);
        }
        return (T) v.orElse(null);
    }

    /**
     * The region a row names (name, short name or code), or the importer's own region when blank. A region outside
     * the importer's tree is found too, so that the row is rejected as out of scope rather than as unknown.
     */
    Region region(String text) {
        if (blank(text)) {
            return memo("region:", () -> regions.find(user.region()).orElse(null));
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).trim();
        return memo(
                "region:" + t,
                () -> visible.stream()
                        .filter(r -> r.name().equals(t) || r.code().equals(t) || t.equals(r.shortName()))
                        .findFirst()
                        .orElseGet(() -> regions.findByCode(t)
                                .or(() -> regions.findByName(t))
                                .orElse(null)));
    }

    /**
     * The region of a row that the importer may write to: unknown and foreign regions are problems of the
     * {@code field} (the region rule: a county user's row naming another county is rejected, row by row).
     */
    Region writableRegion(Map<String, String> row, String field, List<Problem> problems) {
        Region r = region(row.get(field));
        if (r == null) {
            problems.add(new Problem(field, "import.regionUnknown", row.getOrDefault(field, "")));
        } else if (!scope.covers(r)) {
            problems.add(new Problem(field, "import.regionOutOfScope", r.name()));
            return null;
        }
        return r;
    }

    // ------------------------------------------------------------------ cell readers

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    static void required(Map<String, String> r, String field, List<Problem> problems) {
        if (blank(r.get(field))) {
            problems.add(new Problem(field, "validation.required"));
        }
    }

    static BigDecimal amount(Map<String, String> r, String field, List<Problem> problems) {
        try {
            return Spreadsheets.wan(r.get(field));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, "import.badAmount", r.get(field)));
            return null;
        }
    }

    static Boolean bool(Map<String, String> r, String field, List<Problem> problems) {
        try {
            return Spreadsheets.yesNo(r.get(field));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, "import.badYesNo", r.get(field)));
            return null;
        }
    }

    static Integer integer(Map<String, String> r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return new BigDecimal(Normalizer.normalize(v, Normalizer.Form.NFKC).replaceAll("[\\s,，人]", ""))
                    .intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(new Problem(field, "import.badNumber", v));
            return null;
        }
    }

    /** A date as typed ("2024-05-18", "2024/5/18", "2024年5月18日", "2024.5.18") or an Excel date cell. */
    static LocalDate date(Map<String, String> r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (blank(v)) {
            return null;
        }
        LocalDate d = Spreadsheets.date(v);
        if (d == null) {
            problems.add(new Problem(field, "import.badDate", v));
        }
        return d;
    }

    /** A month ("2025-03", "2025年3月", "2025/3") or any date in it. */
    static YearMonth month(Map<String, String> r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (blank(v)) {
            return null;
        }
        String s = Normalizer.normalize(v, Normalizer.Form.NFKC)
                .trim()
                .replaceAll("[./年]", "-")
                .replace("月", "")
                .replaceAll("-$", "");
        String[] parts = s.split("-");
        try {
            if (parts.length == 2) {
                return YearMonth.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (RuntimeException e) {
            // fall through to a full date
        }
        LocalDate d = Spreadsheets.date(v);
        if (d == null) {
            problems.add(new Problem(field, "import.badMonth", v));
            return null;
        }
        return YearMonth.from(d);
    }

    static <T> T lookup(Map<String, T> table, String text, String field, List<Problem> problems) {
        if (blank(text)) {
            return null;
        }
        T v = table.get(Normalizer.normalize(text, Normalizer.Form.NFKC).trim());
        if (v == null) {
            problems.add(new Problem(field, "import.unknownValue", text));
        }
        return v;
    }

    static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Equal as text, blank and null being the same. */
    static boolean same(String a, String b) {
        return Objects.equals(trim(a), trim(b));
    }
    // ------------------------------------------------------------------ counted figures as people write them

    private static final Pattern VAGUE = Pattern.compile("余|多|约|左右|近|几|数|上下|来|以上|若干");
    private static final String DIGITS = "零一二三四五六七八九";

    /**
     * A head count as people write it, exactly: "12", "12人", "１２名", "十二人", "一百零五人"; null when blank. A vague
     * figure ("五十余人", "约20人", "30多人") is the column's error telling what to write, never a guess; anything
     * else unreadable too.
     */
    static Integer headcount(Map<String, String> r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (blank(v)) {
            return null;
        }
        String s = Normalizer.normalize(v, Normalizer.Form.NFKC)
                .replaceAll("[\\s,，]", "")
                .replaceAll("[人名位个]$", "")
                .replace('两', '二');
        if (VAGUE.matcher(s).find()) {
            problems.add(new Problem(field, "import.vagueCount", v.trim()));
            return null;
        }
        Integer n = s.matches("[0-9]+") && s.length() <= 7 ? Integer.valueOf(s) : chineseNumber(s);
        if (n == null) {
            problems.add(new Problem(field, "import.badNumber", v.trim()));
        }
        return n;
    }

    /** A whole number below ten thousand in Chinese numerals (十二, 二十, 一百零五, 三千二百); null when it is not one. */
    static Integer chineseNumber(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> DIGITS.indexOf(c) >= 0 || "十百千".indexOf(c) >= 0)) {
            return null;
        }
        int total = 0;
        int pending = -1; // the digit read and not yet multiplied by a unit
        int lastUnit = 10_000;
        for (char c : s.toCharArray()) {
            int d = DIGITS.indexOf(c);
            if (d >= 0) {
                if (pending > 0) {
                    return null; // two digits in a row ("二三"): not a number written out
                }
                pending = d;
                continue;
            }
            int unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
            int times = pending > 0 ? pending : pending < 0 && unit == 10 && total == 0 ? 1 : -1; // 十二: one ten
            if (times < 0 || unit >= lastUnit) {
                return null;
            }
            total += times * unit;
            lastUnit = unit;
            pending = -1;
        }
        return total + Math.max(pending, 0);
    }

    /**
     * An amount as {@link #amount} reads it, except that an estimate ("约300", "300余万元", "近1亿") is the column's
     * error telling what to write: an amount counted in the figures is never a guess.
     */
    static BigDecimal exactAmount(Map<String, String> r, String field, List<Problem> problems) {
        String v = r.get(field);
        if (!blank(v) && VAGUE.matcher(v).find()) {
            problems.add(new Problem(field, "import.vagueAmount", v.trim()));
            return null;
        }
        return amount(r, field, problems);
    }
}
