package cn.yinfeng.stats;

import cn.yinfeng.targets.Catalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A figure's records: {@code /stats/explain} and {@code /api/v1/stats/explain}, and their export
 * ({@code /stats/explain/export}, {@code /api/v1/stats/explain/export}).
 */
@Controller
@Tag(name = "stats", description = "统计、排名与月报 / statistics, rankings, monthly report")
class ExplainController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Stats stats;
    private final Catalogue catalogue;
    private final ExplanationExport export;

    ExplainController(Stats stats, Catalogue catalogue, ExplanationExport export) {
        this.stats = stats;
        this.catalogue = catalogue;
        this.export = export;
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
        model.addAttribute("rulesParam", rules);
        var ind = version.indicator(indicator).orElseThrow();
        model.addAttribute("indicator", ind);
        // projects and funds show their origin and total investment; activities and talent have none
        model.addAttribute(
                "projectColumns",
                FigureExplanation.explainsInSql(ind)
                        && !cn.yinfeng.targets.IndicatorRules.ACTIVITY.contains(ind.computation()));
        model.addAttribute("asOfDate", asOf);
        model.addAttribute(
                "asOfNote",
                asOf == null ? null : stats.asOfRecords(region, YearMonth.parse(from), YearMonth.parse(to), asOf));
        return "stats/explain";
    }

    @GetMapping("/api/v1/stats/explain")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The records behind one figure (region, indicator, period YYYY-MM, asOf, rules): every record of "
                    + "the period (approved projects, fund records, key projects, trips, visited enterprises, "
                    + "delegations, talents, training attendances), counted with its credit weight and what it adds, or "
                    + "left out with its reason; total is the figure (a rate: numerator ÷ denominator over its cohorts). "
                    + "At most 2000 rows are listed; the export lists all")
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

    @GetMapping({"/stats/explain/export", "/api/v1/stats/explain/export"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The records behind one figure as a file, every row (no limit): a title line (indicator, region, "
                    + "period, as-of, rule version), the counted rows, then those left out with the reason in words "
                    + "(Chinese, or English for an English locale), and the total row (a rate: numerator, denominator, "
                    + "rate); xlsx or csv in UTF-8 with BOM")
    @ApiResponse(
            responseCode = "200",
            description = "The file, as an attachment (xlsx, or csv when format=csv)",
            content = {
                @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))
            })
    void export(
            @RequestParam(required = false) String region,
            @RequestParam String indicator,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String rules,
            @RequestParam(defaultValue = "xlsx") @Parameter(description = "xlsx (the default) or csv") String format,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        RuleBasis basis = RuleBasis.parse(rules);
        YearMonth f = YearMonth.parse(from);
        YearMonth t = YearMonth.parse(to);
        String name = export.fileName(indicator, format, t, basis, locale);
        response.setContentType(format.equals("csv") ? "text/csv;charset=UTF-8" : XLSX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8)
                        .build()
                        .toString());
        export.write(region, indicator, f, t, asOf, basis, format, locale, response.getOutputStream());
    }
}
