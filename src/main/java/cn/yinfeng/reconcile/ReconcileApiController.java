package cn.yinfeng.reconcile;

import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/reconcile}: check a text's figures against the ledger; saved checks. Region-scoped. */
@RestController
@RequestMapping("/api/v1/reconcile")
@Tag(name = "reconcile", description = "文稿数据核对 / check the figures of a text against the ledger")
@SecurityRequirement(name = "bearer")
class ReconcileApiController {

    record SaveRequest(String text, LocalDate date, String region, Long reportId) {}

    record LinkRequest(Long reportId, long version) {}

    record Created(long id) {}

    private final ReconcileService service;
    private final ReconcileChecks checks;

    ReconcileApiController(ReconcileService service, ReconcileChecks checks) {
        this.service = service;
        this.checks = checks;
    }

    @PostMapping
    @Operation(
            summary = "Claims of a Chinese text (region, period, indicator, value, qualifier) with the ledger's "
                    + "value and a verdict: AGREES, DISAGREES or CANNOT_CHECK with the reason")
    ReconcileService.Result check(@RequestBody ReconcileService.Request request) {
        return service.check(request);
    }

    @PostMapping("/checks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Check and save a text (optionally linked to a published monthly report)")
    Created save(@RequestBody SaveRequest request) {
        return new Created(checks.save(
                new ReconcileService.Request(request.text(), request.date(), request.region()), request.reportId()));
    }

    @GetMapping("/checks")
    @Operation(
            summary =
                    "Saved checks in the caller's region subtree; sort by created, title, date, claims, " + "disagrees")
    PageResult<ReconcileChecks.Row> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "created") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return checks.search(new ReconcileChecks.Search(q, sort, !"asc".equals(dir), page, size));
    }

    @GetMapping("/checks/{id}")
    ReconcileChecks.Saved get(@PathVariable long id) {
        return checks.find(id);
    }

    @PutMapping("/checks/{id}/report")
    @Operation(summary = "Link a saved check to a published monthly report (null unlinks); stale version is a 409")
    ReconcileChecks.Saved link(@PathVariable long id, @RequestBody LinkRequest request) {
        checks.linkReport(id, request.reportId(), request.version());
        return checks.find(id);
    }

    @GetMapping("/checks/{id}/export.xlsx")
    @Operation(summary = "A saved check as an xlsx workbook, one row per claim (audited)")
    void export(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        checks.find(id);
        response.setContentType(ReconcileController.XLSX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename("reconcile-" + id + ".xlsx")
                        .build()
                        .toString());
        checks.export(id, locale, response.getOutputStream());
    }
}
