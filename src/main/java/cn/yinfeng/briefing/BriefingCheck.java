package cn.yinfeng.briefing;

import cn.yinfeng.reconcile.ReconcileService;
import cn.yinfeng.stats.MonthlyReport;
import cn.yinfeng.stats.Stats;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The 简报's text checked before it is offered, by the same checker that reconciles newspapers with the ledger: every
 * statistical claim it finds must agree with the publication's frozen figures (the report's rows, one summary per
 * unit), and every other number in the text must be one the checker can account for — a date, a duration, the points
 * ahead of or behind 序时进度 recomputed from the completion before it, or the amount of a named largest project.
 * A number nobody can account for is a problem, so a sentence the checker cannot read fails the check instead of
 * slipping through.
 */
@Component
class BriefingCheck {

    /** A number with what follows it. */
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)(亿元|个百分点|个|%|年|月份|月|日|天|位|-)?");

    private static final Pattern POINTS =
            Pattern.compile("完成年度目标的(\\d+(?:\\.\\d+)?)%，(快于|慢于)序时进度(\\d+(?:\\.\\d+)?)个百分点");

    private static final Pattern LARGEST = Pattern.compile("投资(\\d+(?:\\.\\d+)?)亿元的");

    /** What the check found: the claims read and agreeing, and every problem in words. */
    record Result(int claims, int agreed, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private final ReconcileService reconcile;

    BriefingCheck(ReconcileService reconcile) {
        this.reconcile = reconcile;
    }

    Result check(String text, MonthlyReport report, MonthlyReport.Report frozen, BriefingText.Inputs inputs) {
        Map<String, Stats.Summary> byRegion = new HashMap<>();
        for (MonthlyReport.Row row : frozen.rows()) {
            byRegion.put(row.regionCode(), report.asSummary(frozen, row));
        }
        YearMonth months = YearMonth.of(frozen.year(), frozen.month());
        ReconcileService.Figures figures = (region, from, to) -> from.equals(months.withMonth(1)) && to.equals(months)
                ? Optional.ofNullable(byRegion.get(region))
                : Optional.empty();
        LocalDate date = months.atEndOfMonth();
        var result = reconcile.check(
                new ReconcileService.Request(text, date, frozen.region().code()), figures);

        var problems = new ArrayList<String>();
        var accounted = new ArrayList<String>(); // the written values the checker read, each used once
        for (ReconcileService.Checked c : result.claims()) {
            if (c.verdict() != ReconcileService.Verdict.AGREES) {
                problems.add(c.written() + "（" + c.regionName() + " " + c.indicatorName() + "）："
                        + (c.ledgerShown() == null ? c.reason() : "报表为 " + c.ledgerShown()));
            } else {
                accounted.add(c.written().replace(" ", ""));
            }
        }

        String rest = text;
        for (BriefingText.Largest l : inputs.largest()) {
            rest = rest.replace(l.name(), "〔项目〕"); // numbers inside a project's name are its name
        }
        for (BriefingText.Risk r : inputs.risks()) {
            rest = rest.replace(r.projectName(), "〔项目〕");
        }
        Matcher points = POINTS.matcher(rest);
        var pointsOk = new ArrayList<String>();
        while (points.find()) {
            BigDecimal completion = new BigDecimal(points.group(1)).movePointLeft(2);
            BigDecimal expected =
                    BriefingText.pointsAhead(completion, frozen.month()).abs();
            if (new BigDecimal(points.group(3)).compareTo(expected) != 0) {
                problems.add(points.group(3) + "个百分点：按完成率与序时进度应为 " + expected.toPlainString());
            }
            pointsOk.add(points.group(3));
        }
        Matcher big = LARGEST.matcher(rest);
        var largestOk = new ArrayList<String>();
        int i = 0;
        while (big.find()) {
            String expected = i < inputs.largest().size()
                    ? BriefingText.yi(inputs.largest().get(i).amount())
                    : null;
            if (!big.group(1).equals(expected)) {
                problems.add("投资" + big.group(1) + "亿元：项目清单为 " + expected);
            }
            largestOk.add(big.group(1));
            i++;
        }
        Matcher n = NUMBER.matcher(rest);
        while (n.find()) {
            String unit = n.group(2) == null ? "" : n.group(2);
            String written = n.group(1) + unit;
            if (unit.equals("-")
                    || unit.equals("年")
                    || unit.equals("月")
                    || unit.equals("月份")
                    || unit.equals("日")
                    || unit.equals("天")) {
                continue; // dates, periods and durations
            }
            if (unit.equals("个百分点") && pointsOk.remove(n.group(1))) {
                continue;
            }
            if (unit.equals("亿元") && rest.startsWith("的", n.end()) && largestOk.remove(n.group(1))) {
                continue;
            }
            if (accounted.remove(written)) {
                continue;
            }
            problems.add(written + "：检查未能核对这个数");
        }
        return new Result(result.claims().size(), result.agrees(), problems);
    }
}
