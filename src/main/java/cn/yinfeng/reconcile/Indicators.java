package cn.yinfeng.reconcile;

import static cn.yinfeng.reconcile.ValueFinder.clauseEnd;
import static cn.yinfeng.reconcile.ValueFinder.clauseStart;

import cn.yinfeng.reconcile.ValueFinder.Found;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The indicator words: which indicator a value counts, read from the words of its clause and its unit. */
final class Indicators {

    private Indicators() {}

    enum Family {
        SIGNED_OUT_PROVINCE,
        SIGNED_1YI_OUT_PROVINCE,
        SIGNED_OUT_CITY,
        SIGNED_OVERSEAS,
        FUNDS_OUT_CITY,
        FUNDS_OVERSEAS,
        REGISTERED,
        SIGNED,
        SIGNED_AMOUNT,
        SIGNED_1YI,
        SIGNED_5YI,
        SIGNED_10YI,
        SIGNED_BAND,
        KEY,
        TOTAL,
        FUNDS,
        FUNDS_OUT,
        STARTED,
        PRODUCING,
        PERFORMANCE_RATE,
        START_RATE,
        PRODUCTION_RATE,
        FUNDS_RATE,
        TRIPS,
        POINT_TO_POINT,
        VISITED,
        DELEGATION,
        TALENT,
        TRAINING,
        BASES,
        POSITIONS,
        COOPERATION
    }

    private record Keyword(Pattern pattern, Family family) {}

    /** Words that are no clause break inside an indicator's words. */
    private static final String W = "[^,;:、。]";

    /** 吕梁市外商投资项目, 山西省外资项目: the 市/省 ends a region's name and 外商/外资 is foreign. */
    private static final String NOT_FOREIGN = "(?!商|资(?!金))";

    private static final List<Keyword> KEYWORDS = List.of(
            // origin qualifiers first: of two words ending at the same place the earlier entry wins
            kw(
                    "(?<![\\d.两三四五六七八九十])(?:1|一)?亿元(?:及)?以上(?:的)?(?:签约)?省外" + W + "{0,6}?项目"
                            + "|(?:超|过)亿元(?:的)?省外" + W + "{0,4}?项目|省外(?:签约)?(?:1|一)?亿元(?:及)?以上(?:的)?" + W
                            + "{0,4}?项目",
                    Family.SIGNED_1YI_OUT_PROVINCE),
            kw(
                    "签约(?:省外|外省)" + W + "{0,6}?项目|引进(?:省外|外省)" + W + "{0,6}?项目|(?:省外|外省)" + NOT_FOREIGN + W
                            + "{0,4}?项目|签约省外资金" + "|省外签约(?:金额|资金|额)?",
                    Family.SIGNED_OUT_PROVINCE),
            kw(
                    "签约市外" + W + "{0,6}?项目|引进市外" + W + "{0,6}?项目|市外" + NOT_FOREIGN + W + "{0,4}?项目|签约市外资金"
                            + "|市外签约(?:金额|资金|额)?",
                    Family.SIGNED_OUT_CITY),
            kw(
                    "(?:境外|外资|外商)资金(?:实际)?到位|(?:境外|外资|外商)(?:到位)?资金|到位(?:境外|外资)资金|外资到位|实际(?:利用|使用|到位)外资",
                    Family.FUNDS_OVERSEAS),
            kw(
                    "签约(?:境外|外资|外商)" + W + "{0,6}?项目|引进(?:境外|外资|外商)" + W + "{0,6}?项目|(?:境外|外资|外商)" + W
                            + "{0,4}?项目|(?:签约|合同|协议|引进|利用)外资|外资签约(?:金额|额)?",
                    Family.SIGNED_OVERSEAS),
            kw("市外资金(?:实际)?到位|市外(?:到位)?资金|到位市外资金", Family.FUNDS_OUT_CITY),
            kw("(?:引进|新)?注册" + W + "{0,6}?项目|注册落地" + W + "{0,6}?项目", Family.REGISTERED),
            kw("签约金额|签约额|签约资金|签约总额|签约投资|签约引资额?|协议(?:投资|金额|引资)(?:额|总额)?|合同(?:投资|金额)|引资(?:总)?额", Family.SIGNED_AMOUNT),
            kw("亿元(?:及)?以上(?:的)?(?:签约|产业|工业|招商|重大)?(?:的)?项目|超亿元(?:的)?项目|过亿元(?:的)?项目", Family.SIGNED_1YI),
            kw("重点招引项目|重点招商项目|重点项目", Family.KEY),
            kw("签约[^,;:、。亿]{0,6}?项目|项目签约|签约(?!仪式|活动|大会)", Family.SIGNED),
            kw("总投资|投资总额|总额|计划投资", Family.TOTAL),
            kw("省外资金(?:实际)?到位|省外(?:到位)?资金|到位省外资金", Family.FUNDS_OUT),
            kw("到位资金|资金到位(?!率)|实际到位|到位(?!率)", Family.FUNDS),
            kw("开工项目|新开工|开工(?!率)", Family.STARTED),
            kw("投产项目|建成投产|竣工投产|投产(?!率)", Family.PRODUCING),
            kw("履约率", Family.PERFORMANCE_RATE),
            kw("开工率", Family.START_RATE),
            kw("投产率", Family.PRODUCTION_RATE),
            kw("资金到位率|到位率", Family.FUNDS_RATE),
            kw("外出(?:招商|考察)?|赴外(?:招商|考察)|出外招商|招商小分队", Family.TRIPS),
            kw("点对点(?:招商)?", Family.POINT_TO_POINT),
            kw("拜访|走访|对接企业", Family.VISITED),
            kw("接待|来访|考察团队?|考察组", Family.DELEGATION),
            kw("人才|引才|博士|硕士|研究生", Family.TALENT),
            kw("培训|参训|研修|轮训", Family.TRAINING),
            kw("合作项目", Family.COOPERATION),
            kw("岗位", Family.POSITIONS),
            kw("基地", Family.BASES));

