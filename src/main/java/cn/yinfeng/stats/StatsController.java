package cn.yinfeng.stats;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.targets.Targets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The dashboard, the monthly report (page, xlsx, publishing) and {@code /api/v1/stats}. */
@Controller
@Tag(name = "stats", description = "统计、排名与月报 / statistics, rankings, monthly report")
class StatsController {

    private final Stats stats;
    private final MonthlyReport report;
    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final ProjectLookups projects;

    private final StatsAggregates aggregates;
    private final AuditLog audit;

    StatsController(
            Stats stats,
            MonthlyReport report,
            Targets targets,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages,
            ProjectLookups projects,
            StatsAggregates aggregates,
            AuditLog audit) {
        this.aggregates = aggregates;
        this.audit = audit;
        this.stats = stats;
        this.report = report;
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
        this.projects = projects;
    }

    private YearMonth month(String to, Region region) {
        return to == null || to.isBlank() ? stats.latestMonth(region) : YearMonth.parse(to);
    }

    @GetMapping("/stats")
    String dashboard(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) boolean screen,
            Model model) {
        Region r = stats.region(region);
        YearMonth end = month(to, r);
        model.addAttribute("summary", stats.summary(r.code(), end.withMonth(1), end, null));
        model.addAttribute("ranking", stats.ranking(r.code(), "SIGNED_AMOUNT", end.withMonth(1), end, null, false));
        model.addAttribute("region", r);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("to", end);
        model.addAttribute("screen", screen);
        // a leader sees the projects they own (包联) beside the figures
        var me = currentUser.require();
        model.addAttribute("myProjects", me.hasRole(Role.LEADER) ? projects.ledBy(me.id(), 12) : List.of());
        return "stats/dashboard";
    }

    /** The series the dashboard's charts draw (same figures as the tables beside them). */
    @GetMapping("/stats/data")
    @ResponseBody
    Stats.Dashboard data(@RequestParam(required = false) String region, @RequestParam String to) {
        return stats.dashboard(region, YearMonth.parse(to));
    }

    @GetMapping("/stats/report")
    String reportPage(
            @RequestParam(required = false) String region, @RequestParam(required = false) String to, Model model) {
        Region r = stats.region(region);
        YearMonth end = month(to, r);
        var rep = report.build(r.code(), end.getYear(), end.getMonthValue(), null);
        model.addAttribute("report", rep);
        model.addAttribute("to", end);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        var published = report.published(r.code(), end.getYear(), end.getMonthValue());
        model.addAttribute("published", published);
        model.addAttribute("changes", published.isEmpty() ? List.of() : report.changesSince(published.get(0), rep));
        model.addAttribute("canPublish", currentUser.require().hasRole(Role.CITY_STAFF));
        model.addAttribute("indicatorNames", indicatorNames());
        return "stats/report";
    }

    private Map<String, String> indicatorNames() {
        var names = new LinkedHashMap<String, String>();
        Locale locale = LocaleContextHolder.getLocale();
        targets.indicators().forEach(i -> names.put(i.code(), i.name(locale)));
        return names;
    }

    @GetMapping("/stats/report.xlsx")
    void reportXlsx(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String to,
            HttpServletResponse response)
            throws IOException {
        Region r = stats.region(region);
        YearMonth end = month(to, r);
        var rep = report.build(r.code(), end.getYear(), end.getMonthValue(), null);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(
                                r.name() + end.getYear() + "年1-" + end.getMonthValue() + "月招商引资报表.xlsx",
                                StandardCharsets.UTF_8)
                        .build()
                        .toString());
        report.writeXlsx(rep, response.getOutputStream());
    }

    @PostMapping("/stats/report/publish")
    String publish(
            @RequestParam(required = false) String region,
            @RequestParam String to,
            Locale locale,
            RedirectAttributes redirect) {
        YearMonth end = YearMonth.parse(to);
        report.publish(region, end.getYear(), end.getMonthValue());
        redirect.addFlashAttribute("flash", messages.getMessage("report.published", null, locale));
        return "redirect:/stats/report?region=" + stats.region(region).code() + "&to=" + end;
    }

    // ------------------------------------------------------------------ API

    @GetMapping("/api/v1/stats/summary")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The catalogue's indicators for a region and period (YYYY-MM), with 同比 and target completion; "
                    + "asOf=YYYY-MM-DD recomputes them as they stood that day; rules=current (default), period "
                    + "(the version in force at the period's end) or a version number. Amounts in 万元, exact; "
                    + "the answer names the rule version used.")
    Stats.Summary summary(
            @RequestParam(required = false) String region,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String rules) {
        return stats.summary(region, YearMonth.parse(from), YearMonth.parse(to), asOf, RuleBasis.parse(rules));
    }

    @GetMapping("/api/v1/stats/dashboard")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The dashboard's series for a region up to a month (YYYY-MM): monthly signed amount this year "
                    + "and last, ranking of the units below, chain mix, stage funnel, size bands. Amounts in 万元.")
    Stats.Dashboard apiDashboard(@RequestParam(required = false) String region, @RequestParam String to) {
        return stats.dashboard(region, YearMonth.parse(to));
    }

    /** How long a rebuild and a refresh took, for the operator (and the benchmark). */
    record AggregateRun(String what, int months, long millis) {}

    @PostMapping("/api/v1/stats/aggregates/rebuild")
    @ResponseBody
    @PreAuthorize("hasRole('ADMIN')")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Administrators: recompute the monthly statistics aggregates from the ledger (after loading "
                    + "data with plain SQL, which the change triggers do not see when they are disabled)")
    AggregateRun rebuildAggregates() {
        long t0 = System.nanoTime();
        aggregates.rebuild();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        audit.record("STATS_AGGREGATES_REBUILD", "stats", null, Outcome.SUCCESS, ms + " ms");
        return new AggregateRun("rebuild", 0, ms);
    }

    @PostMapping("/api/v1/stats/aggregates/refresh")
    @ResponseBody
    @PreAuthorize("hasRole('ADMIN')")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Administrators: recompute one month (YYYY-MM) of the statistics aggregates, or with no month "
                    + "the months changes have marked")
    AggregateRun refreshAggregates(@RequestParam(required = false) String month) {
        long t0 = System.nanoTime();
        int n;
        if (month == null || month.isBlank()) {
            n = aggregates.refreshDirty();
        } else {
            aggregates.refreshMonth(YearMonth.parse(month).atDay(1));
            n = 1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        audit.record("STATS_AGGREGATES_REFRESH", "stats", month, Outcome.SUCCESS, n + " month(s), " + ms + " ms");
        return new AggregateRun("refresh", n, ms);
    }

    @GetMapping("/api/v1/stats/ranking")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The units below a region ranked by an indicator (or by=completion); ties share a rank")
    List<Stats.Rank> ranking(
            @RequestParam(required = false) String region,
            @RequestParam String indicator,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "value") String by) {
        return stats.ranking(
                region, indicator, YearMonth.parse(from), YearMonth.parse(to), asOf, "completion".equals(by));
    }

    /** A publication with whether computing it again, as of its instant and under its version, gives its figures. */
    record PublishedCheck(
            long id,
            java.time.Instant publishedAt,
            String publishedBy,
            java.time.Instant asOf,
            int ruleVersion,
            Map<String, java.math.BigDecimal> figures,
            boolean reproduces) {}

    /** A publication just made: its id and the 期号 of the month. */
    record PublishedJson(long id, int issue) {}

    @PostMapping("/api/v1/stats/report/publish")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Publishes the monthly report (YYYY-MM) as it stands now: its figures are frozen with the "
                    + "instant and rule version used; city staff only")
    PublishedJson apiPublish(@RequestParam(required = false) String region, @RequestParam String to) {
        YearMonth end = YearMonth.parse(to);
        long id = report.publish(region, end.getYear(), end.getMonthValue());
        return new PublishedJson(id, report.issueNumber(stats.region(region), end.getYear(), end.getMonthValue()));
    }

    @GetMapping("/api/v1/stats/report/published")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The publications of a monthly report (YYYY-MM), newest first, each computed again as of its "
                    + "instant under the rule version it was made with: reproduces says whether every figure agrees")
    List<PublishedCheck> publishedReports(@RequestParam(required = false) String region, @RequestParam String to) {
        YearMonth end = YearMonth.parse(to);
        return report.published(region, end.getYear(), end.getMonthValue()).stream()
                .map(p -> {
                    var again = report.reproduce(region, p, end.getYear(), end.getMonthValue());
                    var total = again.rows().get(again.rows().size() - 1).values();
                    boolean same = p.figures().entrySet().stream().allMatch(e -> {
                        var now = total.get(e.getKey());
                        return e.getValue() == null ? now == null : now != null && now.compareTo(e.getValue()) == 0;
                    });
                    return new PublishedCheck(
                            p.id(), p.publishedAt(), p.publishedBy(), p.asOf(), p.ruleVersion(), p.figures(), same);
                })
                .toList();
    }

    @GetMapping("/api/v1/stats/report")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The monthly report: one row per unit plus the total, and the briefing paragraph; rules=current "
                    + "(default), period or a version number")
    MonthlyReport.Report apiReport(
            @RequestParam(required = false) String region,
            @RequestParam String to,
            @RequestParam(required = false) String rules) {
        YearMonth end = YearMonth.parse(to);
        int version = stats.rules(RuleBasis.parse(rules), end).version();
        return report.build(region, end.getYear(), end.getMonthValue(), null, version);
    }
}
