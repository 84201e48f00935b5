package cn.yinfeng.reconcile;

import cn.yinfeng.reconcile.Claim.Qualifier;
import cn.yinfeng.reconcile.Indicators.Family;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values with a unit in a sentence (941.5亿元, 一百一十七个, 50余次, 8.2%), with how the text qualifies them. */
final class ValueFinder {

    private ValueFinder() {}

    private static final Pattern VALUE =
            Pattern.compile("(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?"
                    + "|[一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*)"
                    + " ?(余|多)?(万|亿)?(余|多)? ?(批次|人次|亿元|万元|美元|元|个|家|次|批|人|名|项|%)");
    /** What may not follow a unit: 个月, 个百分点, 一次性, 一个个, 项目 … */
    private static final Pattern NOT_AFTER_UNIT = Pattern.compile("^(?:月|百分点|性|日|民|单|称|义|目|素|旦|乡|庭|工作日|小时|季度|星期)");

    private static final Pattern BAND_AFTER =
            Pattern.compile("^(?:及)?以上(?:的)?(?:省外|市外|境外|外资)?(?:签约|产业|工业|招商|重大|重点)?(?:的)?(?:省外|市外|境外|外资)?项目");
    private static final Pattern AFTER_LOWER = Pattern.compile("^(以上|余|多)");
    private static final Pattern AFTER_APPROX = Pattern.compile("^左右");
    private static final Pattern BEFORE_APPROX = Pattern.compile("(将近|接近|近乎|近|大约|约为|(?<![签合预制节公邀条契])约)$");
    private static final Pattern BEFORE_LOWER = Pattern.compile("(超过|超|逾|突破|多于|高于)$");
    private static final Pattern GROWTH = Pattern.compile("(同比增长|同比提高|同比上升|增长|增幅为?|提高|同比下降|下降|减少)(了)?$");
    /** A share of the annual target: 完成年度目标任务的85.2%, 占全年目标的, 目标完成率为. */
    private static final Pattern COMPLETION =
            Pattern.compile("(?:(?:完成|达到|达|占|为|实现)了?[^,;:、。\\d%]{0,6}?(?:目标|任务|计划)(?:任务)?的?"
                    + "|(?:全年|年度)?(?:目标|任务|计划)?完成率(?:为|达到|达|是)?)$");
    /** 近百家, 上千人: a bare 百 or 千 is a value only after such a word. */
    private static final Pattern BEFORE_ROUND = Pattern.compile("(近|上|超|逾|约|过)$");

    private static final String CLAUSE_BREAKS = ",;:、()。!?";

    /** A value found: where it stands, what it is worth, its unit and qualifier, the words that name it. */
    static final class Found implements ClaimExtractor.Mention {
        int start;
        int end;
        BigDecimal value;
        BigDecimal step;
        String unit;
        String unitShown;
        Qualifier qualifier = Qualifier.EXACT;
        int growthSign;
        int growthAt;
        boolean completion;
        int completionAt;
        String keyword;
        Family band;
        int bandAt;

        @Override
        public int start() {
            return start;
        }

        @Override
        public int rank() {
            return 2;
        }
    }

