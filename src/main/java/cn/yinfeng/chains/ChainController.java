package cn.yinfeng.chains;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
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

/** Chain pages ({@code /chains}) and API ({@code /api/v1/chains}). */
@Controller
@Tag(name = "chains", description = "产业链与招商图谱 / industrial chains")
class ChainController {

    private final Chains chains;
    private final MessageSource messages;

    ChainController(Chains chains, MessageSource messages) {
        this.chains = chains;
        this.messages = messages;
    }

    @GetMapping("/chains")
    String list(@RequestParam(required = false) String set, Model model) {
        model.addAttribute("chains", chains.list(set));
        model.addAttribute("sets", chains.setNames());
        model.addAttribute("set", set);
        model.addAttribute("tiers", Chains.Tier.values());
        model.addAttribute("canEdit", chains.canEditTaxonomy());
        return "chains/list";
    }

    @PostMapping("/chains")
    String create(
            @RequestParam String code,
            @RequestParam String name,
            @RequestParam Chains.Tier tier,
            @RequestParam(required = false) String sets,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            long id = chains.create(new Chains.ChainForm(
                    code, name, tier, null, sets == null ? List.of() : List.of(sets.split("[,，、\\s]+"))));
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/chains/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return list(null, model);
        }
    }

    @GetMapping("/chains/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("detail", chains.detail(id));
        model.addAttribute("segments", Chains.Segment.values());
        model.addAttribute("statuses", Chains.TargetStatus.values());
        model.addAttribute("canEdit", chains.canEditTaxonomy());
        model.addAttribute("canEditTargets", chains.canEditTargets());
        return "chains/detail";
    }

    @PostMapping("/chains/{id}/nodes")
    String addNode(@PathVariable long id, @RequestParam Chains.Segment segment, @RequestParam String name) {
        chains.addNode(id, segment, name);
        return "redirect:/chains/" + id;
    }

    @PostMapping("/chains/{id}/targets")
    String addTarget(@PathVariable long id, @RequestParam long nodeId, @RequestParam String enterpriseName) {
        chains.addTarget(id, nodeId, null, enterpriseName, Chains.TargetStatus.UNTOUCHED);
        return "redirect:/chains/" + id;
    }

    @PostMapping("/chains/{id}/targets/{targetId}")
    String setStatus(
            @PathVariable long id,
            @PathVariable long targetId,
            @RequestParam Chains.TargetStatus status,
            @RequestParam long version) {
        chains.setTargetStatus(targetId, status, version);
        return "redirect:/chains/" + id;
    }

    record TargetStatusChange(Chains.TargetStatus status, long version) {}

    @GetMapping("/api/v1/chains")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Chains with tier, sets and target counts; filter by set name (e.g. 985)")
    List<Chains.Chain> apiList(@RequestParam(required = false) String set) {
        return chains.list(set);
    }

    @GetMapping("/api/v1/chains/{id}")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A chain with its up/mid/downstream nodes and target enterprises (招商图谱)")
    Chains.ChainDetail apiDetail(@PathVariable long id) {
        return chains.detail(id);
    }

    @PostMapping("/api/v1/chains")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a chain (administrators)")
    Chains.Chain apiCreate(@RequestBody Chains.ChainForm form) {
        return chains.find(chains.create(form));
    }

    @PostMapping("/api/v1/chains/targets/{targetId}/status")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Move a target enterprise along (city staff); stale version is a 409")
    void apiTargetStatus(@PathVariable long targetId, @RequestBody TargetStatusChange change) {
        chains.setTargetStatus(targetId, change.status(), change.version());
    }
}
