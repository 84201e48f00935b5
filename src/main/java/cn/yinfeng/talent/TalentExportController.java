package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.parse;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The export of the talents list: masked for every user by default; in full only for a granted user who names the
 * purpose and confirms, each file watermarked and audited.
 */
@Controller
@RequestMapping("/talent/talents/export")
class TalentExportController {

    private final TalentExport export;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    TalentExportController(TalentExport export, Regions regions, CurrentUser currentUser, MessageSource messages) {
        this.export = export;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    /** The default export: ID number and phone masked for every user, the file watermarked and audited. */
    @GetMapping
    void exportTalents(
            ListQuery query,
            @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        exportHeaders(response, format);
        export.masked(query, parse(Talents.Degree.class, filter), format, locale, response.getOutputStream());
    }

    /**
     * The confirmation step of a full export (checklist #35): what leaves, for how many people, that it is recorded;
     * the purpose and the confirmation are asked here. Users without the grant get 403 (audited).
     */
    @GetMapping("/full")
    String confirmFullExport(
            ListQuery query,
            @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format,
            Model model) {
        export.requireGrant();
        return fullExportPage(query, filter, format, new TalentExport.FullRequest(null, null, false), null, model);
    }

    /** A full export: grant, purpose and confirmation checked before the file starts; the page again otherwise. */
    @PostMapping("/full")
    String exportTalentsInFull(
            ListQuery query,
            @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) String purposeKind,
            @RequestParam(required = false) String purpose,
            @RequestParam(defaultValue = "false") boolean confirm,
            Model model,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        var request = new TalentExport.FullRequest(parse(TalentExport.Purpose.class, purposeKind), purpose, confirm);
        try {
            export.checkFull(request);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return fullExportPage(query, filter, format, request, FormErrors.resolve(e, messages, locale), model);
        }
        exportHeaders(response, format);
        export.full(query, parse(Talents.Degree.class, filter), format, request, locale, response.getOutputStream());
        return null;
    }

    private String fullExportPage(
            ListQuery query,
            String filter,
            String format,
            TalentExport.FullRequest request,
            Map<String, List<String>> errors,
            Model model) {
        Talents.Degree degree = parse(Talents.Degree.class, filter);
        model.addAttribute("people", export.count(query, degree));
        model.addAttribute("query", query);
        model.addAttribute("filter", degree == null ? null : degree.name());
        model.addAttribute(
                "regionName",
                query.regionId() == null
                        ? null
                        : regions.visible(currentUser.scope()).stream()
                                .filter(r -> r.id() == query.regionId())
                                .map(Region::name)
                                .findFirst()
                                .orElse(null));
        model.addAttribute("format", "csv".equals(format) ? "csv" : "xlsx");
        model.addAttribute("purposes", TalentExport.Purpose.values());
        model.addAttribute("request", request);
        model.addAttribute("errors", errors);
        String back = "/talent/talents?" + TalentController.queryString(query, degree == null ? null : degree.name());
        model.addAttribute("back", back.substring(0, back.length() - 1));
        model.addAttribute(
                "maskedUrl",
                "/talent/talents/export" + back.substring(back.indexOf("?")) + "format="
                        + ("csv".equals(format) ? "csv" : "xlsx"));
        return "talent/export-full";
    }

    static void exportHeaders(HttpServletResponse response, String format) {
        boolean csv = "csv".equals(format);
        response.setContentType(
                csv ? "text/csv;charset=UTF-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"talents." + (csv ? "csv" : "xlsx") + "\"");
    }
}
