package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.LedgerController.XLSX;
import static cn.yinfeng.ledger.LedgerController.attachment;

import cn.yinfeng.activities.Activities;
import cn.yinfeng.audit.AuditSearch;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.ProjectFilter;
import cn.yinfeng.projects.ReviewStatus;
import cn.yinfeng.projects.Stage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The exports of the lists (projects, funds, enterprises, activities, audit log), for the pages and the API. */
@Controller
@Tag(name = "ledger", description = "Excel 台账导入导出 / Excel import and export")
class ExportController {

    private static final String FORMAT = "xlsx (the default) or csv";

    private final Exports exports;
    private final Activities activities;

    ExportController(Exports exports, Activities activities) {
        this.exports = exports;
        this.activities = activities;
    }

    @GetMapping({"/projects/export", "/api/v1/projects/export"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The projects the caller may read, filtered and sorted as the project list filters and sorts "
                    + "them (`sort`, `dir`), without the columns named by `hide`, only `ids` when given (selected "
                    + "rows), xlsx or csv")
    @ExportFile
    void exportProjects(
            @RequestParam(defaultValue = "xlsx") @Parameter(description = FORMAT) String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo,
            @RequestParam(defaultValue = "id") @Parameter(description = "id, name, investment or signed") String sort,
            @RequestParam(defaultValue = "desc") @Parameter(description = "asc or desc") String dir,
            @RequestParam(required = false)
                    @Parameter(
                            description = "list columns left out: region, chain, stage, "
                                    + "investment, signed, leader, review")
                    List<String> hide,
            @RequestParam(required = false) @Parameter(description = "only these projects (at most 2,000)")
                    List<Long> ids,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        if (ids != null && ids.size() > 2000) {
            throw new InvalidInputException("ids", "validation.invalid");
        }
        boolean csv = "csv".equals(format);
        attachment(response, csv ? "text/csv;charset=UTF-8" : XLSX, "项目台账." + (csv ? "csv" : "xlsx"));
        exports.projects(
                new ProjectFilter(
                        q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo),
                sort,
                dir,
                hide == null ? List.of() : hide,
                ids == null || ids.isEmpty() ? null : ids,
                csv ? "csv" : "xlsx",
                locale,
                response.getOutputStream());
    }

    @GetMapping({"/projects/funds/export", "/api/v1/funds/export"})
    @SecurityRequirement(name = "bearer")
    @ExportFile
    @Operation(
            summary = "Funds arrived of the projects the caller may read (optionally one region's subtree and a "
                    + "range of months) as the funds template lists them, xlsx or csv; the file imports back unchanged")
    void exportFunds(
            @RequestParam(defaultValue = "xlsx") @Parameter(description = FORMAT) String format,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to,
            HttpServletResponse response)
            throws IOException {
        boolean csv = "csv".equals(format);
        attachment(response, csv ? "text/csv;charset=UTF-8" : XLSX, "到位资金." + (csv ? "csv" : "xlsx"));
        exports.funds(
                new ProjectFilter(null, regionId, null, null, null, null, null, null, null, null, null),
                from,
                to,
                csv ? "csv" : "xlsx",
                response.getOutputStream());
    }

    @GetMapping({"/enterprises/export", "/api/v1/enterprises/export"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The enterprise registry the caller may read (optionally a name or code, an industry, "
                    + "prospects only) with the columns of the enterprise template, xlsx or csv")
    @ExportFile
    void exportEnterprises(
            @RequestParam(defaultValue = "xlsx") @Parameter(description = FORMAT) String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) Boolean prospect,
            HttpServletResponse response)
            throws IOException {
        boolean csv = "csv".equals(format);
        attachment(response, csv ? "text/csv;charset=UTF-8" : XLSX, "企业库." + (csv ? "csv" : "xlsx"));
        exports.enterprises(
                new Enterprises.Search(q, industry, prospect, "name", false, 0, 200),
                csv ? "csv" : "xlsx",
                response.getOutputStream());
    }

    @GetMapping({"/activities/export", "/api/v1/activities/export"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The activities between two dates in the caller's regions, optionally one region's subtree "
                    + "and one type, xlsx or csv")
    @ExportFile
    void exportActivities(
            @RequestParam(defaultValue = "xlsx") @Parameter(description = FORMAT) String format,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) String type,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        boolean csv = "csv".equals(format);
        attachment(response, csv ? "text/csv;charset=UTF-8" : XLSX, "招商活动." + (csv ? "csv" : "xlsx"));
        exports.activities(
                activities.entries(from, to, regionId, type == null || type.isBlank() ? null : type, null),
                csv ? "csv" : "xlsx",
                locale,
                response.getOutputStream());
    }

    @GetMapping({"/admin/audit/export.csv", "/api/v1/audit/export"})
    @PreAuthorize("hasRole('ADMIN')")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The audit log (administrators only), optionally a range of days, a user name, an action and "
                    + "an outcome, as csv in UTF-8")
    @ApiResponse(
            responseCode = "200",
            description = "The audit rows as a csv attachment",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    void exportAudit(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome,
            HttpServletResponse response)
            throws IOException {
        attachment(response, "text/csv;charset=UTF-8", "审计日志.csv");
        exports.audit(
                new AuditSearch(from, to, username, action, outcome, "at", "desc", 0, 200), response.getOutputStream());
    }
}
