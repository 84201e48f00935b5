package cn.yinfeng.audit;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit log for administrators: a filtered, sortable list, and the chain check (page and API). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "audit", description = "审计日志 / audit log")
class AuditController {

    private final AuditQueries queries;
    private final AuditLog audit;

    AuditController(AuditQueries queries, AuditLog audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String username, @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome, @RequestParam(defaultValue = "at") String sort,
            @RequestParam(defaultValue = "desc") String dir, @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new AuditSearch(from, to, username, action, outcome, sort, dir, page, 50);
        model.addAttribute("search", search);
        model.addAttribute("result", queries.search(search));
        model.addAttribute("actions", queries.actions());
        model.addAttribute("outcomes", Outcome.values());
        return "audit/list";
    }

    @PostMapping("/admin/audit/verify")
    String verify(Model model) {
        var result = queries.verify();
        audit.record("AUDIT_VERIFY", "audit_log", null, result.intact() ? Outcome.SUCCESS : Outcome.FAILURE,
                result.intact() ? result.rowsChecked() + " rows" : "broken at " + result.brokenAt());
        model.addAttribute("verification", result);
        return list(null, null, null, null, null, "at", "desc", 0, model);
    }

    @GetMapping("/api/v1/audit")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Audit rows, filtered and paged (administrators)")
    AuditQueries.Page api(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String username, @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return queries.search(new AuditSearch(from, to, username, action, outcome, "at", "desc", page, size));
    }

    @GetMapping("/api/v1/audit/verify")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Walk the hash chain and report the first row that does not fit (administrators)")
    AuditQueries.Verification apiVerify() {
        var result = queries.verify();
        audit.record("AUDIT_VERIFY", "audit_log", null, result.intact() ? Outcome.SUCCESS : Outcome.FAILURE,
                result.intact() ? result.rowsChecked() + " rows" : "broken at " + result.brokenAt());
        return result;
    }
}
