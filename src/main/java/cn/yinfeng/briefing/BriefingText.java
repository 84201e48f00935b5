package cn.yinfeng.briefing;

import cn.yinfeng.stats.MonthlyReport;
import cn.yinfeng.stats.YearOnYear;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The 简报's body written from a report's figures, in the city's own phrasing: the overall figures with 同比, the
 * completion of the annual target against 序时进度, the leading and lagging units, the largest projects signed and
 * the deadlines coming up. Plain Java: the same inputs give the same words, in Chinese or English.
 *
 * <p>A growth over nothing is written as "上年同期无签约金额", over a tiny base ({@link YearOnYear})
 * as "上年同期基数较小", never as a percentage in the thousands.
 */
final class BriefingText {

    /** Units named as leading, and at most as lagging. */
    static final int NAMED = 3;

    /** A project among the largest signed: its name, its unit, what it adds to the signed amount (万元). */
    record Largest(String name, String regionName, BigDecimal amount) {}

    /** A deadline coming up: the project, the stage's name (null: the review's deadline), the day it falls due. */
    record Risk(String projectName, String stageName, LocalDate due) {}

    /**
     * What the text is written from. {@code city}: the region is the root (全市, 各县（市、区）); {@code units} the
     * report's rows but the total.
     */
    record Inputs(
            String regionName,
            boolean city,
            int year,
            int month,
            MonthlyReport.Row total,
            List<MonthlyReport.Row> units,
            List<Largest> largest,
            List<Risk> risks) {}

    private BriefingText() {}

    /**
     * Completion minus 序时进度 in percentage points, to one place, as a reader works it out from the text: the
     * completion as written (a percentage to one place) minus elapsed months ÷ 12 × 100.
     */
    static BigDecimal pointsAhead(BigDecimal completion, int month) {
        BigDecimal schedule = BigDecimal.valueOf(month * 100L).divide(BigDecimal.valueOf(12), 4, RoundingMode.HALF_UP);
        return YearOnYear.percent(completion).subtract(schedule).setScale(1, RoundingMode.HALF_UP);
    }

    static List<String> write(Inputs in, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        var out = new ArrayList<String>();
        out.add(en ? overallEn(in) : overall(in));
        String progress = en ? progressEn(in) : progress(in);
        if (!progress.isEmpty()) {
            out.add(progress);
        }
        if (!in.units().isEmpty()) {
            out.add(en ? unitsEn(in) : units(in));
        }
        if (!in.largest().isEmpty()) {
            out.add(en ? largestEn(in) : largest(in));
        }
        out.add(en ? risksEn(in) : risks(in));
        return out;
    }

    // ------------------------------------------------------------------ Chinese

    static String period(int month) {
        return month == 1 ? "1月份" : "1-" + month + "月份";
    }

    private static String overall(Inputs in) {
        var v = in.total().values();
        String who = in.city() ? "全市" : in.regionName();
        var t = new StringBuilder(period(in.month()))
                .append("，")
                .append(who)
                .append("招商引资签约项目")
                .append(count(v.get("SIGNED_COUNT")))
                .append("个，签约金额")
                .append(yi(v.get("SIGNED_AMOUNT")))
                .append("亿元，");
        MonthlyReport.Row total = in.total();
        switch (YearOnYear.of(v.get("SIGNED_AMOUNT"), total.signedAmountPrevious(), total.signedAmountYoy())) {
            case NONE_BEFORE -> t.append("上年同期无签约金额");
            case TINY_BASE -> t.append("上年同期基数较小，不作同比");
            case UP -> t.append("同比增长").append(pct(total.signedAmountYoy())).append('%');
            case DOWN ->
                t.append("同比下降").append(pct(total.signedAmountYoy().negate())).append('%');
            case FLAT -> t.append("与上年同期持平");
        }
        t.append("；其中亿元以上项目").append(count(v.get("SIGNED_1YI_COUNT"))).append("个。");
        t.append("到位资金")
                .append(yi(v.get("FUNDS")))
                .append("亿元，新开工项目")
                .append(count(v.get("STARTED_COUNT")))
                .append("个，新投产项目")
                .append(count(v.get("PRODUCING_COUNT")))
                .append("个。");
        return t.toString();
    }

    private static String progress(Inputs in) {
        MonthlyReport.Row total = in.total();
        if (total.signedAmountCompletion() == null) {
            return "";
        }
        String who = in.city() ? "全市" : in.regionName();
        return who + "签约金额完成年度目标的" + pct(total.signedAmountCompletion()) + "%，" + schedule(total, in.month()) + "。";
    }

