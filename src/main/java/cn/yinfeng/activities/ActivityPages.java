package cn.yinfeng.activities;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The activities overview (figures, calendar, list) and the per-leader list. */
@Controller
@RequestMapping("/activities")
class ActivityPages {

    /** A calendar cell: a day of the shown month (or null padding) and its activities. */
    record Day(LocalDate date, List<Activities.Entry> entries) {}

    private final Activities activities;
    private final ActivityFigures figures;
    private final ActivitySupport support;

    ActivityPages(Activities activities, ActivityFigures figures, ActivitySupport support) {
        this.activities = activities;
        this.figures = figures;
        this.support = support;
    }

    /** The month with the latest done activity in scope: where a user wants to land. */
    private YearMonth latestMonth() {
        var entries = activities.entries(LocalDate.of(2000, 1, 1), support.today(), null, null, null);
        return entries.isEmpty()
                ? YearMonth.from(support.today())
                : YearMonth.from(entries.get(0).date());
    }

    @GetMapping
    String index(
            @RequestParam(required = false) String month,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            Model model) {
        YearMonth ym = month == null || month.isBlank() ? latestMonth() : YearMonth.parse(month);
        LocalDate yearFrom = LocalDate.of(ym.getYear(), 1, 1);
        LocalDate monthEnd = ym.atEndOfMonth();
        // 1-N月: the figures run from January to the end of the shown month, as reports quote them
        model.addAttribute("figures", figures.figures(regionId, yearFrom, monthEnd));
        var entries = activities.entries(ym.atDay(1), monthEnd, regionId, blankToNull(type), null);
        // a figure's records: the list for the whole period it counts (1-N月), the calendar stays on the month
        model.addAttribute(
                "entries",
                from != null && to != null ? activities.entries(from, to, regionId, blankToNull(type), null) : entries);
        model.addAttribute("drill", from != null && to != null);
        model.addAttribute("yearFrom", yearFrom);
        model.addAttribute("monthEnd", monthEnd);
        model.addAttribute("days", days(ym, entries));
        model.addAttribute("month", ym);
        model.addAttribute("prevMonth", ym.minusMonths(1));
        model.addAttribute("nextMonth", ym.plusMonths(1));
        model.addAttribute("regionId", regionId);
        model.addAttribute("type", type);
        return "activities/index";
    }

    /** The month's calendar from Monday: padding cells, then each day with the activities running on it. */
    private static List<Day> days(YearMonth ym, List<Activities.Entry> entries) {
        var days = new ArrayList<Day>();
        int pad = ym.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        for (int i = 0; i < pad; i++) {
            days.add(new Day(null, List.of()));
        }
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate date = ym.atDay(d);
            days.add(new Day(
                    date,
                    entries.stream()
                            .filter(e -> !date.isBefore(e.date()) && !date.isAfter(e.endDate()))
                            .toList()));
        }
        return days;
    }

    @GetMapping("/leaders")
    String leaders(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? latestMonth().getYear() : year;
        model.addAttribute("year", y);
        model.addAttribute("byLeader", activities.byLeader(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)));
        return "activities/leaders";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
