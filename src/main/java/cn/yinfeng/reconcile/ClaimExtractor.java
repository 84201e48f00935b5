package cn.yinfeng.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.yinfeng.reconcile.Claim.Qualifier;

/**
 * Finds the statistical claims in a Chinese text, with rules only (no model, no Spring): the text is laid out into
 * articles and sentences ({@link TextLayout}); in each sentence the values with a unit are found, each is named by
 * the nearest indicator words of its clause (a table of patterns, read with the unit: 签约项目 + 个 is the count,
 * 签约项目 + 亿元 the amount), and gets the region and period said last before it in the same article. Region and
 * period never cross from one article into another.
 */
public final class ClaimExtractor {

    /** A region the text may name. {@code root} marks the city, which 全市/我市 mean. */
    public record RegionName(String code, String name, String shortName, boolean root) {}

    public record Sentence(int index, int segment, int paragraph, String text) {}

    public record Result(List<Sentence> sentences, List<Claim> claims) {}

    /** Region code for 全县/本县 and the like when no county is in context, and for names not in the tree. */
    public static final String UNKNOWN_REGION = "?";

    private static final String CURRENT = "";
    /** 全市/我市: the city, or a county-level city (孝义市) in its own article. */
    private static final String CITY_WORD = "!";

    private record Alias(String text, String code) {}

    // ---- values -------------------------------------------------------------------------------------------------

    private static final Pattern VALUE = Pattern.compile(
            "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)"
                    + "(余|多)?(万|亿)?(余|多)?(批次|人次|亿元|万元|元|个|家|次|批|人|名|项|%)");
    /** What may not follow a unit: 个月, 个百分点, 一次性, 一个个, 项目 … */
    private static final Pattern NOT_AFTER_UNIT = Pattern.compile(
            "^(?:月|百分点|性|日|民|单|称|义|目|素|旦|乡|庭)");
    private static final Pattern BAND_AFTER = Pattern.compile(
            "^(?:及)?以上(?:的)?(?:签约|产业|工业|招商|重大|重点)?(?:的)?项目");
    private static final Pattern AFTER_LOWER = Pattern.compile("^(以上|余|多)");
    private static final Pattern AFTER_APPROX = Pattern.compile("^左右");
    private static final Pattern BEFORE_APPROX = Pattern.compile("(将近|接近|近乎|近|大约|约为|(?<![签合预制节公邀条契])约)$");
    private static final Pattern BEFORE_LOWER = Pattern.compile("(超过|超|逾|突破|多于|高于)$");
    private static final Pattern GROWTH = Pattern.compile("(同比增长|同比提高|同比上升|增长|增幅为?|提高|同比下降|下降|减少)(了)?$");
    private static final String CLAUSE_BREAKS = ",;:、()。!?";

    // ---- indicator words ----------------------------------------------------------------------------------------

    enum Family {
        SIGNED, SIGNED_AMOUNT, SIGNED_1YI, SIGNED_5YI, SIGNED_10YI, SIGNED_BAND, KEY, TOTAL, FUNDS, FUNDS_OUT, STARTED, PRODUCING,
        PERFORMANCE_RATE, START_RATE, PRODUCTION_RATE, FUNDS_RATE, TRIPS, POINT_TO_POINT, VISITED, DELEGATION,
        TALENT, TRAINING, BASES, POSITIONS, COOPERATION
    }

    private record Keyword(Pattern pattern, Family family) {}

