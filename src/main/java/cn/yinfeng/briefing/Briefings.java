package cn.yinfeng.briefing;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.Times;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.stats.FigureExplanation;
import cn.yinfeng.stats.MonthlyReport;
import cn.yinfeng.stats.Stats;
import cn.yinfeng.supervision.Deadlines;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The month's 简报 from its latest publication: the report computed again as published (as of its instant, under its
 * rule version), the text written from it ({@link BriefingText}), checked ({@link BriefingCheck}) and, only when
 * every number passes, laid out as a {@link BriefingDocument} in the reader's language.
 */
@Service
class Briefings {

    /** Largest projects named, and deadlines listed. */
    static final int LARGEST = 3;

    static final int RISKS = 5;

    /** Days ahead that count as "coming up". */
    static final int RISK_WINDOW = 30;

    /** The units named in the 报头 and 报尾 (the issuer with {region} for the report's region). */
    record Units(String briefingName, String issuer, String sentTo, String copiedTo) {}

    /**
     * A composed 简报: the document, what its check found, the report it was written from and the inputs of the
     * Chinese text the check read.
     */
    record Composed(
            BriefingDocument document,
            BriefingCheck.Result check,
            MonthlyReport.Report report,
            BriefingText.Inputs checkedInputs) {}

    private final Stats stats;
    private final MonthlyReport report;
    private final Regions regions;
    private final Deadlines deadlines;
    private final BriefingCheck checker;
    private final MessageSource messages;
    private final Units units;

    Briefings(
            Stats stats,
            MonthlyReport report,
            Regions regions,
            Deadlines deadlines,
            BriefingCheck checker,
            MessageSource messages,
            @Value("${yinfeng.report.briefing-name:招商引资工作简报}") String briefingName,
            @Value("${yinfeng.report.issuer:{region}投资促进中心}") String issuer,
            @Value("${yinfeng.report.sent-to:市委、市政府领导}") String sentTo,
            @Value("${yinfeng.report.copied-to:各县（市、区）招商引资工作领导小组办公室}") String copiedTo) {
        this.stats = stats;
        this.report = report;
        this.regions = regions;
        this.deadlines = deadlines;
        this.checker = checker;
        this.messages = messages;
        this.units = new Units(briefingName, issuer, sentTo, copiedTo);
    }

    /**
     * The 简报 of a published month, checked; refused (400, with what to do) when the month is not published or when
     * the check finds a number that does not agree with the frozen figures.
     */
    Composed published(String regionCode, YearMonth month, Locale locale, Instant printedAt) {
        Composed composed = checked(regionCode, month, locale, printedAt);
        if (!composed.check().passed()) {
            throw new InvalidInputException(List.of(new Problem(
                    "to",
                    "report.briefingCheckFailed",
                    String.join("；", composed.check().problems()))));
        }
        return composed;
    }

    /**
     * The 简报 of a published month with its check, whatever the check found (the report page shows the text and
     * the check's findings); refused when the month is not published.
     */
    Composed checked(String regionCode, YearMonth month, Locale locale, Instant printedAt) {
        Region r = stats.region(regionCode);
        List<MonthlyReport.Published> published = report.published(r.code(), month.getYear(), month.getMonthValue());
        if (published.isEmpty()) {
            throw new InvalidInputException(List.of(new Problem("to", "report.briefingNeedsPublication")));
        }
        MonthlyReport.Report frozen =
                report.reproduce(r.code(), published.get(0), month.getYear(), month.getMonthValue());
        return compose(frozen, report.issueNumber(r, month.getYear(), month.getMonthValue()), locale, printedAt);
    }

    /** The 简报 of a report (published or not), with its check: the text is always checked in Chinese. */
    Composed compose(MonthlyReport.Report frozen, int issue, Locale locale, Instant printedAt) {
        Named named = named(frozen);
        BriefingText.Inputs inputs = inputs(frozen, named, locale);
        BriefingText.Inputs chinese = locale.getLanguage().equals("zh") ? inputs : inputs(frozen, named, Locale.CHINA);
        String text = String.join("\n", BriefingText.write(chinese, Locale.CHINA));
        BriefingCheck.Result check = checker.check(text, report, frozen, chinese);
        return new Composed(document(frozen, inputs, issue, locale, printedAt), check, frozen, chinese);
    }

    /** What the text names besides the report's rows, read once for both languages. */
    private record Named(List<FigureExplanation.Item> largest, List<Deadlines.Due> due) {}

    private Named named(MonthlyReport.Report frozen) {
        Region region = frozen.region();
        YearMonth to = YearMonth.of(frozen.year(), frozen.month());
        return new Named(
                stats.largest(
                        region, "SIGNED_AMOUNT", to.withMonth(1), to, frozen.asOf(), frozen.ruleVersion(), LARGEST),
                deadlines.dueWithin(regions.scopeOf(region.id()), RISK_WINDOW, RISKS));
    }