    static List<Found> values(String s) {
        List<Found> out = new ArrayList<>();
        Matcher m = VALUE.matcher(s);
        while (m.find()) {
            Found f = notAFigure(s, m) ? null : found(s, m);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final BigDecimal WAN = new BigDecimal("10000");

    /** A number that is part of a word (A3, 1.5.2), a unit that starts another word (个月, 项目), an attribute. */
    private static boolean notAFigure(String s, Matcher m) {
        int numStart = m.start(1);
        if (numStart > 0) {
            char before = s.charAt(numStart - 1);
            if (Character.isLetterOrDigit(before) && before < 128 || before == '.') {
                return true;
            }
            if (before == '第') { // a ranking or an ordinal (第3名, 第二批次), not a figure
                return true;
            }
        }
        char first = m.group(1).charAt(0);
        if ((first == '百' || first == '千')
                && !BEFORE_ROUND.matcher(s.substring(0, numStart)).find()) {
            return true; // 百家, 千家万户: words, not a value
        }
        String unit = m.group(5);
        String after = s.substring(m.end());
        if (NOT_AFTER_UNIT.matcher(after).find() && !unit.endsWith("元") && !unit.equals("%")
                || !after.isEmpty() && after.charAt(0) == unit.charAt(unit.length() - 1)) {
            return true;
        }
        if (unit.equals("元") && after.startsWith("素")) {
            return true;
        }
        return after.startsWith("的") || after.startsWith("之"); // an attribute (投资100亿元的项目), not a figure
    }

    /** The value of a match, or null (a number that does not parse, a size band such as 1亿元以上项目). */
    private static Found found(String s, Matcher m) {
        String num = m.group(1);
        String unit = m.group(5);
        String after = s.substring(m.end());
        boolean chinese = !Character.isDigit(num.charAt(0));
        BigDecimal n = chinese
                ? ChineseNumerals.parse(num)
                : new BigDecimal(num.replace(",", "").replace(" ", ""));
        if (n == null) {
            return null;
        }
        int scale = chinese ? 0 : Math.max(0, n.scale());
        String mult = m.group(3);
        BigDecimal multiplier = "亿".equals(mult) ? YI : "万".equals(mult) ? WAN : BigDecimal.ONE;
        Found f = new Found();
        f.start = m.start(1);
        f.end = m.end();
        if (unit.endsWith("元")) {
            // a size band (1亿元以上项目) names an indicator, it is not a value
            if (BAND_AFTER.matcher(after).find()) {
                return null; // the keyword table reads "亿元以上项目"; 5亿/10亿 bands are handled in family()
            }
            money(f, n, unit, mult, multiplier, chinese, scale);
        } else {
            count(f, n, unit, multiplier, scale);
        }
        qualify(s, m, f, after);
        growth(s, f, unit);
        completion(s, f, unit);
        return f;
    }

    /** Money in 万元, its step the precision the text wrote it in (941.5亿元: 1000万元). */
    private static void money(
            Found f, BigDecimal n, String unit, String mult, BigDecimal multiplier, boolean chinese, int scale) {
        BigDecimal unitValue = unit.equals("亿元") ? YI : unit.equals("万元") ? WAN : multiplier;
        BigDecimal yuan = n.multiply(unitValue);
        boolean usd = unit.equals("美元");
        f.unit = usd ? "万美元" : "万元"; // US dollars stay dollars: 3.2亿美元 is 32000 万美元
        f.unitShown = unit.equals("元") || usd ? (mult == null ? unit : mult + unit) : unit;
        f.value = yuan.divide(WAN);
        BigDecimal writtenStep = chinese
                ? BigDecimal.ONE.movePointRight(trailingZeros(yuan))
                : BigDecimal.ONE.movePointLeft(scale).multiply(unitValue);
        f.step = writtenStep.divide(WAN);
        f.value = f.value.stripTrailingZeros();
        if (f.value.scale() < 0) {
            f.value = f.value.setScale(0);
        }
    }

    /** A count (or a rate in %), 万 and 亿 multiplied out. */
    private static void count(Found f, BigDecimal n, String unit, BigDecimal multiplier, int scale) {
        f.unit = unit;
        f.unitShown = unit;
        f.value = n.multiply(multiplier);
        f.step = BigDecimal.ONE.movePointLeft(scale).multiply(multiplier);
        if (f.value.scale() > 0 && multiplier.compareTo(BigDecimal.ONE) > 0) {
            f.value = f.value.stripTrailingZeros();
            if (f.value.scale() < 0) {
                f.value = f.value.setScale(0);
            }
        }
    }

    /** 50余次, 60多家, 超过60家: a lower bound; 近30批次, 30左右: approximate. The words join the value's span. */
    private static void qualify(String s, Matcher m, Found f, String after) {
        int numStart = m.start(1);
        if (m.group(2) != null || m.group(4) != null) {
            f.qualifier = Qualifier.LOWER_BOUND;
        }
        Matcher lower = AFTER_LOWER.matcher(after);
        if (lower.find() && !BAND_AFTER.matcher(after).find()) {
            f.qualifier = Qualifier.LOWER_BOUND;
            f.end += lower.end();
        } else if (AFTER_APPROX.matcher(after).find()) {
            f.qualifier = Qualifier.APPROX;
            f.end += 2;
        }
        String head = s.substring(Math.max(0, numStart - 4), numStart);
        Matcher approx = BEFORE_APPROX.matcher(head);
        Matcher lowerBefore = BEFORE_LOWER.matcher(head);
        char first = m.group(1).charAt(0);
        if ((first == '百' || first == '千') && numStart > 0 && "上过".indexOf(s.charAt(numStart - 1)) >= 0) {
            f.qualifier = Qualifier.LOWER_BOUND; // 上百家: at least a hundred
            f.start = numStart - 1;
        } else if (approx.find()) {
            f.qualifier = Qualifier.APPROX;
            f.start = numStart - (head.length() - approx.start());
        } else if (lowerBefore.find()) {
            f.qualifier = Qualifier.LOWER_BOUND;
            f.start = numStart - (head.length() - lowerBefore.start());
        }
    }

    /** A percentage after 同比增长/下降 in its clause is a growth rate (negative for a fall). */
    private static void growth(String s, Found f, String unit) {
        if (unit.equals("%")) {
            String left = s.substring(clauseStart(s, f.start), f.start);
            Matcher g = GROWTH.matcher(left);
            if (g.find()) {
                f.growthSign = g.group(1).contains("下降") || g.group(1).contains("减少") ? -1 : 1;
                f.growthAt = clauseStart(s, f.start) + g.start();
            }
        }
    }

    /** A percentage after 完成年度目标的 (or 目标完成率) in its clause is a share of the annual target. */
    private static void completion(String s, Found f, String unit) {
        if (unit.equals("%") && f.growthSign == 0) {
            int clause = clauseStart(s, f.start);
            Matcher c = COMPLETION.matcher(s.substring(clause, f.start).stripTrailing());
            if (c.find()) {
                f.completion = true;
                f.completionAt = clause + c.start();
            }
        }
    }

    private static int trailingZeros(BigDecimal v) {
        BigDecimal x = v.stripTrailingZeros();
        return x.scale() < 0 ? -x.scale() : 0;
    }

    static int clauseStart(String s, int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            if (CLAUSE_BREAKS.indexOf(s.charAt(i)) >= 0) {
                return i + 1;
            }
        }
        return 0;
    }

    static int clauseEnd(String s, int pos) {
        for (int i = pos; i < s.length(); i++) {
            if (CLAUSE_BREAKS.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    static BigDecimal round(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP);
    }
}