    /** Nouns right after a value that name what was counted (新签约4个基地, 47个优质岗位). */
    private static final List<Keyword> NOUNS_AFTER = List.of(
            kw("^[^,;:、。\\d]{0,4}?基地", Family.BASES),
            kw("^[^,;:、。\\d]{0,4}?岗位", Family.POSITIONS),
            kw("^[^,;:、。\\d]{0,4}?合作项目", Family.COOPERATION));

    private static Keyword kw(String regex, Family family) {
        return new Keyword(Pattern.compile(regex), family);
    }

    /** The code a family and a unit name; null when the unit does not fit (外出招商 + 人 is no claim). */
    static String code(Family f, String unit, Family context) {
        boolean usd = unit.endsWith("美元");
        boolean money = unit.endsWith("元") && !usd;
        boolean pct = unit.equals("%");
        boolean things = unit.equals("个") || unit.equals("项") || unit.equals("家");
        boolean times = unit.equals("次") || unit.equals("批次") || unit.equals("批");
        boolean people = unit.equals("人") || unit.equals("名");
        if (usd && (f == Family.SIGNED || f == Family.SIGNED_AMOUNT || f == Family.TOTAL)) {
            return "SIGNED_OVERSEAS_USD"; // a signing in US dollars is a foreign one
        }
        return switch (f) {
            case SIGNED_OUT_PROVINCE ->
                things ? "SIGNED_OUT_PROVINCE_COUNT" : money ? "SIGNED_OUT_PROVINCE_AMOUNT" : null;
            case SIGNED_1YI_OUT_PROVINCE ->
                things ? "SIGNED_1YI_OUT_PROVINCE_COUNT" : money ? "SIGNED_1YI_OUT_PROVINCE_AMOUNT" : null;
            case SIGNED_OUT_CITY -> things ? "SIGNED_OUT_CITY_COUNT" : money ? "SIGNED_OUT_CITY_AMOUNT" : null;
            case SIGNED_OVERSEAS -> things ? "SIGNED_OVERSEAS_COUNT" : usd ? "SIGNED_OVERSEAS_USD" : null;
            case FUNDS_OUT_CITY -> money ? "FUNDS_OUT_CITY" : null;
            case FUNDS_OVERSEAS -> money ? "FUNDS_OVERSEAS" : null;
            case REGISTERED -> things ? "REGISTERED_COUNT" : null;
            case SIGNED -> things ? "SIGNED_COUNT" : money ? "SIGNED_AMOUNT" : null;
            case SIGNED_AMOUNT ->
                // 签约省外项目42个,签约金额312.5亿元: the amount of the projects just counted
                !money
                        ? null
                        : context == Family.SIGNED_OUT_PROVINCE
                                ? "SIGNED_OUT_PROVINCE_AMOUNT"
                                : context == Family.SIGNED_1YI_OUT_PROVINCE
                                        ? "SIGNED_1YI_OUT_PROVINCE_AMOUNT"
                                        : context == Family.SIGNED_OUT_CITY
                                                ? "SIGNED_OUT_CITY_AMOUNT"
                                                : "SIGNED_AMOUNT";
            case SIGNED_1YI -> things ? "SIGNED_1YI_COUNT" : money ? "SIGNED_1YI_AMOUNT" : null;
            case SIGNED_5YI -> things ? "SIGNED_5YI_COUNT" : money ? "SIGNED_5YI_AMOUNT" : null;
            case SIGNED_10YI -> things ? "SIGNED_10YI_COUNT" : money ? "SIGNED_10YI_AMOUNT" : null;
            case SIGNED_BAND -> things ? "SIGNED_BAND_COUNT" : money ? "SIGNED_BAND_AMOUNT" : null;
            case KEY -> things ? "KEY_COUNT" : money ? "KEY_TOTAL" : null;
            case TOTAL ->
                !money
                        ? null
                        : context == null
                                ? "TOTAL_INVESTMENT"
                                : switch (context) {
                                    case KEY -> "KEY_TOTAL";
                                    case SIGNED_OUT_PROVINCE -> "SIGNED_OUT_PROVINCE_AMOUNT";
                                    case SIGNED_1YI_OUT_PROVINCE -> "SIGNED_1YI_OUT_PROVINCE_AMOUNT";
                                    case SIGNED_OUT_CITY -> "SIGNED_OUT_CITY_AMOUNT";
                                    case SIGNED, SIGNED_AMOUNT -> "SIGNED_AMOUNT";
                                    case SIGNED_1YI -> "SIGNED_1YI_AMOUNT";
                                    case SIGNED_5YI -> "SIGNED_5YI_AMOUNT";
                                    case SIGNED_10YI -> "SIGNED_10YI_AMOUNT";
                                    case SIGNED_BAND -> "SIGNED_BAND_AMOUNT";
                                    default -> "TOTAL_INVESTMENT";
                                };
            case FUNDS -> money ? "FUNDS" : null;
            case FUNDS_OUT -> money ? "FUNDS_OUT_PROVINCE" : null;
            case STARTED -> things ? "STARTED_COUNT" : null;
            case PRODUCING -> things ? "PRODUCING_COUNT" : null;
            case PERFORMANCE_RATE -> pct ? "PERFORMANCE_RATE" : null;
            case START_RATE -> pct ? "START_RATE" : null;
            case PRODUCTION_RATE -> pct ? "PRODUCTION_RATE" : null;
            case FUNDS_RATE -> pct ? "FUNDS_RATE" : null;
            case TRIPS -> times || unit.equals("个") ? "TRIPS" : null;
            case POINT_TO_POINT -> times ? "POINT_TO_POINT" : null;
            case VISITED -> unit.equals("家") || unit.equals("个") ? "VISITED" : null;
            case DELEGATION ->
                unit.equals("家") ? "DELEGATION_ENTERPRISES" : times || unit.equals("个") ? "DELEGATIONS" : null;
            case TALENT -> people ? "TALENT_INTRODUCED" : null;
            case TRAINING -> unit.equals("人次") || people ? "TALENT_TRAINED" : null;
            case BASES -> things ? "TALENT_BASES" : null;
            case POSITIONS -> things ? "TALENT_POSITIONS" : null;
            case COOPERATION -> things ? "TALENT_COOPERATION" : null;
        };
    }