    private static final List<Keyword> KEYWORDS = List.of(
            kw("签约金额|签约额|签约资金|签约总额|签约投资|协议(?:投资|金额)|合同(?:投资|金额)", Family.SIGNED_AMOUNT),
            kw("亿元(?:及)?以上(?:的)?(?:签约|产业|工业|招商|重大)?(?:的)?项目|超亿元(?:的)?项目|过亿元(?:的)?项目", Family.SIGNED_1YI),
            kw("重点招引项目|重点招商项目|重点项目", Family.KEY),
            kw("签约[^,;:、。亿]{0,6}?项目|项目签约|签约(?!仪式|活动|大会)", Family.SIGNED),
            kw("总投资|投资总额|总额|计划投资", Family.TOTAL),
            kw("省外(?:到位)?资金|到位省外资金|省外到位资金", Family.FUNDS_OUT),
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
        boolean money = unit.endsWith("元");
        boolean pct = unit.equals("%");
        boolean things = unit.equals("个") || unit.equals("项") || unit.equals("家");
        boolean times = unit.equals("次") || unit.equals("批次") || unit.equals("批");
        boolean people = unit.equals("人") || unit.equals("名");
        return switch (f) {
            case SIGNED -> things ? "SIGNED_COUNT" : money ? "SIGNED_AMOUNT" : null;
            case SIGNED_AMOUNT -> money ? "SIGNED_AMOUNT" : null;
            case SIGNED_1YI -> things ? "SIGNED_1YI_COUNT" : money ? "SIGNED_1YI_AMOUNT" : null;
            case SIGNED_5YI -> things ? "SIGNED_5YI_COUNT" : money ? "SIGNED_5YI_AMOUNT" : null;
            case SIGNED_10YI -> things ? "SIGNED_10YI_COUNT" : money ? "SIGNED_10YI_AMOUNT" : null;
            case SIGNED_BAND -> things ? "SIGNED_BAND_COUNT" : money ? "SIGNED_BAND_AMOUNT" : null;
            case KEY -> things ? "KEY_COUNT" : money ? "KEY_TOTAL" : null;
            case TOTAL -> !money ? null : context == null ? "TOTAL_INVESTMENT" : switch (context) {
                case KEY -> "KEY_TOTAL";
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
            case DELEGATION -> unit.equals("家") ? "DELEGATION_ENTERPRISES"
                    : times || unit.equals("个") ? "DELEGATIONS" : null;
            case TALENT -> people ? "TALENT_INTRODUCED" : null;
            case TRAINING -> unit.equals("人次") || people ? "TALENT_TRAINED" : null;
            case BASES -> things ? "TALENT_BASES" : null;
            case POSITIONS -> things ? "TALENT_POSITIONS" : null;
            case COOPERATION -> things ? "TALENT_COOPERATION" : null;
        };
    }

    /** The count or amount a growth rate speaks of. */
    static String growthCode(Family f) {
        return switch (f) {
            case SIGNED, KEY, SIGNED_1YI, STARTED, PRODUCING, TRIPS, VISITED, DELEGATION ->
                    code(f, "个", null) != null ? code(f, "个", null) : code(f, "次", null);
            case SIGNED_AMOUNT -> "SIGNED_AMOUNT";
            case FUNDS -> "FUNDS";
            case FUNDS_OUT -> "FUNDS_OUT_PROVINCE";
            case TALENT -> "TALENT_INTRODUCED";
            case TRAINING -> "TALENT_TRAINED";
            default -> null;
        };
    }

    // ---- periods ------------------------------------------------------------------------------------------------

    private static final String M = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
    /** A year in Arabic or Chinese digits (2024, 二〇二四). */
    private static final String Y = "(\\d{4}|[〇零一二三四五六七八九]{4})";
    private static final String TO = "\\s*(?:-|—|~|至|到|－)+\\s*";
    private static final Pattern P_YEAR_RANGE = Pattern.compile(Y + "年(?:的)?" + M + "(?:月份?)?" + TO + M + "月(?:份)?");
    private static final Pattern P_RANGE = Pattern.compile(M + "(?:月份?)?" + TO + M + "月(?:份)?");
    private static final Pattern P_UNTIL = Pattern.compile("截(?:至|止)(?:到)?(?:" + Y + "年)?" + M + "月(?:底|末|份)?");
    private static final Pattern P_YEAR_SINCE = Pattern.compile("(?:自)?" + Y + "年(?:以来|来)");
    private static final Pattern P_YEAR_NAMED = Pattern.compile(
            Y + "年(?:度)?(?:的)?(前三季度|前两季度|前二季度|第?一季度|第?二季度|第?三季度|第?四季度|上半年|下半年|全年)");
    private static final Pattern P_YEAR_MONTH = Pattern.compile(Y + "年" + M + "月(?:份)?(?![\\d日号底末初中])");
    private static final Pattern P_YEAR = Pattern.compile(Y + "年(?:度|全年)?(?![\\d以来月份])");
    private static final Pattern P_NAMED = Pattern.compile(
            "(前三季度|前两季度|前二季度|第?一季度|第?二季度|第?三季度|第?四季度|上半年|下半年|全年)");
    private static final Pattern P_THIS_YEAR_SINCE = Pattern.compile("今年以来|今年来|年初以来|今年");
    private static final Pattern P_LAST_YEAR = Pattern.compile("(?:去年|上年)(?!同期|同比)");
    private static final Pattern P_YEAR_AGO = Pattern.compile("一年来|过去一年|这一年");
    private static final Pattern P_MONTH = Pattern.compile("(?<![\\d年至到~-])" + M + "月(?:份)?(?![\\d日号底末初中])");
    private static final Pattern P_UNCLEAR = Pattern.compile("近年来|近几年|多年来|近些年|现如今|历年来|以往");

    /** A period as written; {@code year} null means the year comes from the context. */
    private record PeriodSpec(int start, int end, Integer year, int yearOffset, int fromMonth, int toMonth,
            boolean openEnd, boolean unclear, boolean needsDateYear, String text) implements Mention {
        @Override
        public int rank() {
            return 1;
        }
    }

    // ---- state --------------------------------------------------------------------------------------------------

    private final List<Alias> aliases;

    public ClaimExtractor(List<RegionName> regions) {
        Map<String, String> byText = new HashMap<>();
        String rootCode = null;
        for (RegionName r : regions) {
            if (r.root()) {
                rootCode = r.code();
            }
        }
        for (RegionName r : regions) {
            add(byText, r.name(), r.code());
            add(byText, r.shortName(), r.code());
            String stripped = r.name().replaceAll("(市|县|区)$", "");
            if (stripped.length() >= 2 && !stripped.equals(r.name())) {
                add(byText, stripped, r.code());
            }
            if (r.name().contains("开发区")) {
                add(byText, "经开区", r.code());
                add(byText, "经济技术开发区", r.code());
                for (RegionName root : regions) {
                    if (root.root()) {
                        add(byText, root.name().replaceAll("市$", "") + "经开区", r.code());
                    }
                }
            }
        }
        if (rootCode != null) {
            for (String s : List.of("全市", "我市", "本市", "市本级", "全市域")) {
                byText.put(s, CITY_WORD);
            }
        }
        for (String s : List.of("全县", "我县", "本县", "该县", "全区", "我区", "本区", "该区", "全县域")) {
            byText.put(s, CURRENT);
        }
        List<Alias> list = new ArrayList<>();
        byText.forEach((t, c) -> list.add(new Alias(t, c)));
        list.sort(Comparator.comparingInt((Alias a) -> a.text().length()).reversed().thenComparing(Alias::text));
        this.aliases = List.copyOf(list);
        this.rootCode = rootCode;
        Map<String, String> names = new HashMap<>();
        for (RegionName r : regions) {
            names.put(r.code(), r.name());
        }
        this.names = Map.copyOf(names);
    }

    private final Map<String, String> names;

    /**
     * The region 全市/我市 mean: a county-level city (孝义市) when the article is about it (its headline names it, or
     * it is the text's default region), else the city.
     */
    private String cityWord(String home, boolean homeInHeadline, String defaultRegion) {
        if (home != null && !home.equals(rootCode) && names.getOrDefault(home, "").endsWith("市")
                && (homeInHeadline || home.equals(defaultRegion))) {
            return home;
        }
        return rootCode == null ? UNKNOWN_REGION : rootCode;
    }

    private final String rootCode;

    private static void add(Map<String, String> map, String text, String code) {
        if (text != null && text.length() >= 2) {
            map.putIfAbsent(text, code);
        }
    }

    /**
     * The claims of a text.
     *
     * @param date the text's date (今年 and open periods end there), may be null
     * @param defaultRegion the region an article means when it names none, may be null
     */
    public Result extract(String text, LocalDate date, String defaultRegion) {
        List<Sentence> sentences = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (TextLayout.Segment seg : TextLayout.segments(text == null ? "" : text)) {
            Article article = new Article(seg.index(), home(seg, defaultRegion), date, defaultRegion);
            int paragraphIndex = 0;
            for (String paragraph : seg.paragraphs()) {
                article.newParagraph();
                for (String s : TextLayout.sentences(paragraph)) {
                    int sentenceIndex = sentences.size();
                    sentences.add(new Sentence(sentenceIndex, seg.index(), paragraphIndex, s));
                    if (seg.kind() != TextLayout.Kind.CAPTION) { // a caption states no figure of the report
                        article.read(sentenceIndex, s);
                    }
                }
                paragraphIndex++;
            }
            claims.addAll(article.claims());
        }
        return new Result(sentences, claims);
    }

    /** What a sentence mentions, read in the order written: a region, a period or a value with its unit. */
    sealed interface Mention permits RegionMention, PeriodSpec, Found {
        int start();

        /** At the same place a region is read first, then a period, then a value. */
        int rank();
    }

    /** The mentions of a sentence in reading order. */
    private List<Mention> mentions(String s) {
        List<Mention> out = new ArrayList<>(regions(s));
        out.addAll(periods(s));
        out.addAll(values(s));
        out.sort(Comparator.comparingInt(Mention::start).thenComparingInt(Mention::rank));
        return out;
    }

    /** The region an article is about, and whether its headline names it. */
    private record Home(String code, boolean inHeadline) {}

    /** The first region an article names (全县 and the like name none), else the default region. */
    private Home home(TextLayout.Segment seg, String defaultRegion) {
        boolean inHeadline = false;
        for (String p : seg.paragraphs()) {
            for (var m : regions(p)) {
                if (!m.code().equals(CURRENT)) {
                    String code = m.code().equals(CITY_WORD) ? rootCode : m.code();
                    inHeadline = TextLayout.headingLike(p) && seg.paragraphs().size() > 1;
                    if (code != null) {
                        return new Home(code, inHeadline);
                    }
                    break;
                }
            }
        }
        return new Home(defaultRegion, inHeadline);
    }

    /**
     * One article read sentence by sentence: the region said last holds to the end of its paragraph, the period
     * and the year said last to the end of the article; a value takes both.
     */
    private final class Article {

        /** In a sentence, the indicator and the end of the value before (a 总投资 after 签约项目 is theirs). */
        private static final class Before {
            Family family;
            int end = -1;
            String code;
        }

        private final int segment;
        private final Home home;
        private final LocalDate date;
        private final String defaultRegion;
        private final List<Claim> claims = new ArrayList<>();
        /** Per year, the last month a period from January to a month names: what the article reports on. */
        private final Map<Integer, Integer> reportingMonth = new HashMap<>();
        private Integer yearContext;
        private PeriodSpec period;
        private Integer periodYear;
        private String region;
        private String regionText;

        Article(int segment, Home home, LocalDate date, String defaultRegion) {
            this.segment = segment;
            this.home = home;
            this.date = date;
            this.defaultRegion = defaultRegion;
        }

        void newParagraph() {
            region = home.code();
            regionText = null;
        }

        void read(int sentenceIndex, String s) {
            Before before = new Before();
            for (Mention m : mentions(s)) {
                if (m instanceof RegionMention r) {
                    regionSaid(r);
                } else if (m instanceof PeriodSpec p) {
                    periodSaid(p);
                } else if (m instanceof Found f) {
                    valueSaid(sentenceIndex, s, f, before);
                }
            }
        }

        private void regionSaid(RegionMention m) {
            if (m.code().equals(CURRENT)) {
                if (region == null || region.equals(rootCode) || region.equals(UNKNOWN_REGION)) {
                    region = currentCounty();
                }
            } else if (m.code().equals(CITY_WORD)) {
                region = cityWord(home.code(), home.inHeadline(), defaultRegion);
            } else {
                region = m.code();
            }
            regionText = m.text();
        }

        /** 全县/本县: the article's county, else the default region, unless either is the city. */
        private String currentCounty() {
            String h = home.code();
            return h != null && !h.equals(rootCode) ? h
                    : defaultRegion != null && !defaultRegion.equals(rootCode) ? defaultRegion : UNKNOWN_REGION;
        }

        private void periodSaid(PeriodSpec ps) {
            if (ps.unclear()) {
                period = ps;
                periodYear = null;
                return;
            }
            Integer y = yearOf(ps);
            if (y != null && (ps.year() != null || ps.needsDateYear())) {
                yearContext = y;
            }
            period = ps;
            periodYear = y;
            if (y != null && ps.fromMonth() == 1 && !ps.openEnd() && ps.toMonth() < 12) {
                reportingMonth.merge(y, ps.toMonth(), Math::max);
            }
        }

        /** The year as written, else from the text's date (今年, 去年), else the year said last, else the date's. */
        private Integer yearOf(PeriodSpec ps) {
            Integer y = ps.year() != null ? ps.year()
                    : ps.needsDateYear() ? (date == null ? null : date.getYear() + ps.yearOffset())
                    : yearContext != null ? yearContext
                    : date != null ? date.getYear() : null;
            if (ps.needsDateYear() && y == null && yearContext != null) {
                y = yearContext + ps.yearOffset();
            }
            return y;
        }

        private void valueSaid(int sentenceIndex, String s, Found f, Before before) {
            Family fam = family(s, f, before.family, before.end);
            if (fam == null) {
                return;
            }
            boolean growth = f.unit.equals("%") && f.growthSign != 0;
            String code = growth ? growthIndicator(s, f, before.code) : code(fam, f.unit, before.family);
            if (code == null) {
                return;
            }
            BigDecimal value = growth && f.growthSign < 0 ? f.value.negate() : f.value;
            YearMonth from = null;
            YearMonth to = null;
            if (period != null && !period.unclear() && periodYear != null) {
                from = YearMonth.of(periodYear, period.fromMonth());
                to = period.openEnd() ? null : YearMonth.of(periodYear, period.toMonth());
            }
            claims.add(new Claim(segment, sentenceIndex, f.start, f.end, s.substring(f.start, f.end), code,
                    f.keyword, f.unitShown, value, f.step, f.qualifier, growth, region, regionText, from, to,
                    period == null ? null : period.text()));
            if (!growth) {
                before.family = fam == Family.TOTAL && before.family != null ? before.family : fam;
                before.code = code;
            }
            before.end = f.end;
        }

        /** A growth rate (同比增长8%) is of the indicator its clause names before it, else of the value before. */
        private static String growthIndicator(String s, Found f, String codeBefore) {
            Family own = nearestKeyword(s, clauseStart(s, f.start), f.growthAt);
            return own != null && growthCode(own) != null ? growthCode(own) : codeBefore;
        }

        /** The claims, open periods (2024年以来, 一年来) ending at the month reported on, else at the text's date. */
        List<Claim> claims() {
            return claims.stream().map(this::closed).toList();
        }

        private Claim closed(Claim c) {
            if (c.from() == null || c.to() != null) {
                return c;
            }
            int y = c.from().getYear();
            Integer m = reportingMonth.get(y);
            if (m == null && date != null && date.getYear() == y) {
                m = date.getMonthValue();
            } else if (m == null && (date == null || date.getYear() > y)) {
                m = 12;
            }
            return m == null ? withPeriod(c, null, null) : withPeriod(c, c.from(), YearMonth.of(y, m));
        }
    }

    private static Claim withPeriod(Claim c, YearMonth from, YearMonth to) {
        return new Claim(c.segment(), c.sentence(), c.start(), c.end(), c.written(), c.indicator(), c.keyword(),
                c.unit(), c.value(), c.step(), c.qualifier(), c.growth(), c.regionCode(), c.regionText(), from, to,
                c.periodText());
    }

    // ---- regions ------------------------------------------------------------------------------------------------

    record RegionMention(int start, int end, String code, String text) implements Mention {
        @Override
        public int rank() {
            return 0;
        }
    }

    List<RegionMention> regions(String s) {
        List<RegionMention> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            for (Alias a : aliases) {
                if (s.startsWith(a.text(), i)) {
                    out.add(new RegionMention(i, i + a.text().length(), a.code(), a.text()));
                    i += a.text().length() - 1;
                    break;
                }
            }
        }
        return out;
    }

