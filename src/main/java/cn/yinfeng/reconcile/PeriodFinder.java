package cn.yinfeng.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The periods a sentence names: 2024年1-10月, 前三季度, 截至10月底, 今年以来, 近年来 (unclear) … */
final class PeriodFinder {

    private PeriodFinder() {}

    private static final String M = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
    /** A year in Arabic or Chinese digits (2024, 二〇二四). */
    private static final String Y = "(\\d{4}|[〇零一二三四五六七八九]{4})";

    /** A named part of a year: 前三季度, 一季度, 第1季度, 1至3季度, 上半年 … */
    private static final String NAMED = "(前[三3]季度|前[两二2]季度|第?[一二三四1-4]季度|[一1]\\s*(?:-|—|~|至|到)\\s*[三3]季度"
            + "|[一1]\\s*(?:-|—|~|至|到)\\s*[二2]季度|上半年|下半年|全年(?!度?的?(?:目标|任务|计划)))"; // 全年目标 is a target, no period

    private static final String TO = "\\s*(?:-|—|~|至|到|－)+\\s*";
    private static final Pattern P_YEAR_RANGE =
            Pattern.compile(Y + "\\s*年(?:的)?\\s*" + M + "\\s*(?:月份?)?" + TO + M + "\\s*月(?:份)?");
    private static final Pattern P_RANGE = Pattern.compile(M + "\\s*(?:月份?)?" + TO + M + "\\s*月(?:份)?");
    private static final Pattern P_UNTIL =
            Pattern.compile("截(?:至|止)(?:到)?\\s*(?:" + Y + "\\s*年\\s*)?" + M + "\\s*月(?:底|末|份)?");
    /** 前10个月, 今年前9个月: from January. */
    private static final Pattern P_FIRST_MONTHS = Pattern.compile("(?:" + Y + "\\s*年)?前\\s*" + M + "\\s*个月");

    private static final Pattern P_YEAR_SINCE = Pattern.compile("(?:自)?" + Y + "年(?:以来|来)");
    private static final Pattern P_YEAR_NAMED = Pattern.compile(Y + "\\s*年(?:度)?(?:的)?\\s*" + NAMED);
    private static final Pattern P_YEAR_MONTH = Pattern.compile(Y + "\\s*年\\s*" + M + "\\s*月(?:份)?(?![\\d日号底末初中])");
    private static final Pattern P_YEAR = Pattern.compile(Y + "年(?:度|全年)?(?![\\d以来月份])");
    private static final Pattern P_NAMED = Pattern.compile(NAMED);
    private static final Pattern P_THIS_YEAR_SINCE = Pattern.compile("今年以来|今年来|年初以来|截(?:至|止)(?:目前|当前|现在)|今年");
    private static final Pattern P_LAST_YEAR = Pattern.compile("(?<![较比于与])(?:去年|上年)(?!同期|同比)"); // 较上年增加 compares
    private static final Pattern P_YEAR_AGO = Pattern.compile("一年来|过去一年|这一年");
    private static final Pattern P_MONTH = Pattern.compile("(?<![\\d年至到~-])" + M + "月(?:份)?(?![\\d日号底末初中])");
    private static final Pattern P_UNCLEAR = Pattern.compile("近年来|近几年|多年来|近些年|现如今|历年来|以往");

    /** A period as written; {@code year} null means the year comes from the context. */
    record PeriodSpec(
            int start,
            int end,
            Integer year,
            int yearOffset,
            int fromMonth,
            int toMonth,
            boolean openEnd,
            boolean unclear,
            boolean needsDateYear,
            String text)
            implements ClaimExtractor.Mention {
        @Override
        public int rank() {
            return 1;
        }
    }

    static int year(String y) {
        if (Character.isDigit(y.charAt(0))) {
            return Integer.parseInt(y);
        }
        StringBuilder b = new StringBuilder();
        for (char c : y.toCharArray()) {
            b.append(ChineseNumerals.digit(c));
        }
        return Integer.parseInt(b.toString());
    }

    static int month(String m) {
        if (Character.isDigit(m.charAt(0))) {
            return Integer.parseInt(m);
        }
        BigDecimal v = ChineseNumerals.parse(m);
        return v == null ? -1 : v.intValue();
    }

    /** A pattern, and the period a match of it names (null when it names none after all, as 13月). */
    private record Rule(Pattern pattern, Function<Matcher, PeriodSpec> read) {}

