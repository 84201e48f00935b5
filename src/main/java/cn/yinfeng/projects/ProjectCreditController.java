package cn.yinfeng.projects;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Split credit (异地引进分成): {@code /projects/credits}, the splits a county answers and those it waits for, with
 * confirm, dispute and confirm-in-batch; and {@code /api/v1/project-credits}.
 */
@Controller
@Tag(name = "projects", description = "项目台账 / project ledger")
class ProjectCreditController {

    /** An answer: CONFIRMED, or DISPUTED with a note; {@code version} of the project as read. */
    record DecisionRequest(ProjectCredits.State decision, String note, Long version) {}

    private final ProjectCredits credits;
    private final MessageSource messages;

    ProjectCreditController(ProjectCredits credits, MessageSource messages) {
        this.credits = credits;
        this.messages = messages;
    }

    @GetMapping("/projects/credits")
    String page(
            @RequestParam(defaultValue = "ATTRACTING") ProjectCredits.Side side,
            @RequestParam(required = false) ProjectCredits.State state,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new ProjectCredits.Search(side, state, q, page, 20);
        model.addAttribute("search", search);
        model.addAttribute("result", credits.search(search));
        model.addAttribute("states", ProjectCredits.State.values());
        model.addAttribute("sort", "");
        model.addAttribute("dir", "");
        return "projects/credits";
    }

    /** One answer from the list or the project page; back to where it was given. */
    @PostMapping("/projects/{id}/credit")
    String decide(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam ProjectCredits.State decision,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String back,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            credits.decide(id, version, decision, note);
            redirect.addFlashAttribute("flash", messages.getMessage("credit.saved." + decision, null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "creditErrors",
                    FormErrors.resolve(e, messages, locale).values().stream()
                            .flatMap(List::stream)
                            .toList());
            redirect.addFlashAttribute("creditProject", id);
            redirect.addFlashAttribute("creditNote", note);
        }
        return "ATTRACTING".equals(back) || "LANDING".equals(back)
                ? "redirect:/projects/credits?side=" + back
                : "redirect:/projects/" + id;
    }

    /** Confirms the chosen splits together: all or none (a stale one stops the batch with its 409). */
    @PostMapping("/projects/credits/confirm")
    String confirmAll(
            @RequestParam(name = "pick", required = false) List<String> picked,
            Locale locale,
            RedirectAttributes redirect) {
        int n = credits.confirmAll(picked == null ? List.of() : picked);
        redirect.addFlashAttribute("flash", messages.getMessage("credit.confirmedMany", new Object[] {n}, locale));
        return "redirect:/projects/credits?side=ATTRACTING";
    }

    @GetMapping("/api/v1/project-credits")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Split credits (异地引进分成) seen from one side: ATTRACTING (to answer) or LANDING (answers "
                    + "awaited); state PENDING, CONFIRMED or DISPUTED; q on name or code")
    PageResult<ProjectCredits.Split> list(
            @RequestParam(defaultValue = "ATTRACTING") ProjectCredits.Side side,
            @RequestParam(required = false) ProjectCredits.State state,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return credits.search(new ProjectCredits.Search(side, state, q, page, size));
    }

    @PostMapping("/api/v1/projects/{id}/credit-decisions")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The attracting county (or the city) confirms its share of a project, or disputes it with a "
                    + "note; version as read (409 when stale). The landing county is told.")
    ProjectCredits.Split decideApi(@PathVariable long id, @RequestBody DecisionRequest r) {
        if (r.version() == null) {
            throw new InvalidInputException("version", "validation.required");
        }
        if (r.decision() == null) {
            throw new InvalidInputException("decision", "validation.required");
        }
        credits.decide(id, r.version(), r.decision(), r.note());
        return credits.of(id);
    }
}