    private static String schedule(MonthlyReport.Row row, int month) {
        BigDecimal points = pointsAhead(row.signedAmountCompletion(), month);
        return points.signum() > 0
                ? "快于序时进度" + points.toPlainString() + "个百分点"
                : points.signum() < 0 ? "慢于序时进度" + points.negate().toPlainString() + "个百分点" : "与序时进度持平";
    }

    private static String units(Inputs in) {
        String all = in.city() ? "各县（市、区）" : "各单位";
        List<MonthlyReport.Row> leading = leading(in);
        var t = new StringBuilder("从").append(all).append("看，");
        if (leading.isEmpty()) {
            t.append("本期均无签约金额");
        } else {
            for (int i = 0; i < leading.size(); i++) {
                MonthlyReport.Row r = leading.get(i);
                t.append(i == 0 ? "" : "、")
                        .append(r.regionName())
                        .append("签约金额")
                        .append(yi(r.values().get("SIGNED_AMOUNT")))
                        .append("亿元");
            }
            t.append(leading.size() == 1 ? "，居首位" : "，居前" + chineseCount(leading.size()) + "位");
        }
        List<MonthlyReport.Row> lagging = lagging(in);
        if (!lagging.isEmpty()) {
            t.append("；");
            for (int i = 0; i < lagging.size(); i++) {
                MonthlyReport.Row r = lagging.get(i);
                t.append(i == 0 ? "" : "，")
                        .append(r.regionName())
                        .append("签约金额完成年度目标的")
                        .append(pct(r.signedAmountCompletion()))
                        .append('%');
            }
            t.append("，进度相对滞后");
        } else if (in.units().stream().anyMatch(r -> r.signedAmountCompletion() != null)) {
            t.append("；设有年度目标的单位签约金额均达到序时进度");
        }
        return t.append("。").toString();
    }

    private static String largest(Inputs in) {
        var t = new StringBuilder("签约金额较大的项目有：");
        for (int i = 0; i < in.largest().size(); i++) {
            Largest l = in.largest().get(i);
            t.append(i == 0 ? "" : "，")
                    .append(l.regionName())
                    .append("投资")
                    .append(yi(l.amount()))
                    .append("亿元的")
                    .append(l.name());
        }
        return t.append("。").toString();
    }

    private static String risks(Inputs in) {
        if (in.risks().isEmpty()) {
            return "近期需关注：未来30天内暂无到期的阶段或审核事项。";
        }
        var t = new StringBuilder("近期需关注：");
        for (int i = 0; i < in.risks().size(); i++) {
            Risk r = in.risks().get(i);
            LocalDate d = r.due();
            t.append(i == 0 ? "" : "；")
                    .append(r.projectName())
                    .append(r.stageName() == null ? "审核" : r.stageName() + "阶段")
                    .append("将于")
                    .append(d.getYear())
                    .append('年')
                    .append(d.getMonthValue())
                    .append('月')
                    .append(d.getDayOfMonth())
                    .append("日到期");
        }
        return t.append("，请相关单位抓紧推进。").toString();
    }

    // ------------------------------------------------------------------ English

    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    static String periodEn(int month) {
        return month == 1 ? "In January" : "From January to " + MONTHS[month - 1];
    }

    private static String overallEn(Inputs in) {
        var v = in.total().values();
        String who = in.city() ? "the city" : in.regionName();
        MonthlyReport.Row total = in.total();
        var t = new StringBuilder(periodEn(in.month()))
                .append(", ")
                .append(who)
                .append(" signed ")
                .append(count(v.get("SIGNED_COUNT")))
                .append(" investment projects worth ")
                .append(yi(v.get("SIGNED_AMOUNT")))
                .append(" hundred million yuan, ");
        switch (YearOnYear.of(v.get("SIGNED_AMOUNT"), total.signedAmountPrevious(), total.signedAmountYoy())) {
            case NONE_BEFORE -> t.append("with nothing signed in the same months of last year");
            case TINY_BASE -> t.append("over a small base last year (no growth rate given)");
            case UP -> t.append("up ").append(pct(total.signedAmountYoy())).append("% year on year");
            case DOWN ->
                t.append("down ").append(pct(total.signedAmountYoy().negate())).append("% year on year");
            case FLAT -> t.append("level with last year");
        }
        t.append("; ")
                .append(count(v.get("SIGNED_1YI_COUNT")))
                .append(" of them of 100 million yuan or more. Funds arrived: ")
                .append(yi(v.get("FUNDS")))
                .append(" hundred million yuan; ")
                .append(count(v.get("STARTED_COUNT")))
                .append(" projects started works and ")
                .append(count(v.get("PRODUCING_COUNT")))
                .append(" went into production.");
        return t.toString();
    }