    /** A family of signed projects (a 省外资金 after one of them is the signed amount from outside). */
    static boolean signed(Family f) {
        return f != null && f.name().startsWith("SIGNED");
    }

    /** The count or amount a growth rate (or a share of the annual target) speaks of. */
    static String growthCode(Family f) {
        return switch (f) {
            case SIGNED,
                    KEY,
                    SIGNED_1YI,
                    STARTED,
                    PRODUCING,
                    TRIPS,
                    VISITED,
                    DELEGATION,
                    SIGNED_OUT_PROVINCE,
                    SIGNED_1YI_OUT_PROVINCE,
                    SIGNED_OUT_CITY,
                    SIGNED_OVERSEAS,
                    REGISTERED -> code(f, "个", null) != null ? code(f, "个", null) : code(f, "次", null);
            case SIGNED_AMOUNT -> "SIGNED_AMOUNT";
            case FUNDS -> "FUNDS";
            case FUNDS_OUT -> "FUNDS_OUT_PROVINCE";
            case FUNDS_OUT_CITY -> "FUNDS_OUT_CITY";
            case FUNDS_OVERSEAS -> "FUNDS_OVERSEAS";
            case TALENT -> "TALENT_INTRODUCED";
            case TRAINING -> "TALENT_TRAINED";
            default -> null;
        };
    }

