package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** The import pages (template, preview, commit, error copy) and their API; the exports are {@link ExportController}'s. */
@Controller
@Tag(name = "ledger", description = "Excel 台账导入导出 / Excel import and export")
class LedgerController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Imports imports;
    private final ImportCommits importCommits;
    private final ImportHistory history;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final Regions regions;
    private final ResultCopies copies;

    LedgerController(
            Imports imports,
            ImportCommits importCommits,
            ImportHistory history,
            CurrentUser currentUser,
            MessageSource messages,
            Regions regions,
            ResultCopies copies) {
        this.copies = copies;
        this.regions = regions;
        this.imports = imports;
        this.importCommits = importCommits;
        this.history = history;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/ledger")
    String page(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "at") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        ImportKind k = ImportKind.of(kind);
        model.addAttribute("kind", k);
        model.addAttribute("kinds", ImportKind.values());
        model.addAttribute("maxMb", imports.maxBytes() / (1024 * 1024));
        model.addAttribute("maxRows", imports.maxRows());
        var search = new ImportHistory.HistorySearch(q, status, sort, !"asc".equals(dir), page);
        model.addAttribute("search", search);
        model.addAttribute("statuses", ImportHistory.STATUSES);
        model.addAttribute("sort", search.sort());
        model.addAttribute("dir", search.desc() ? "desc" : "asc");
        model.addAttribute("batches", history.history(search));
        var visible = regions.visible(currentUser.scope());
        boolean regional =
                imports.handler(k).columns().stream().anyMatch(c -> c.field().equals("region"));
        // the choice matters to those who see more than their own region (the city); a county's rows land at home
        model.addAttribute("landingRegions", regional && visible.size() > 1 ? visible : null);
        return "ledger/index";
    }

    @GetMapping({"/ledger/template.xlsx", "/api/v1/ledger/{kind}/template"})
    @Operation(
            summary = "The xlsx template of a ledger kind (projects, enterprises, funds, trips, delegations): "
                    + "Chinese headers, pick lists, instructions sheet")
    void template(
            @PathVariable(required = false) String kind,
            @RequestParam(name = "kind", required = false) String kindParam,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        ImportKind k = ImportKind.of(kind != null ? kind : kindParam);
        attachment(response, XLSX, messages.getMessage("ledger.templateFile." + k, null, Locale.CHINA) + ".xlsx");
        imports.writeTemplate(k, response.getOutputStream());
    }

    /** Upload: the file is checked at once, its dry run goes on in the background; the batch's page follows it. */
    @PostMapping("/ledger/preview")
    String preview(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean clearBlanks,
            @RequestParam(defaultValue = "false") boolean backfill,
            Model model,
            Locale locale)
            throws IOException {
        ImportKind k = ImportKind.of(kind);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "file.empty");
            }
            return "redirect:/ledger/"
                    + imports.startPreview(
                            k,
                            file.getOriginalFilename(),
                            file.getBytes(),
                            new ImportOptions(regionId, clearBlanks, backfill),
                            locale);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return page(k.path(), null, null, "at", "desc", 0, model);
        }
    }

    /** A batch: its progress while it runs, why it stopped if it failed, else its report. */
    @GetMapping("/ledger/{id:\\d+}")
    String batch(@PathVariable long id, Model model) {
        ImportHistory.Batch batch = history.batch(id);
        model.addAttribute("batch", batch);
        model.addAttribute("fields", imports.handler(batch.kind()).columns());
        return "ledger/batch";
    }

    /**
     * The columns mapped on the batch's page (each {@code column} as written with the {@code field} chosen for it,
     * 忽略 or nothing) and the sheet chosen: remembered for the caller's region, then the dry run runs again.
     */
    @PostMapping("/ledger/{id:\\d+}/mapping")
    String mapping(
            @PathVariable long id,
            @RequestParam(name = "column", required = false) List<String> columns,
            @RequestParam(name = "field", required = false) List<String> fields,
            @RequestParam(required = false) Integer sheet,
            Model model,
            Locale locale) {
        return start(id, model, locale, () -> imports.remap(id, pairs(columns, fields), sheet, null, locale));
    }

    /** Rows the user confirmed are not the duplicates the preview suspected: the dry run runs again with them. */
    @PostMapping("/ledger/{id:\\d+}/confirm")
    String confirm(
            @PathVariable long id,
            @RequestParam(name = "row", required = false) List<Integer> rows,
            Model model,
            Locale locale) {
        return start(
                id,
                model,
                locale,
                () -> imports.remap(id, Map.of(), null, rows == null ? Set.of() : Set.copyOf(rows), locale));
    }

    private static Map<String, String> pairs(List<String> columns, List<String> fields) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; columns != null && i < columns.size(); i++) {
            m.put(columns.get(i), fields != null && i < fields.size() ? fields.get(i) : "");
        }
        return m;
    }

    /**
     * Body of the API's mapping call: column as written → field (or {@code _ignore}, or blank to forget it), the
     * sheet to read, and the rows confirmed not to be the duplicates the preview suspected.
     */
    record MappingRequest(Map<String, String> columns, Integer sheet, Set<Integer> confirmed) {}

    @PostMapping("/api/v1/ledger/{id:\\d+}/mapping")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary =
                    "Map a previewed batch's unrecognised columns to fields (or _ignore), choose its sheet, and/or "
                            + "confirm rows flagged as possible duplicates (their row numbers); "
                            + "the mapping is remembered for the caller's region and kind, and the dry run runs again (poll the batch)")
    ImportHistory.Batch apiMapping(@PathVariable long id, @RequestBody MappingRequest body, Locale locale) {
        imports.remap(id, body.columns() == null ? Map.of() : body.columns(), body.sheet(), body.confirmed(), locale);
        return history.batch(id);
    }

    /** The progress card, polled by the page while the batch runs; when it has finished, the page reloads. */
    @GetMapping("/ledger/{id:\\d+}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        ImportHistory.Batch batch = history.batch(id);
        if (!batch.running() || batch.stale()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("batch", batch);
        return "ledger/batch :: progress";
    }

    @PostMapping("/ledger/{id:\\d+}/commit")
    String commit(@PathVariable long id, Model model, Locale locale) {
        return start(id, model, locale, () -> importCommits.startCommit(id, locale));
    }

    @PostMapping("/ledger/{id:\\d+}/rerun")
    String rerun(@PathVariable long id, Model model, Locale locale) {
        return start(id, model, locale, () -> imports.restartPreview(id, locale));
    }

    /** Starts a run of the batch and follows it on its page; a refusal is shown on the page, above its report. */
    private String start(long id, Model model, Locale locale, Runnable run) {
        try {
            run.run();
        } catch (InvalidInputException e) {
            model.addAttribute("actionErrors", FormErrors.resolve(e, messages, locale));
            return batch(id, model);
        }
        return "redirect:/ledger/" + id;
    }

    @GetMapping("/api/v1/ledger/{id:\\d+}")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "An import of the caller's: status (PREVIEWING, PREVIEWED, COMMITTING, COMMITTED, FAILED), "
                    + "progress of a running one (phase, rows done of total; stale when its instance stopped answering), "
                    + "counts, the rows its report lists (rejected first, at most 1,000) and why it failed")
    ImportHistory.Batch apiBatch(@PathVariable long id) {
        return history.batch(id);
    }

    @GetMapping("/ledger/{id:\\d+}/result.xlsx")
    void errors(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        copies.write(id, locale, format -> {
            attachment(
                    response,
                    switch (format) {
                        case "csv" -> "text/csv";
                        case "xls" -> "application/vnd.ms-excel";
                        default -> XLSX;
                    },
                    "导入结果." + format);
            return response.getOutputStream();
        });
    }

    @PostMapping(value = "/api/v1/ledger/{kind}/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Dry run of a ledger xlsx (kind: projects, enterprises, funds, trips, delegations): per row "
                    + "create/update/unchanged/reject with reasons; nothing is written; the returned batchId commits exactly "
                    + "this file")
    Imports.Report apiPreview(
            @PathVariable String kind,
            @RequestParam MultipartFile file,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean clearBlanks,
            @RequestParam(defaultValue = "false") boolean backfill,
            Locale locale)
            throws IOException {
        return imports.preview(
                ImportKind.of(kind),
                file.getOriginalFilename(),
                file.getBytes(),
                new ImportOptions(regionId, clearBlanks, backfill),
                locale);
    }

    @PostMapping("/api/v1/ledger/{id:\\d+}/commit")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Apply the previewed file's accepted rows in one transaction")
    Imports.Report apiCommit(@PathVariable long id, Locale locale) {
        return importCommits.commit(id, locale);
    }

    /** Sets the type and names the download (RFC 6266, UTF-8). */
    static void attachment(HttpServletResponse response, String type, String name) {
        response.setContentType(type);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8)
                        .build()
                        .toString());
    }
}