    // ---- periods ------------------------------------------------------------------------------------------------

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

    static List<PeriodSpec> periods(String s) {
        List<PeriodSpec> found = new ArrayList<>();
        Matcher m;
        m = P_YEAR_RANGE.matcher(s);
        while (m.find()) {
            range(found, m, year(m.group(1)), month(m.group(2)), month(m.group(3)));
        }
        m = P_RANGE.matcher(s);
        while (m.find()) {
            range(found, m, null, month(m.group(1)), month(m.group(2)));
        }
        m = P_UNTIL.matcher(s);
        while (m.find()) {
            range(found, m, m.group(1) == null ? null : year(m.group(1)), 1, month(m.group(2)));
        }
        m = P_YEAR_SINCE.matcher(s);
        while (m.find()) {
            found.add(new PeriodSpec(m.start(), m.end(), year(m.group(1)), 0, 1, 12, true, false, false,
                    m.group()));
        }
        m = P_YEAR_NAMED.matcher(s);
        while (m.find()) {
            int[] r = named(m.group(2));
            found.add(new PeriodSpec(m.start(), m.end(), year(m.group(1)), 0, r[0], r[1], false, false,
                    false, m.group()));
        }
        m = P_YEAR_MONTH.matcher(s);
        while (m.find()) {
            int mo = month(m.group(2));
            if (mo >= 1 && mo <= 12) {
                found.add(new PeriodSpec(m.start(), m.end(), year(m.group(1)), 0, mo, mo, false, false,
                        false, m.group()));
            }
        }
        m = P_YEAR.matcher(s);
        while (m.find()) {
            int y = year(m.group(1));
            if (y >= 1990 && y <= 2100) {
                found.add(new PeriodSpec(m.start(), m.end(), y, 0, 1, 12, false, false, false, m.group()));
            }
        }
        m = P_NAMED.matcher(s);
        while (m.find()) {
            int[] r = named(m.group(1));
            found.add(new PeriodSpec(m.start(), m.end(), null, 0, r[0], r[1], false, false, false, m.group()));
        }
        m = P_THIS_YEAR_SINCE.matcher(s);
        while (m.find()) {
            found.add(new PeriodSpec(m.start(), m.end(), null, 0, 1, 12, true, false, true, m.group()));
        }
        m = P_LAST_YEAR.matcher(s);
        while (m.find()) {
            found.add(new PeriodSpec(m.start(), m.end(), null, -1, 1, 12, false, false, true, m.group()));
        }
        m = P_YEAR_AGO.matcher(s);
        while (m.find()) {
            found.add(new PeriodSpec(m.start(), m.end(), null, 0, 1, 12, true, false, false, m.group()));
        }
        m = P_MONTH.matcher(s);
        while (m.find()) {
            int mo = month(m.group(1));
            if (mo >= 1 && mo <= 12) {
                found.add(new PeriodSpec(m.start(), m.end(), null, 0, mo, mo, false, false, false, m.group()));
            }
        }
        m = P_UNCLEAR.matcher(s);
        while (m.find()) {
            found.add(new PeriodSpec(m.start(), m.end(), null, 0, 1, 12, false, true, false, m.group()));
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

    private static void range(List<PeriodSpec> found, Matcher m, Integer year, int from, int to) {
        if (from >= 1 && to <= 12 && from <= to) {
            found.add(new PeriodSpec(m.start(), m.end(), year, 0, from, to, false, false, false, m.group()));
        }
    }

    private static int[] named(String n) {
        return switch (n.replace("第", "")) {
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

    // ---- values and their indicator ------------------------------------------------------------------------------

    private static final class Found implements Mention {
        int start;
        int end;
        BigDecimal value;
        BigDecimal step;
        String unit;
        String unitShown;
        Qualifier qualifier = Qualifier.EXACT;
        int growthSign;
        int growthAt;
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

    List<Found> values(String s) {
        List<Found> out = new ArrayList<>();
        Matcher m = VALUE.matcher(s);
        while (m.find()) {
            int numStart = m.start(1);
            if (numStart > 0) {
                char before = s.charAt(numStart - 1);
                if (Character.isLetterOrDigit(before) && before < 128 || before == '.') {
                    continue;
                }
            }
            String num = m.group(1);
            String unit = m.group(5);
            String after = s.substring(m.end());
            if (NOT_AFTER_UNIT.matcher(after).find() && !unit.endsWith("元") && !unit.equals("%")
                    || !after.isEmpty() && after.charAt(0) == unit.charAt(unit.length() - 1)) {
                continue;
            }
            if (unit.equals("元") && after.startsWith("素")) {
                continue;
            }
            if (after.startsWith("的") || after.startsWith("之")) {
                continue; // an attribute (投资100亿元的项目), not a figure of the report
            }
            boolean chinese = !Character.isDigit(num.charAt(0));
            BigDecimal n = chinese ? ChineseNumerals.parse(num) : new BigDecimal(num.replace(",", ""));
            if (n == null) {
                continue;
            }
            int scale = chinese ? 0 : Math.max(0, n.scale());
            String mult = m.group(3);
            BigDecimal multiplier = "亿".equals(mult) ? new BigDecimal("100000000")
                    : "万".equals(mult) ? new BigDecimal("10000") : BigDecimal.ONE;
            Found f = new Found();
            f.start = numStart;
            f.end = m.end();
            if (unit.endsWith("元")) {
                // a size band (1亿元以上项目) names an indicator, it is not a value
                Matcher band = BAND_AFTER.matcher(after);
                BigDecimal yuan = n.multiply(unit.equals("亿元") ? new BigDecimal("100000000")
                        : unit.equals("万元") ? new BigDecimal("10000") : multiplier);
                if (band.find()) {
                    continue; // the keyword table reads "亿元以上项目"; 5亿/10亿 bands are handled in family()
                }
                f.unit = "万元";
                f.unitShown = unit.equals("元") ? (mult == null ? "元" : mult + "元") : unit;
                f.value = yuan.divide(new BigDecimal("10000"));
                BigDecimal writtenStep = chinese ? BigDecimal.ONE.movePointRight(trailingZeros(yuan))
                        : BigDecimal.ONE.movePointLeft(scale).multiply(unit.equals("亿元")
                                ? new BigDecimal("100000000") : unit.equals("万元") ? new BigDecimal("10000")
                                : multiplier);
                f.step = writtenStep.divide(new BigDecimal("10000"));
                f.value = f.value.stripTrailingZeros();
                if (f.value.scale() < 0) {
                    f.value = f.value.setScale(0);
                }
            } else {
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
            if (approx.find()) {
                f.qualifier = Qualifier.APPROX;
                f.start = numStart - (head.length() - approx.start());
            } else if (lowerBefore.find()) {
                f.qualifier = Qualifier.LOWER_BOUND;
                f.start = numStart - (head.length() - lowerBefore.start());
            }
            if (unit.equals("%")) {
                String left = s.substring(clauseStart(s, f.start), f.start);
                Matcher g = GROWTH.matcher(left);
                if (g.find()) {
                    f.growthSign = g.group(1).contains("下降") || g.group(1).contains("减少") ? -1 : 1;
                    f.growthAt = clauseStart(s, f.start) + g.start();
                }
            }
            out.add(f);
        }
        return out;
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

    private static final Pattern BAND_NUMBER = Pattern.compile(
            "(\\d+|[一二两三五十]+)亿元?(?:及)?以上(?:的)?(?:签约|产业|工业|招商|重大)?(?:的)?项目");

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
                BigDecimal yi = Character.isDigit(band.group(1).charAt(0)) ? new BigDecimal(band.group(1))
                        : ChineseNumerals.parse(band.group(1));
                best = yi == null ? Family.SIGNED_BAND : yi.intValue() == 1 ? Family.SIGNED_1YI
                        : yi.intValue() == 5 ? Family.SIGNED_5YI : yi.intValue() == 10 ? Family.SIGNED_10YI
                        : Family.SIGNED_BAND;
                bestEnd = band.end();
                text = band.group();
            }
        }
        return best == null ? null : new Hit(best, text);
    }

    /** What a value counts: a noun right after it, else the nearest words before it in its clause, else after. */
    private Family family(String s, Found f, Family previous, int previousEnd) {
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
        if (previous != null && previousEnd >= 0 && clause - 1 == previousEnd && s.charAt(previousEnd) == '、'
                && f.start - clause <= 4) {
            f.keyword = s.substring(clause, f.start);
            return previous;
        }
        return null;
    }

    static BigDecimal round(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP);
    }
}