    private static String progressEn(Inputs in) {
        MonthlyReport.Row total = in.total();
        if (total.signedAmountCompletion() == null) {
            return "";
        }
        BigDecimal points = pointsAhead(total.signedAmountCompletion(), in.month());
        String who = in.city() ? "The city" : in.regionName();
        return who + " has reached " + pct(total.signedAmountCompletion()) + "% of its annual signed-amount target, "
                + (points.signum() > 0
                        ? points.toPlainString() + " points ahead of schedule"
                        : points.signum() < 0
                                ? points.negate().toPlainString() + " points behind schedule"
                                : "on schedule")
                + ".";
    }

    private static String unitsEn(Inputs in) {
        List<MonthlyReport.Row> leading = leading(in);
        var t = new StringBuilder();
        if (leading.isEmpty()) {
            t.append("No unit signed any amount in the period");
        } else {
            t.append("Leading units by signed amount: ");
            for (int i = 0; i < leading.size(); i++) {
                MonthlyReport.Row r = leading.get(i);
                t.append(i == 0 ? "" : ", ")
                        .append(r.regionName())
                        .append(" (")
                        .append(yi(r.values().get("SIGNED_AMOUNT")))
                        .append(")");
            }
        }
        List<MonthlyReport.Row> lagging = lagging(in);
        if (!lagging.isEmpty()) {
            t.append("; behind schedule: ");
            for (int i = 0; i < lagging.size(); i++) {
                MonthlyReport.Row r = lagging.get(i);
                t.append(i == 0 ? "" : ", ")
                        .append(r.regionName())
                        .append(" (")
                        .append(pct(r.signedAmountCompletion()))
                        .append("% of target)");
            }
        }
        return t.append(".").toString();
    }

    private static String largestEn(Inputs in) {
        var t = new StringBuilder("The largest projects signed: ");
        for (int i = 0; i < in.largest().size(); i++) {
            Largest l = in.largest().get(i);
            t.append(i == 0 ? "" : "; ")
                    .append(l.name())
                    .append(" (")
                    .append(l.regionName())
                    .append(", ")
                    .append(yi(l.amount()))
                    .append(" hundred million yuan)");
        }
        return t.append(".").toString();
    }

    private static String risksEn(Inputs in) {
        if (in.risks().isEmpty()) {
            return "Coming up: no stage or review falls due in the next 30 days.";
        }
        var t = new StringBuilder("Coming up: ");
        for (int i = 0; i < in.risks().size(); i++) {
            Risk r = in.risks().get(i);
            t.append(i == 0 ? "" : "; ")
                    .append(r.projectName())
                    .append(r.stageName() == null ? ", review" : ", stage " + r.stageName())
                    .append(", due ")
                    .append(r.due());
        }
        return t.append(".").toString();
    }

    // ------------------------------------------------------------------ choices and numbers

    /** The units with the largest signed amount (above zero), at most {@link #NAMED}. */
    static List<MonthlyReport.Row> leading(Inputs in) {
        return in.units().stream()
                .filter(r -> positive(r.values().get("SIGNED_AMOUNT")))
                .sorted(Comparator.comparing((MonthlyReport.Row r) -> r.values().get("SIGNED_AMOUNT"))
                        .reversed()
                        .thenComparing(MonthlyReport.Row::regionCode))
                .limit(NAMED)
                .toList();
    }

    /** The units with a target that are behind 序时进度, furthest behind first, at most {@link #NAMED}. */
    static List<MonthlyReport.Row> lagging(Inputs in) {
        Function<MonthlyReport.Row, BigDecimal> completion = MonthlyReport.Row::signedAmountCompletion;
        return in.units().stream()
                .filter(r -> r.signedAmountCompletion() != null)
                .filter(r -> pointsAhead(r.signedAmountCompletion(), in.month()).signum() < 0)
                .sorted(Comparator.comparing(completion).thenComparing(MonthlyReport.Row::regionCode))
                .limit(NAMED)
                .toList();
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    private static String chineseCount(int n) {
        return n == 2 ? "两" : n == 3 ? "三" : String.valueOf(n);
    }

    /** 万元 as 亿元 to one place, trailing zeros dropped (941.5, 76), as the city's reports write them. */
    /** 万元 as 亿元 the way the report's paragraph writes them (one place, no trailing zero). */
    static String yi(BigDecimal wan) {
        return MonthlyReport.yi(wan);
    }

    static String count(BigDecimal n) {
        return MonthlyReport.count(n);
    }

    /** A share (four places) as a percentage to one place: 0.2214 → 22.1. */
    static String pct(BigDecimal share) {
        return YearOnYear.percent(share).toPlainString();
    }
}