    private static final Pattern BAND_NUMBER =
            Pattern.compile("(\\d+|[一二两三五十]+)亿元?(?:及)?以上(?:的)?(?:签约|产业|工业|招商|重大)?(?:的)?项目");

    record Hit(Family family, String text) {}

    static Family nearestKeyword(String s, int from, int end) {
        Hit h = nearest(s, from, end);
        return h == null ? null : h.family();
    }

    /** The nearest indicator words before {@code end} and after {@code from}, or null. */
    static Hit nearest(String s, int from, int end) {
        String window = s.substring(from, Math.max(from, end));
        Family best = null;
        String text = null;
        int bestEnd = -1;
        int bestLen = 0;
        for (Keyword k : KEYWORDS) {
            Matcher m = k.pattern().matcher(window);
            while (m.find()) {
                if (m.end() > bestEnd || m.end() == bestEnd && m.end() - m.start() > bestLen) {
                    best = k.family();
                    bestEnd = m.end();
                    bestLen = m.end() - m.start();
                    text = m.group();
                }
            }
        }
        Matcher band = BAND_NUMBER.matcher(window);
        while (band.find()) {
            if (band.end() >= bestEnd) {
                BigDecimal yi = Character.isDigit(band.group(1).charAt(0))
                        ? new BigDecimal(band.group(1))
                        : ChineseNumerals.parse(band.group(1));
                best = yi == null
                        ? Family.SIGNED_BAND
                        : yi.intValue() == 1
                                ? Family.SIGNED_1YI
                                : yi.intValue() == 5
                                        ? Family.SIGNED_5YI
                                        : yi.intValue() == 10 ? Family.SIGNED_10YI : Family.SIGNED_BAND;
                bestEnd = band.end();
                text = band.group();
            }
        }
        return best == null ? null : new Hit(best, text);
    }

    /** What a value counts: a noun right after it, else the nearest words before it in its clause, else after. */
    static Family family(String s, Found f, Family previous, int previousEnd) {
        int clause = clauseStart(s, f.start);
        int clauseEnd = clauseEnd(s, f.end);
        String tail = s.substring(f.end, clauseEnd);
        for (Keyword k : NOUNS_AFTER) {
            Matcher m = k.pattern().matcher(tail);
            if (m.find()) {
                f.keyword = m.group();
                return k.family();
            }
        }
        if ((f.unit.equals("人次") || f.unit.equals("人")) && tail.matches(".*(培训|参训|研修|轮训).*")) {
            f.keyword = "培训";
            return Family.TRAINING;
        }
        int from = Math.max(clause, previousEnd);
        if (f.growthSign != 0) {
            Hit own = nearest(s, clause, f.growthAt);
            f.keyword = own != null ? own.text() + "同比" : "同比";
            return own != null ? own.family() : previous;
        }
        Hit left = nearest(s, from, f.start);
        if (left != null) {
            f.keyword = left.text();
            return left.family();
        }
        Hit after = nearest(s, f.end, clauseEnd);
        if (after != null && previousEnd < clause) {
            f.keyword = after.text();
            return after.family();
        }
        if (previous != null && previousEnd >= clause) {
            f.keyword = s.substring(clause, f.start);
            return previous;
        }
        // a list: 接待考察团两批次、企业六家 - the item after 、 counts within the same words
        if (previous != null
                && previousEnd >= 0
                && clause - 1 == previousEnd
                && s.charAt(previousEnd) == '、'
                && f.start - clause <= 4) {
            f.keyword = s.substring(clause, f.start);
            return previous;
        }
        return null;
    }
}
