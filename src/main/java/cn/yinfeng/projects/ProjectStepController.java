package cn.yinfeng.projects;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The steps taken from the project page: stages, review, follow-ups and funds. Each ends in a redirect to the page
 * with a flash message, or shows the page again with the messages of the refused step.
 */
@Controller
@RequestMapping("/projects")
class ProjectStepController {

    private final ProjectLifecycle lifecycle;
    private final ProjectReviews reviews;
    private final ProjectFollowups followups;
    private final ProjectFunds funds;
    private final ProjectBackfill backfill;
    private final ProjectDetailPage page;
    private final MessageSource messages;

    ProjectStepController(
            ProjectLifecycle lifecycle,
            ProjectReviews reviews,
            ProjectFollowups followups,
            ProjectFunds funds,
            ProjectBackfill backfill,
            ProjectDetailPage page,
            MessageSource messages) {
        this.backfill = backfill;
        this.lifecycle = lifecycle;
        this.reviews = reviews;
        this.followups = followups;
        this.funds = funds;
        this.page = page;
        this.messages = messages;
    }

    @ModelAttribute
    void common(Model model) {
        ProjectDetailPage.common(model);
    }

    @PostMapping("/{id}/advance")
    String advance(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam Stage stage,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return stageStep(id, model, locale, redirect, () -> lifecycle.advance(id, version, stage, date, note));
    }

    @PostMapping("/{id}/hold")
    String hold(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return stageStep(id, model, locale, redirect, () -> lifecycle.hold(id, version, date, reason, note));
    }

    @PostMapping("/{id}/resume")
    String resume(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return stageStep(id, model, locale, redirect, () -> lifecycle.resume(id, version, date, note));
    }

    @PostMapping("/{id}/terminate")
    String terminate(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return stageStep(id, model, locale, redirect, () -> lifecycle.terminate(id, version, date, reason, note));
    }

    @PostMapping("/{id}/loss-reason")
    String explain(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> lifecycle.explain(id, version, reason, note));
    }

    @PostMapping("/{id}/submit")
    String submit(
            @PathVariable long id,
            @RequestParam long version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> reviews.submit(id, version));
    }

    @PostMapping("/{id}/backfilled")
    String backfilled(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam boolean backfilled,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> backfill.mark(id, version, backfilled));
    }

    @PostMapping("/{id}/approve")
    String approve(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) String opinion,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> reviews.approve(id, version, opinion));
    }

    @PostMapping("/{id}/return")
    String returnIt(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) String opinion,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> reviews.returnForChanges(id, version, opinion));
    }

    @PostMapping("/{id}/followups")
    String followup(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String content,
            @RequestParam(required = false) String nextStep,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> followups.addFollowup(id, date, content, nextStep, due));
    }

    @PostMapping("/{id}/funds")
    String fund(
            @PathVariable long id,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String note,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        YearMonth ym;
        try {
            ym = month == null || month.isBlank() ? null : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            ym = null;
        }
        YearMonth m = ym;
        return act(id, model, locale, redirect, () -> funds.addFund(id, m, origin, amount, note));
    }

    @PostMapping("/{id}/funds/{fundId}/delete")
    String deleteFund(
            @PathVariable long id, @PathVariable long fundId, Model model, Locale locale, RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> funds.deleteFund(id, fundId));
    }

    /**
     * A stage step: like {@link #act}, but when it withdrew a submission (待审核 -> 草稿) the flash says so, so the
     * county knows to submit again.
     */
    private String stageStep(long id, Model model, Locale locale, RedirectAttributes redirect, BooleanSupplier action) {
        boolean[] withdrew = {false};
        String view = act(id, model, locale, redirect, () -> withdrew[0] = action.getAsBoolean());
        if (withdrew[0]) {
            redirect.addFlashAttribute("flash", messages.getMessage("projects.stageWithdrew", null, locale));
        }
        return view;
    }

    /** Runs an action; on invalid input re-shows the project page with the messages next to the action. */
    private String act(long id, Model model, Locale locale, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return page.show(id, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/projects/" + id;
    }
}
