package cn.yinfeng.supervision;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.supervision.WarningRules.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The warning-rules page ({@code /supervision/rules}) and {@code /api/v1/warning-rules/{code}}: every rule in words
 * with its numbers, editable by the city's administrators and staff, read-only for the others.
 */
@Controller
@Tag(name = "supervision")
@SecurityRequirement(name = "bearer")
class WarningRulesController {

    /** A rule as the page shows it: its numbers as typed (or as stored) and the problems of the last save. */
    public record RuleView(
            Rule rule, List<RuleNumbers.Field> fields, Map<String, String> values, Map<String, List<String>> errors) {

        public String value(String name) {
            return values.getOrDefault(name, "");
        }

        /** The level as typed after a failed save, else as stored. */
        public String level() {
            return errors == null ? rule.level() : values.getOrDefault("level", rule.level());
        }

        public boolean enabled() {
            return errors == null ? rule.enabled() : "true".equals(values.get("enabled"));
        }

        public List<String> errorsOf(String name) {
            return errors == null ? null : errors.get(name);
        }
    }

    /** The API's change: the numbers by their key in {@code params} (e.g. {@code NEGOTIATING}, {@code days}). */
    record RuleUpdate(String level, boolean enabled, long version, Map<String, Object> params) {}

    private final WarningRules rules;
    private final WarningRuleChanges changes;
    private final MessageSource messages;
    private final Deadlines deadlines;

    WarningRulesController(
            WarningRules rules, WarningRuleChanges changes, MessageSource messages, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.rules = rules;
        this.changes = changes;
        this.messages = messages;
    }

    @GetMapping("/supervision/rules")
    String page(Model model) {
        return page(model, null, null, null);
    }

    private String page(Model model, String failedCode, Map<String, String> typed, Map<String, List<String>> errors) {
        model.addAttribute(
                "rules",
                rules.rules().stream()
                        .map(r -> r.code().equals(failedCode)
                                ? new RuleView(r, RuleNumbers.of(r.code()), typed, errors)
                                : new RuleView(r, RuleNumbers.of(r.code()), WarningRuleChanges.typed(r), null))
                        .toList());
        model.addAttribute("canEdit", changes.canEdit());
        model.addAttribute("failed", failedCode);
        return "supervision/rules";
    }

    @PostMapping("/supervision/rules/{code}")
    String save(
            @PathVariable String code,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        String level = form.get("level");
        boolean enabled = "true".equals(form.get("enabled"));
        long version;
        try {
            version = Long.parseLong(form.getOrDefault("version", "-1"));
        } catch (NumberFormatException e) {
            version = -1;
        }
        try {
            changes.update(code, new WarningRuleChanges.Change(level, enabled, version, form));
            redirect.addFlashAttribute("flash", messages.getMessage("warningRules.saved", null, locale));
            return "redirect:/supervision/rules#rule-" + code;
        } catch (InvalidInputException e) {
            model.addAttribute("errorCount", e.problems().size());
            return page(model, code, form, FormErrors.resolve(e, messages, locale));
        }
    }

    /** The deadlines box of a project's page, loaded by htmx: empty for a project outside the caller's regions. */
    @GetMapping("/supervision/deadlines/project/{id}")
    String projectDeadlines(@PathVariable long id, Model model) {
        model.addAttribute("d", deadlines.ofProject(id).orElse(null));
        return "supervision/deadlines :: project";
    }

    @GetMapping("/api/v1/warning-rules/{code}")
    @ResponseBody
    @Operation(summary = "One warning rule with its level, whether it is on, its parameters and version")
    Rule rule(@PathVariable String code) {
        return rules.rule(code).orElseThrow(() -> new NotFoundException("warning_rule", code));
    }

    @PutMapping("/api/v1/warning-rules/{code}")
    @ResponseBody
    @Operation(
            summary = "Change a warning rule (administrators and city staff): level, on/off, numbers; 409 on a stale "
                    + "version, 400 naming every invalid number; all warnings are evaluated again at once")
    Rule update(@PathVariable String code, @RequestBody RuleUpdate body) {
        var typed = new HashMap<String, String>();
        if (body.params() != null) {
            body.params().forEach((k, v) -> typed.put("param_" + k, v == null ? "" : String.valueOf(v)));
        }
        return changes.update(code, new WarningRuleChanges.Change(body.level(), body.enabled(), body.version(), typed));
    }
}
