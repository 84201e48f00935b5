package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.chains.Chains;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Investment lost to holds and terminations ({@code /losses}, {@code /api/v1/losses}) and the city's list of
 * reasons ({@code /losses/reasons}, {@code /api/v1/loss-reasons}).
 */
@Controller
@Tag(name = "losses", description = "项目流失分析与原因清单 / investment lost and its reasons")
class ProjectLossController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ProjectLosses losses;
    private final ProjectLossExport export;
    private final LossReasons reasons;
    private final Regions regions;
    private final Chains chains;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    ProjectLossController(
            ProjectLosses losses,
            ProjectLossExport export,
            LossReasons reasons,
            Regions regions,
            Chains chains,
            CurrentUser currentUser,
            MessageSource messages) {
        this.losses = losses;
        this.export = export;
        this.reasons = reasons;
        this.regions = regions;
        this.chains = chains;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/losses")
    String page(
            @ParameterObject ProjectLosses.Filter filter,
            @RequestParam(defaultValue = "investment") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        model.addAttribute("filter", filter);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("kinds", ProjectLosses.Kind.values());
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("chains", chains.list(null));
        int thisYear = LocalDate.now(Projects.ZONE).getYear();
        model.addAttribute("years", List.of(thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4));
        Map<String, String> names = reasons.names(locale);
        model.addAttribute("reasonNames", names);
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("canEditReasons", reasons.canEdit());
        try {
            var summary = losses.summary(filter);
            model.addAttribute("summary", summary);
            model.addAttribute("result", losses.list(filter, sort, "desc".equals(dir), Math.max(0, page), 20));
            var chart = new LinkedHashMap<String, Object>();
            chart.put("reasons", summary.byReason());
            chart.put("cells", summary.regionReason());
            chart.put("names", names);
            model.addAttribute("chartJson", JsonMapper.builder().build().writeValueAsString(chart));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
        }
        return "projects/losses";
    }

    @GetMapping({"/losses/export", "/api/v1/losses/export"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Investment lost as xlsx: a summary sheet (by reason, county, chain, year, each with its total"
                    + " row) and the projects behind it, for the same filter as GET /api/v1/losses")
    @ApiResponse(
            responseCode = "200",
            description = "The workbook, as an attachment",
            content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
    void exportXlsx(@ParameterObject ProjectLosses.Filter filter, Locale locale, HttpServletResponse response)
            throws IOException {
        losses.check(filter); // a filter outside the caller's scope is refused before any byte is sent
        response.setContentType(XLSX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(export.fileName(locale), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        export.write(filter, locale, response.getOutputStream());
    }

    @GetMapping("/api/v1/losses")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Investment lost to holds (暂缓) and terminations (终止/退库) in the caller's scope: totals and"
                    + " groups by reason (NONE: no reason recorded), county, chain and year of the step; reason,"
                    + " kind (HELD or ENDED), year, regionId and chainId filter; each total is the sum of its list")
    ProjectLosses.Summary summary(@ParameterObject ProjectLosses.Filter filter) {
        return losses.summary(filter);
    }

    @GetMapping("/api/v1/losses/projects")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The held and ended projects behind GET /api/v1/losses, a page at a time; sort: investment"
                    + " (default), lost, name or region")
    PageResult<ProjectLosses.Row> projects(
            @ParameterObject ProjectLosses.Filter filter,
            @RequestParam(defaultValue = "investment") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return losses.list(filter, sort, "desc".equals(dir), Math.max(0, page), Math.min(Math.max(1, size), 500));
    }

    @GetMapping("/losses/reasons")
    String reasonsPage(Model model) {
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("canEdit", reasons.canEdit());
        return "projects/loss-reasons";
    }

    @PostMapping("/losses/reasons")
    String createReason(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String nameEn,
            @RequestParam(defaultValue = "false") boolean needsNote,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            reasons.create(new LossReasons.Form(code, name, nameEn, needsNote, null, true, null));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("draft", new LossReasons.Form(code, name, nameEn, needsNote, null, true, null));
            return reasonsPage(model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/losses/reasons";
    }

    @PostMapping("/losses/reasons/{code}")
    String updateReason(
            @PathVariable String code,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String nameEn,
            @RequestParam(defaultValue = "false") boolean needsNote,
            @RequestParam(required = false) Integer position,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(required = false) Long version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            reasons.update(code, new LossReasons.Form(code, name, nameEn, needsNote, position, active, version));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("editing", code);
            return reasonsPage(model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/losses/reasons";
    }

    @GetMapping("/api/v1/loss-reasons")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The city's reasons for holds and terminations, retired ones too (active=false), in order")
    List<LossReasons.LossReason> reasonList() {
        return reasons.all();
    }

    @PostMapping("/api/v1/loss-reasons")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A new reason (city staff and administrators); code: capitals, digits and _")
    LossReasons.LossReason createReasonApi(@RequestBody LossReasons.Form form) {
        reasons.create(form);
        return reasons.find(form.code().trim().toUpperCase(Locale.ROOT)).orElseThrow();
    }

    @PutMapping("/api/v1/loss-reasons/{code}")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Rename, reorder, retire (active=false) or restore a reason at the version read; stale is 409")
    LossReasons.LossReason updateReasonApi(@PathVariable String code, @RequestBody LossReasons.Form form) {
        reasons.update(code, form);
        return reasons.find(code).orElseThrow();
    }
}
