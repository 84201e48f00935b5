package cn.yinfeng.targets;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The counting rules page ({@code /rules}) and {@code /api/v1/rule-versions}: read every version, make a new one. */
@Controller
@Tag(name = "rules", description = "认定规则版本与指标定义 / counting rule versions and indicator definitions")
class RuleVersionController {

    private final Catalogue catalogue;
    private final MessageSource messages;

    RuleVersionController(Catalogue catalogue, MessageSource messages) {
        this.catalogue = catalogue;
        this.messages = messages;
    }

    @GetMapping("/rules")
    String page(
            @RequestParam(required = false) Integer version, @RequestParam(required = false) String edit, Model model) {
        List<RuleVersion> versions = catalogue.versions();
        RuleVersion shown = version == null ? catalogue.current() : catalogue.version(version);
        model.addAttribute("versions", versions);
        model.addAttribute("shown", shown);
        model.addAttribute("current", catalogue.current().version());
        model.addAttribute("latest", catalogue.latest());
        model.addAttribute("canEdit", catalogue.canEdit());
        model.addAttribute("origins", IndicatorRules.ORIGINS);
        model.addAttribute("types", IndicatorRules.TYPES);
        model.addAttribute("computations", catalogue.computations());
        if (!model.containsAttribute("form")) {
            Indicator editing =
                    edit == null ? null : catalogue.latest().indicator(edit).orElse(null);
            model.addAttribute(
                    "form",
                    editing == null
                            ? new IndicatorRules.Definition(
                                    null,
                                    null,
                                    null,
                                    "SIGNED_COUNT",
                                    null,
                                    null,
                                    List.of(),
                                    List.of(),
                                    true,
                                    false,
                                    300)
                            : IndicatorRules.Definition.of(editing));
        }
        return "targets/rules";
    }

    /** The indicator form: a new version with one indicator added or changed. */
    @PostMapping("/rules/indicator")
    String saveIndicator(
            @RequestParam int basedOn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String nameZh,
            @RequestParam(required = false) String nameEn,
            @RequestParam(required = false) String computation,
            @RequestParam(required = false) String minTotal,
            @RequestParam(required = false) String maxTotal,
            @RequestParam(required = false) List<String> fundOrigins,
            @RequestParam(required = false) List<String> projectTypes,
            @RequestParam(defaultValue = "false") boolean eligibleOnly,
            @RequestParam(defaultValue = "false") boolean keyOnly,
            @RequestParam(defaultValue = "300") int sortOrder,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        var problems = new ArrayList<InvalidInputException.Problem>();
        BigDecimal min = number(minTotal, "minTotal", problems);
        BigDecimal max = number(maxTotal, "maxTotal", problems);
        var definition = new IndicatorRules.Definition(
                code,
                nameZh,
                nameEn,
                computation,
                min,
                max,
                fundOrigins == null ? List.of() : fundOrigins,
                projectTypes == null ? List.of() : projectTypes,
                eligibleOnly,
                keyOnly,
                sortOrder);
        var change = new Catalogue.Change(basedOn, effectiveFrom, note, null, definition, null);
        try {
            // the numbers that could not be read are problems beside the others, all shown at once
            problems.addAll(catalogue.problems(change));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            RuleVersion v = catalogue.change(change);
            redirect.addFlashAttribute("flash", messages.getMessage("rules.saved", new Object[] {v.version()}, locale));
            return "redirect:/rules?version=" + v.version();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", definition);
            model.addAttribute("effectiveFrom", effectiveFrom);
            model.addAttribute("note", note);
            model.addAttribute("minTotalText", minTotal);
            model.addAttribute("maxTotalText", maxTotal);
            return page(null, null, model);
        }
    }

    private static @Nullable BigDecimal number(
            @Nullable String raw, String field, List<InvalidInputException.Problem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new InvalidInputException.Problem(field, "validation.number"));
            return null;
        }
    }

    // ------------------------------------------------------------------ API

    @GetMapping("/api/v1/rule-versions")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Every counting rule version, newest first, each with its effective date, rules and catalogue")
    List<RuleVersion> versions() {
        return catalogue.versions();
    }

    @GetMapping("/api/v1/rule-versions/{version}")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "One counting rule version with its catalogue")
    RuleVersion version(@PathVariable int version) {
        return catalogue.version(version);
    }

    @GetMapping("/api/v1/rule-versions/in-force")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The counting rule version in force on a day (YYYY-MM-DD; today when absent)")
    RuleVersion inForce(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        return on == null ? catalogue.current() : catalogue.inForce(on);
    }

    @PostMapping("/api/v1/rule-versions")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "City staff: make a new rule version from the latest with a change - the counting rules, one "
                    + "indicator added or changed, or one retired; basedOn is the latest version the caller saw "
                    + "(409 when another was made since)")
    RuleVersion create(@RequestBody Catalogue.Change change) {
        return catalogue.change(change);
    }
}