    private BriefingText.Inputs inputs(MonthlyReport.Report frozen, Named named, Locale locale) {
        Region region = frozen.region();
        var largest = named.largest().stream()
                .filter(i -> i.adds() != null && i.adds().signum() > 0)
                .map(i -> new BriefingText.Largest(i.label(), i.regionName(), i.adds()))
                .toList();
        var risks = named.due().stream()
                .map(d -> new BriefingText.Risk(
                        d.name(),
                        d.kind().equals("REVIEW")
                                ? null
                                : messages.getMessage("stage." + d.stage(), null, d.stage(), locale),
                        d.deadline().due()))
                .toList();
        List<MonthlyReport.Row> rows = frozen.rows();
        return new BriefingText.Inputs(
                region.name(),
                region.parentId() == null,
                frozen.year(),
                frozen.month(),
                rows.get(rows.size() - 1),
                rows.subList(0, rows.size() - 1),
                largest,
                risks);
    }

    private BriefingDocument document(
            MonthlyReport.Report frozen, BriefingText.Inputs inputs, int issue, Locale locale, Instant printedAt) {
        boolean en = locale.getLanguage().equals("en");
        String region = frozen.region().name();
        String issuer = units.issuer().replace("{region}", region);
        String date = en ? Times.format(printedAt, "yyyy-MM-dd") : Times.format(printedAt, "yyyy年M月d日");
        var rows = new ArrayList<BriefingDocument.Row>();
        for (MonthlyReport.Row row : frozen.rows()) {
            rows.add(new BriefingDocument.Row(cells(row, en), row.total()));
        }
        List<MonthlyReport.Row> chartRows = inputs.units().isEmpty() ? List.of(inputs.total()) : inputs.units();
        var chart = new BriefingDocument.Chart(
                en ? "Signed amount by unit (100 million yuan)" : "各单位签约金额（亿元）",
                en ? "Signed amount" : "签约金额",
                en ? "100 million yuan" : "亿元",
                chartRows.stream().map(MonthlyReport.Row::regionName).toList(),
                chartRows.stream()
                        .map(r -> r.values().get("SIGNED_AMOUNT") == null
                                ? BigDecimal.ZERO
                                : r.values().get("SIGNED_AMOUNT").movePointLeft(4))
                        .toList());
        String asOf = Times.format(frozen.asOf(), "yyyy-MM-dd HH:mm");
        return new BriefingDocument(
                en ? "Investment Promotion Briefing" : units.briefingName(),
                en ? "No. " + issue : "第" + issue + "期",
                issuer,
                date,
                title(frozen, en),
                BriefingText.write(inputs, locale),
                en
                        ? "Annex: " + region + ", investment promotion, " + BriefingText.periodEn(frozen.month()) + " "
                                + frozen.year()
                        : "附：" + region + frozen.year() + "年1-" + frozen.month() + "月招商引资工作进展情况表",
                en ? HEADS_EN : HEADS,
                rows,
                en
                        ? "Basis: projects approved by the city, as of " + asOf
                                + "; projects in numbers, amounts in 100 million yuan; counting rules version "
                                + frozen.ruleVersion() + "."
                        : "数据口径：经市级审核通过的项目，截至 " + asOf + "；项目单位：个，金额单位：亿元；认定规则第 " + frozen.ruleVersion() + " 版。",
                chart,
                (en ? "To: " : "报送：") + units.sentTo(),
                (en ? "Copy: " : "抄送：") + units.copiedTo(),
                en ? "Printed " + date : date + "印发");
    }

    static String title(MonthlyReport.Report report, boolean en) {
        return en
                ? report.region().name() + ": investment promotion, " + BriefingText.periodEn(report.month()) + " "
                        + report.year()
                : report.region().name() + report.year() + "年1-" + report.month() + "月招商引资工作进展情况";
    }

    static final List<String> HEADS =
            List.of("单位", "签约项目", "签约金额", "亿元以上项目", "到位资金", "开工", "投产", "履约率", "开工率", "签约金额同比", "年度目标", "完成率");

    static final List<String> HEADS_EN = List.of(
            "Unit",
            "Projects signed",
            "Signed amount",
            "Of 100 million+",
            "Funds arrived",
            "Started",
            "In production",
            "Performance rate",
            "Start rate",
            "Signed amount YoY",
            "Annual target",
            "Completion");

    private static List<String> cells(MonthlyReport.Row row, boolean en) {
        var v = row.values();
        return List.of(
                row.total() ? (en ? "Total" : "合计") : row.regionName(),
                BriefingText.count(v.get("SIGNED_COUNT")),
                yi(v.get("SIGNED_AMOUNT")),
                BriefingText.count(v.get("SIGNED_1YI_COUNT")),
                yi(v.get("FUNDS")),
                BriefingText.count(v.get("STARTED_COUNT")),
                BriefingText.count(v.get("PRODUCING_COUNT")),
                percent(v.get("PERFORMANCE_RATE")),
                percent(v.get("START_RATE")),
                percent(row.signedAmountYoy()),
                row.signedAmountTarget() == null ? "—" : yi(row.signedAmountTarget()),
                percent(row.signedAmountCompletion()));
    }

    /** 万元 as 亿元 with two decimals, as the report's table shows them. */
    static String yi(BigDecimal wan) {
        return wan == null
                ? "0.00"
                : wan.movePointLeft(4).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String percent(BigDecimal rate) {
        return rate == null
                ? "—"
                : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
