package cn.yinfeng.stats;

import cn.yinfeng.targets.Catalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** A figure's records: {@code /stats/explain} and {@code /api/v1/stats/explain}. */
@Controller
@Tag(name = "stats", description = "统计、排名与月报 / statistics, rankings, monthly report")
class ExplainController {

    private final Stats stats;
    private final Catalogue catalogue;

    ExplainController(Stats stats, Catalogue catalogue) {
        this.stats = stats;
        this.catalogue = catalogue;
    }

    @GetMapping("/stats/explain")
    String page(
            @RequestParam(required = false) String region,
            @RequestParam String indicator,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String rules,
            Model model) {
        RuleBasis basis = RuleBasis.parse(rules);
        var explained = stats.explain(region, indicator, YearMonth.parse(from), YearMonth.parse(to), asOf, basis);
        var version = catalogue.version(explained.ruleVersion());
        model.addAttribute("x", explained);
        model.addAttribute("rules", version);
        model.addAttribute("indicator", version.indicator(indicator).orElseThrow());
        model.addAttribute("asOfDate", asOf);
        return "stats/explain";
    }

    @GetMapping("/api/v1/stats/explain")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The records behind one project figure (region, indicator, period YYYY-MM, asOf, rules): every "
                    + "approved project of the period, counted with its credit weight and what it adds, or left out "
                    + "with its reason (band, origin, type, not key, no USD amount, not counted, excluded type, "
                    + "below threshold, expansion); total is the figure")
    FigureExplanation.Explained explain(
            @RequestParam(required = false) String region,
            @RequestParam String indicator,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String rules) {
        return stats.explain(
                region, indicator, YearMonth.parse(from), YearMonth.parse(to), asOf, RuleBasis.parse(rules));
    }
}
