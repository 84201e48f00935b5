package cn.yinfeng.approvals;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.approvals.MilestoneClock.Status;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.Pager;
import cn.yinfeng.common.TypedDates;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of approval milestones: the overview of every step in the caller's scope ({@code /approvals}), the
 * city's list of steps and their limits ({@code /approvals/steps}), the card on a project's page and the form that
 * records or edits a project's milestone.
 */
@Controller
class ApprovalController {

    private static final Set<String> NOT_FILTERS = Set.of("sort", "dir", "page", "pageNo", "lang", "_csrf", "ids");

    private final MilestoneList list;
    private final Milestones milestones;
    private final ApprovalSteps steps;
    private final Projects projects;
    private final Regions regions;
    private final Accounts accounts;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    ApprovalController(
            MilestoneList list,
            Milestones milestones,
            ApprovalSteps steps,
            Projects projects,
            Regions regions,
            Accounts accounts,
            CurrentUser currentUser,
            MessageSource messages) {
        this.list = list;
        this.milestones = milestones;
        this.steps = steps;
        this.projects = projects;
        this.regions = regions;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/approvals")
    String page(
            @ParameterObject MilestoneList.Filter filter,
            @RequestParam(defaultValue = "deadline") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer pageNo,
            HttpServletRequest request,
            Locale locale,
            Model model) {
        int current = pageNo == null ? Math.max(0, page) : Math.max(0, pageNo - 1);
        var result = list.search(filter, sort, "desc".equals(dir), current, 20);
        var summary = list.summary(filter);
        var hidden = new ArrayList<>(Pager.params(request.getParameterMap(), NOT_FILTERS));
        hidden.add(Map.entry("sort", sort));
        hidden.add(Map.entry("dir", dir));
        model.addAttribute(
                "pager", Pager.of(result, request.getRequestURI() + "?" + Pager.query(hidden), hidden, List.of()));
        model.addAttribute("exportHref", "/approvals/export?" + Pager.query(hidden));
        model.addAttribute("filter", filter);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("result", result);
        model.addAttribute("summary", summary);
        model.addAttribute("steps", steps.all());
        model.addAttribute("stepNames", steps.names(locale));
        model.addAttribute("statuses", Status.values());
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
        model.addAttribute("canEditSteps", steps.canEdit());
        var chart = new LinkedHashMap<String, Object>();
        chart.put("steps", summary.bySteps());
        chart.put("en", "en".equals(locale.getLanguage()));
        chart.put(
                "series",
                Map.of(
                        "average", msg("approval.chart.average", locale),
                        "limit", msg("approval.chart.limit", locale)));
        model.addAttribute("chartJson", JsonMapper.builder().build().writeValueAsString(chart));
        return "approvals/list";
    }

    @GetMapping("/approvals/steps")
    String stepsPage(Model model) {
        model.addAttribute("steps", steps.all());
        model.addAttribute("canEdit", steps.canEdit());
        return "approvals/steps";
    }

    @PostMapping("/approvals/steps")
    String createStep(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String nameEn,
            @RequestParam(required = false) String limitDays,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        var typed = new ArrayList<Problem>();
        Integer limit = whole(limitDays, "limitDays", typed);
        var form = new ApprovalSteps.Form(code, name, nameEn, limit, null, true, null);
        try {
            steps.create(form, typed);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("draft", form);
            model.addAttribute("draftLimit", limitDays);
            return stepsPage(model);
        }
        redirect.addFlashAttribute("flash", msg("saved", locale));
        return "redirect:/approvals/steps";
    }

    @PostMapping("/approvals/steps/{code}")
    String updateStep(
            @PathVariable String code,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String nameEn,
            @RequestParam(required = false) String limitDays,
            @RequestParam(required = false) Integer position,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(required = false) Long version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        var typed = new ArrayList<Problem>();
        Integer limit = whole(limitDays, "limitDays", typed);
        try {
            steps.update(code, new ApprovalSteps.Form(code, name, nameEn, limit, position, active, version), typed);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("editing", code);
            return stepsPage(model);
        }
        redirect.addFlashAttribute("flash", msg("saved", locale));
        return "redirect:/approvals/steps";
    }

    /** The card of a project's milestones, loaded into the project page. */
    @GetMapping("/approvals/project/{projectId}")
    String card(@PathVariable long projectId, Model model) {
        Project p = projects.find(projectId);
        var rows = milestones.ofProject(projectId);
        model.addAttribute("projectId", projectId);
        model.addAttribute("rows", rows);
        model.addAttribute(
                "overdue",
                rows.stream()
                        .filter(m -> m.reading().status() == Status.OVERDUE)
                        .count());
        model.addAttribute("canWrite", milestones.canWrite(p));
        return "approvals/card :: card";
    }

    @GetMapping("/approvals/project/{projectId}/new")
    String newMilestone(@PathVariable long projectId, Model model) {
        Project p = projects.find(projectId);
        model.addAttribute("typed", new Typed(null, p.responsibleUnit(), null, null, null, null, null));
        return form(p, null, model);
    }

    @PostMapping("/approvals/project/{projectId}")
    String create(@PathVariable long projectId, Typed typed, Model model, Locale locale, RedirectAttributes redirect) {
        Project p = projects.find(projectId);
        var problems = new ArrayList<Problem>();
        try {
            milestones.add(projectId, typed.read(problems), problems);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("typed", typed);
            return form(p, null, model);
        }
        redirect.addFlashAttribute("flash", msg("approval.saved", locale));
        return "redirect:/projects/" + projectId;
    }

    @GetMapping("/approvals/milestones/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var m = milestones.find(id);
        model.addAttribute(
                "typed",
                new Typed(
                        m.step(),
                        m.unit(),
                        text(m.plannedOn()),
                        text(m.startedOn()),
                        text(m.doneOn()),
                        m.note(),
                        m.version()));
        return form(projects.find(m.projectId()), m, model);
    }

    @PostMapping("/approvals/milestones/{id}")
    String update(@PathVariable long id, Typed typed, Model model, Locale locale, RedirectAttributes redirect) {
        var m = milestones.find(id);
        var problems = new ArrayList<Problem>();
        try {
            milestones.update(id, typed.read(problems), problems);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("typed", typed);
            return form(projects.find(m.projectId()), m, model);
        }
        redirect.addFlashAttribute("flash", msg("approval.saved", locale));
        return "redirect:/projects/" + m.projectId();
    }

    @PostMapping("/approvals/milestones/{id}/delete")
    String delete(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            Locale locale,
            RedirectAttributes redirect) {
        var m = milestones.find(id);
        milestones.delete(id, version);
        redirect.addFlashAttribute("flash", msg("approval.deleted", locale));
        return "redirect:/projects/" + m.projectId();
    }

    /** The form as typed: dates as text, so that what was typed comes back with its error. */
    record Typed(
            @Nullable String step,
            @Nullable String unit,
            @Nullable String plannedOn,
            @Nullable String startedOn,
            @Nullable String doneOn,
            @Nullable String note,
            @Nullable Long version) {

        Milestones.Form read(List<Problem> problems) {
            return new Milestones.Form(
                    step,
                    unit,
                    TypedDates.parse(plannedOn, "plannedOn", problems),
                    TypedDates.parse(startedOn, "startedOn", problems),
                    TypedDates.parse(doneOn, "doneOn", problems),
                    note,
                    version);
        }
    }

    private String form(Project p, Milestones.@Nullable Milestone editing, Model model) {
        if (!milestones.canWrite(p)) {
            throw new org.springframework.security.access.AccessDeniedException("not a writer of the project");
        }
        model.addAttribute("project", p);
        model.addAttribute("editing", editing);
        model.addAttribute("steps", steps.active());
        model.addAttribute(
                "taken",
                milestones.ofProject(p.id()).stream()
                        .map(Milestones.Milestone::step)
                        .toList());
        return "approvals/form";
    }

    private static @Nullable String text(java.time.@Nullable LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static @Nullable Integer whole(@Nullable String typed, String field, List<Problem> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.trim());
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, "approval.step.limitWhole", typed.trim()));
            return null;
        }
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