    /** The more specific first: of two overlapping matches the earlier rule's is kept. */
    private static final List<Rule> RULES = List.of(
            new Rule(P_YEAR_RANGE, m -> range(m, year(m.group(1)), month(m.group(2)), month(m.group(3)))),
            new Rule(P_RANGE, m -> range(m, null, month(m.group(1)), month(m.group(2)))),
            new Rule(P_FIRST_MONTHS, m -> range(m, m.group(1) == null ? null : year(m.group(1)), 1, month(m.group(2)))),
            new Rule(P_UNTIL, m -> range(m, m.group(1) == null ? null : year(m.group(1)), 1, month(m.group(2)))),
            new Rule(P_YEAR_SINCE, m -> spec(m, year(m.group(1)), 0, 1, 12, true, false, false)),
            new Rule(P_YEAR_NAMED, m -> {
                int[] r = named(m.group(2));
                return spec(m, year(m.group(1)), 0, r[0], r[1], false, false, false);
            }),
            new Rule(P_YEAR_MONTH, m -> month(m, year(m.group(1)), month(m.group(2)))),
            new Rule(P_YEAR, m -> {
                int y = year(m.group(1));
                return y >= 1990 && y <= 2100 ? spec(m, y, 0, 1, 12, false, false, false) : null;
            }),
            new Rule(P_NAMED, m -> {
                int[] r = named(m.group(1));
                return spec(m, null, 0, r[0], r[1], false, false, false);
            }),
            new Rule(P_THIS_YEAR_SINCE, m -> spec(m, null, 0, 1, 12, true, false, true)),
            new Rule(P_LAST_YEAR, m -> spec(m, null, -1, 1, 12, false, false, true)),
            new Rule(P_YEAR_AGO, m -> spec(m, null, 0, 1, 12, true, false, false)),
            new Rule(P_MONTH, m -> month(m, null, month(m.group(1)))),
            new Rule(P_UNCLEAR, m -> spec(m, null, 0, 1, 12, false, true, false)));

    static List<PeriodSpec> periods(String s) {
        List<PeriodSpec> found = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(s);
            while (m.find()) {
                PeriodSpec p = rule.read().apply(m);
                if (p != null) {
                    found.add(p);
                }
            }
        }
        // earlier patterns are more specific: keep the first of any overlapping pair
        List<PeriodSpec> kept = new ArrayList<>();
        for (PeriodSpec p : found) {
            boolean overlaps = kept.stream().anyMatch(k -> p.start() < k.end() && k.start() < p.end());
            if (!overlaps) {
                kept.add(p);
            }
        }
        kept.sort(Comparator.comparingInt(PeriodSpec::start));
        return kept;
    }

    private static PeriodSpec spec(
            Matcher m,
            Integer year,
            int yearOffset,
            int fromMonth,
            int toMonth,
            boolean openEnd,
            boolean unclear,
            boolean needsDateYear) {
        return new PeriodSpec(
                m.start(), m.end(), year, yearOffset, fromMonth, toMonth, openEnd, unclear, needsDateYear, m.group());
    }

    private static PeriodSpec range(Matcher m, Integer year, int from, int to) {
        return from >= 1 && to <= 12 && from <= to ? spec(m, year, 0, from, to, false, false, false) : null;
    }

    /** One month (10月份), if it is one. */
    private static PeriodSpec month(Matcher m, Integer year, int month) {
        return month >= 1 && month <= 12 ? spec(m, year, 0, month, month, false, false, false) : null;
    }

    private static int[] named(String n) {
        String k = n.replace("第", "")
                .replaceAll("[一1]\\s*(?:-|—|~|至|到)\\s*[三3]季度", "前三季度")
                .replaceAll("[一1]\\s*(?:-|—|~|至|到)\\s*[二2]季度", "前两季度")
                .replace('1', '一')
                .replace('2', '二')
                .replace('3', '三')
                .replace('4', '四');
        return switch (k) {
            case "前三季度" -> new int[] {1, 9};
            case "前两季度", "前二季度", "上半年" -> new int[] {1, 6};
            case "一季度" -> new int[] {1, 3};
            case "二季度" -> new int[] {4, 6};
            case "三季度" -> new int[] {7, 9};
            case "四季度" -> new int[] {10, 12};
            case "下半年" -> new int[] {7, 12};
            default -> new int[] {1, 12};
        };
    }
}
