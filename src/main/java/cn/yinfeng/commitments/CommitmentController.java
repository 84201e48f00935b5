package cn.yinfeng.commitments;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.commitments.CommitmentRule.Kind;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.Pager;
import cn.yinfeng.common.TypedDates;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of commitments: the performance board with the red list ({@code /commitments}), the card on a project's
 * page, and the forms that record a commitment and a year's actual. Amounts and dates are read as typed (1,234.5;
 * 2026/3/5) and come back with their errors.
 */
@Controller
class CommitmentController {

    private static final Set<String> NOT_FILTERS = Set.of("page", "pageNo", "lang", "_csrf");

    private final Commitments commitments;
    private final CommitmentBoard board;
    private final Projects projects;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    CommitmentController(
            Commitments commitments,
            CommitmentBoard board,
            Projects projects,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages) {
        this.commitments = commitments;
        this.board = board;
        this.projects = projects;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/commitments")
    String page(
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer pageNo,
            HttpServletRequest request,
            Model model) {
        int current = pageNo == null ? Math.max(0, page) : Math.max(0, pageNo - 1);
        var b = board.board();
        var red = board.redList(regionId, current, 20);
        var hidden = new ArrayList<>(Pager.params(request.getParameterMap(), NOT_FILTERS));
        model.addAttribute(
                "pager", Pager.of(red, request.getRequestURI() + "?" + Pager.query(hidden), hidden, List.of()));
        model.addAttribute("board", b);
        model.addAttribute("red", red);
        model.addAttribute("regionId", regionId);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute(
                "chartJson", JsonMapper.builder().build().writeValueAsString(Map.of("counties", b.counties())));
        return "commitments/board";
    }

    /** The card of a project's commitments and actuals, loaded into the project page. */
    @GetMapping("/commitments/project/{projectId}")
    String card(@PathVariable long projectId, Model model) {
        Project p = projects.find(projectId);
        model.addAttribute("projectId", projectId);
        model.addAttribute("card", commitments.card(projectId));
        model.addAttribute("canWrite", commitments.canWrite(p));
        return "commitments/card :: card";
    }

    @GetMapping("/commitments/project/{projectId}/new")
    String newCommitment(@PathVariable long projectId, Model model) {
        model.addAttribute("typed", new Typed(null, null, null, null, null, null));
        return form(projects.find(projectId), null, model);
    }

    @PostMapping("/commitments/project/{projectId}")
    String create(@PathVariable long projectId, Typed typed, Model model, Locale locale, RedirectAttributes redirect) {
        Project p = projects.find(projectId);
        var problems = new ArrayList<Problem>();
        var form = typed.read(problems);
        try {
            commitments.add(projectId, form, problems);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("typed", typed);
            return form(p, null, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("commitment.saved", null, locale));
        return "redirect:/projects/" + projectId;
    }

    @GetMapping("/commitments/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var c = commitments.find(id);
        model.addAttribute(
                "typed",
                new Typed(
                        c.kind().name(),
                        c.dueOn().toString(),
                        c.amount() == null ? null : c.amount().toPlainString(),
                        c.clause(),
                        c.note(),
                        c.version()));
        return form(projects.find(c.projectId()), c, model);
    }

    @PostMapping("/commitments/{id}")
    String update(@PathVariable long id, Typed typed, Model model, Locale locale, RedirectAttributes redirect) {
        var c = commitments.find(id);
        var problems = new ArrayList<Problem>();
        var form = typed.read(problems);
        try {
            commitments.update(id, form, problems);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("typed", typed);
            return form(projects.find(c.projectId()), c, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("commitment.saved", null, locale));
        return "redirect:/projects/" + c.projectId();
    }

    @PostMapping("/commitments/{id}/delete")
    String delete(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            Locale locale,
            RedirectAttributes redirect) {
        var c = commitments.find(id);
        commitments.delete(id, version);
        redirect.addFlashAttribute("flash", messages.getMessage("commitment.deleted", null, locale));
        return "redirect:/projects/" + c.projectId();
    }

    @GetMapping("/commitments/project/{projectId}/actuals")
    String actualForm(
            @PathVariable long projectId,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer year,
            Model model) {
        Project p = projects.find(projectId);
        var card = commitments.card(projectId);
        var existing = card.actuals().stream()
                .filter(a -> a.kind().name().equals(kind) && year != null && a.year() == year)
                .findFirst()
                .orElse(null);
        model.addAttribute(
                "typed",
                existing == null
                        ? new TypedActual(kind, year == null ? null : String.valueOf(year), null, null, null)
                        : new TypedActual(
                                kind,
                                String.valueOf(year),
                                existing.amount().toPlainString(),
                                existing.note(),
                                existing.version()));
        return actual(p, model);
    }

    @PostMapping("/commitments/project/{projectId}/actuals")
    String recordActual(
            @PathVariable long projectId, TypedActual typed, Model model, Locale locale, RedirectAttributes redirect) {
        Project p = projects.find(projectId);
        var problems = new ArrayList<Problem>();
        Integer year = whole(typed.year(), "year", problems);
        BigDecimal amount = amount(typed.amount(), problems);
        var form = new Commitments.ActualForm(typed.kind(), year, amount, typed.note(), typed.version());
        try {
            commitments.record(projectId, form, problems);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("typed", typed);
            return actual(p, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("commitment.actualSaved", null, locale));
        return "redirect:/projects/" + projectId;
    }

    /** A commitment as typed. */
    record Typed(
            @Nullable String kind,
            @Nullable String dueOn,
            @Nullable String amount,
            @Nullable String clause,
            @Nullable String note,
            @Nullable Long version) {

        Commitments.Form read(List<Problem> problems) {
            return new Commitments.Form(
                    kind,
                    TypedDates.parse(dueOn, "dueOn", problems),
                    CommitmentController.amount(amount, problems),
                    clause,
                    note,
                    version);
        }
    }

    /** A year's actual as typed. */
    record TypedActual(
            @Nullable String kind,
            @Nullable String year,
            @Nullable String amount,
            @Nullable String note,
            @Nullable Long version) {}

    private String form(Project p, Commitments.@Nullable Commitment editing, Model model) {
        if (!commitments.canWrite(p)) {
            throw new AccessDeniedException("not a writer of the project");
        }
        model.addAttribute("project", p);
        model.addAttribute("editing", editing);
        model.addAttribute("kinds", Kind.values());
        return "commitments/form";
    }

    private String actual(Project p, Model model) {
        if (!commitments.canWrite(p)) {
            throw new AccessDeniedException("not a writer of the project");
        }
        model.addAttribute("project", p);
        model.addAttribute("kinds", List.of(Kind.INVESTMENT, Kind.OUTPUT, Kind.TAX, Kind.JOBS));
        return "commitments/actual";
    }

    /** An amount as clerks type it: 1,234.5 or 1 234.5, 万元 after it or not. */
    static @Nullable BigDecimal amount(@Nullable String typed, List<Problem> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.replace(",", "")
                .replace("，", "")
                .replace(" ", "")
                .replace("万元", "")
                .replace("人", "");
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new Problem("amount", "commitment.amountFormat", typed.trim()));
            return null;
        }
    }

    private static @Nullable Integer whole(@Nullable String typed, String field, List<Problem> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.trim().replace("年", ""));
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, "commitment.yearFormat", typed.trim()));
            return null;
        }
    }
}
