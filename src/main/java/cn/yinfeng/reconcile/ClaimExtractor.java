package cn.yinfeng.reconcile;

import static cn.yinfeng.reconcile.Indicators.code;
import static cn.yinfeng.reconcile.Indicators.family;
import static cn.yinfeng.reconcile.Indicators.growthCode;
import static cn.yinfeng.reconcile.Indicators.nearestKeyword;
import static cn.yinfeng.reconcile.ValueFinder.clauseEnd;
import static cn.yinfeng.reconcile.ValueFinder.clauseStart;

import cn.yinfeng.reconcile.Indicators.Family;
import cn.yinfeng.reconcile.PeriodFinder.PeriodSpec;
import cn.yinfeng.reconcile.ValueFinder.Found;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

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

    private static final String CURRENT = RegionWords.CURRENT;

    /** The units of a value that must be listed even when its indicator cannot be read. */
    private static final java.util.Set<String> COUNTING_UNITS =
            java.util.Set.of("个", "项", "家", "次", "批次", "亿元", "万元", "%", "万美元", "亿美元");

    private static final java.util.regex.Pattern LIST_GAP = java.util.regex.Pattern.compile("\\s*(?:、|和|及|与|,)\\s*");
    private static final java.util.regex.Pattern LIST_ITEM =
            java.util.regex.Pattern.compile("\\s*(?:、|和|及|与|,)\\s*\\d+(?:\\.\\d+)?\\s?%");
    private static final String CITY_WORD = RegionWords.CITY_WORD;

    // ---- state --------------------------------------------------------------------------------------------------

    private final RegionWords regionWords;
    private final String rootCode;

    public ClaimExtractor(List<RegionName> regions) {
        this.regionWords = new RegionWords(regions);
        this.rootCode = regionWords.rootCode();
    }

    private String cityWord(String home, boolean homeInHeadline, String defaultRegion) {
        return regionWords.cityWord(home, homeInHeadline, defaultRegion);
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
        out.addAll(PeriodFinder.periods(s));
        out.addAll(ValueFinder.values(s));
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
            /** The codes of the sentence's plain claims so far, in order (分别完成…的 speaks of the last ones). */
            final List<String> codes = new ArrayList<>();
            /** The codes the next shares of a 分别完成年度任务的105.6%、98.4% speak of. */
            final java.util.Deque<String> shares = new java.util.ArrayDeque<>();
            /** For shares of a 同比分别增长14.3%和22.1%, the sign of the growth; 0 for shares of the target. */
            int sharesGrowthSign;
            /** Values whose indicator cannot be read: listed when the sentence carries claims. */
            final List<Claim> unmapped = new ArrayList<>();

            int mapped;
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
        /** The code of the paragraph's last plain claim: a share in the next sentence may speak of it. */
        private String paragraphCode;

        Article(int segment, Home home, LocalDate date, String defaultRegion) {
            this.segment = segment;
            this.home = home;
            this.date = date;
            this.defaultRegion = defaultRegion;
        }

        void newParagraph() {
            region = home.code();
            regionText = null;
            paragraphCode = null;
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
            if (before.mapped > 0) { // a sentence of figures: its unreadable values are listed, never dropped
                claims.addAll(before.unmapped);
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
            return h != null && !h.equals(rootCode)
                    ? h
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
            Integer y = ps.year() != null
                    ? ps.year()
                    : ps.needsDateYear()
                            ? (date == null ? null : date.getYear() + ps.yearOffset())
                            : yearContext != null ? yearContext : date != null ? date.getYear() : null;
            if (ps.needsDateYear() && y == null && yearContext != null) {
                y = yearContext + ps.yearOffset();
            }
            return y;
        }

        private void valueSaid(int sentenceIndex, String s, Found f, Before before) {
            if (f.completion || shareInList(s, f, before)) {
                completionSaid(sentenceIndex, s, f, before);
                return;
            }
            Family fam = family(s, f, before.family, before.end);
            boolean growth = f.unit.equals("%") && f.growthSign != 0;
            String code = null;
            if (fam != null) {
                fam = originFunds(fam, f, before.family);
                code = growth ? growthIndicator(s, f, before.code) : code(fam, f.unit, before.family);
            }
            if (growth && s.substring(clauseStart(s, f.start), f.start).contains("分别")) {
                // 签约项目32个,签约金额186.5亿元,同比分别增长14.3%和22.1%: one rate for each claim before, in order
                int n = 1 + listLength(s, f.end);
                if (n > 1 && before.codes.size() >= n) {
                    List<String> over = before.codes.subList(before.codes.size() - n, before.codes.size());
                    code = over.get(0);
                    before.shares.clear();
                    before.shares.addAll(over.subList(1, n));
                    before.sharesGrowthSign = f.growthSign;
                }
            }
            if (code == null) {
                unmapped(sentenceIndex, s, f, before);
                return;
            }
            BigDecimal value = growth && f.growthSign < 0 ? f.value.negate() : f.value;
            claims.add(claim(sentenceIndex, s, f, code, f.keyword, value, growth, false));
            before.mapped++;
            if (!growth) {
                before.family = fam == Family.TOTAL && before.family != null ? before.family : fam;
                before.code = code;
                before.codes.add(code);
                paragraphCode = code;
            }
            before.end = f.end;
        }

        /**
         * 省外资金 (市外资金) without 到位 is the signed amount from outside (引进省外资金120亿元), unless it follows funds
         * in the same sentence (到位资金386.2亿元,其中省外资金215.7亿元): then the funds from outside.
         */
        private static Family originFunds(Family fam, Found f, Family previous) {
            if (fam != Family.FUNDS_OUT && fam != Family.FUNDS_OUT_CITY
                    || f.keyword == null
                    || f.keyword.contains("到位")
                    || previous == Family.FUNDS
                    || previous == Family.FUNDS_OUT
                    || previous == Family.FUNDS_OUT_CITY
                    || previous == Family.FUNDS_OVERSEAS) {
                return fam;
            }
            return fam == Family.FUNDS_OUT ? Family.SIGNED_OUT_PROVINCE : Family.SIGNED_OUT_CITY;
        }

        /** The second and later shares of a 分别完成年度任务的105.6%、98.4%和101.2%. */
        private static boolean shareInList(String s, Found f, Before before) {
            return !before.shares.isEmpty()
                    && f.unit.equals("%")
                    && f.growthSign == 0
                    && LIST_GAP.matcher(s.substring(Math.max(0, before.end), f.start))
                            .matches();
        }

        /**
         * A share of the annual target (完成年度目标的85.2%): of the indicator its clause names, else of the claim
         * before it; 分别 hands the shares out over the claims before, in order.
         */
        private void completionSaid(int sentenceIndex, String s, Found f, Before before) {
            String code;
            String keyword;
            if (!f.completion) {
                code = before.shares.poll();
                keyword = "分别";
                if (before.sharesGrowthSign != 0) {
                    BigDecimal v = before.sharesGrowthSign < 0 ? f.value.negate() : f.value;
                    claims.add(claim(sentenceIndex, s, f, code, keyword, v, true, false));
                    before.mapped++;
                    before.end = f.end;
                    return;
                }
            } else {
                int clause = clauseStart(s, f.start);
                Family own = nearestKeyword(s, clause, f.completionAt);
                String lead = s.substring(clause, f.start);
                keyword = lead.trim();
                code = own != null && growthCode(own) != null
                        ? growthCode(own)
                        : before.code != null ? before.code : paragraphCode;
                if (lead.contains("分别")
                        || s.substring(Math.min(Math.max(0, before.end), clause), clause)
                                .contains("分别")) {
                    int n = 1 + listLength(s, f.end);
                    if (before.codes.size() >= n) {
                        List<String> over = before.codes.subList(before.codes.size() - n, before.codes.size());
                        code = over.get(0);
                        before.shares.clear();
                        before.shares.addAll(over.subList(1, n));
                        before.sharesGrowthSign = 0;
                    }
                }
            }
            if (code == null) {
                unmapped(sentenceIndex, s, f, before);
                return;
            }
            claims.add(claim(sentenceIndex, s, f, code, keyword, f.value, false, true));
            before.mapped++;
            before.end = f.end;
        }

        /** How many percentages follow in a list (、98.4%和101.2%). */
        private static int listLength(String s, int from) {
            Matcher m = LIST_ITEM.matcher(s.substring(from));
            int n = 0;
            int at = 0;
            while (m.find(at) && m.start() == at) {
                n++;
                at = m.end();
            }
            return n;
        }

        /**
         * A value with a counting unit whose indicator cannot be read: kept as {@link Claim#UNMAPPED} with the words
         * before it in its clause, unless its unit counts people or plain 元 (no statistic of the catalogue's kind).
         */
        private void unmapped(int sentenceIndex, String s, Found f, Before before) {
            before.end = f.end;
            if (!COUNTING_UNITS.contains(f.unitShown)) {
                return;
            }
            // the words of its clause: before it (新建标准化厂房12个), or the whole clause when it names the thing
            // after the value (精选8个事业单位)
            int clause = clauseStart(s, f.start);
            String lead = s.substring(clause, f.start).trim();
            String tail = s.substring(f.end, clauseEnd(s, f.end)).trim();
            String words = tail.isEmpty() ? lead : lead + s.substring(f.start, f.end) + tail;
            words = words.length() > 16 ? words.substring(0, 16) + "…" : words;
            before.unmapped.add(claim(
                    sentenceIndex,
                    s,
                    f,
                    Claim.UNMAPPED,
                    words.isEmpty() ? null : words,
                    f.growthSign < 0 ? f.value.negate() : f.value,
                    false,
                    false));
        }

        private Claim claim(
                int sentenceIndex,
                String s,
                Found f,
                String code,
                String keyword,
                BigDecimal value,
                boolean growth,
                boolean completion) {
            YearMonth from = null;
            YearMonth to = null;
            if (period != null && !period.unclear() && periodYear != null) {
                from = YearMonth.of(periodYear, period.fromMonth());
                to = period.openEnd() ? null : YearMonth.of(periodYear, period.toMonth());
            }
            return new Claim(
                    segment,
                    sentenceIndex,
                    f.start,
                    f.end,
                    s.substring(f.start, f.end),
                    code,
                    keyword,
                    f.unitShown,
                    value,
                    f.step,
                    f.qualifier,
                    growth,
                    completion,
                    region,
                    regionText,
                    from,
                    to,
                    period == null ? null : period.text());
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
        return new Claim(
                c.segment(),
                c.sentence(),
                c.start(),
                c.end(),
                c.written(),
                c.indicator(),
                c.keyword(),
                c.unit(),
                c.value(),
                c.step(),
                c.qualifier(),
                c.growth(),
                c.completion(),
                c.regionCode(),
                c.regionText(),
                from,
                to,
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
        return regionWords.mentions(s);
    }
}
