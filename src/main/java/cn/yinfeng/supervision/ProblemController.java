package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Pager;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.annotations.ParameterObject;
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
 * The problem list's pages: the list a 项目调度会 works from ({@code /supervision/problems}) with its chart, batch
 * reminders and export, the form that raises a problem on a project, and the card the project page loads.
 */
@Controller
class ProblemController {

    private static final Set<String> NOT_FILTERS = Set.of("sort", "dir", "page", "pageNo", "lang", "_csrf", "ids");

    private final Problems problems;
    private final ProblemList list;
    private final Projects projects;
    private final ProjectLookups lookups;
    private final Regions regions;
    private final Accounts accounts;
    private final CurrentUser currentUser;
    private final Tasks tasks;
    private final MessageSource messages;

    ProblemController(
            Problems problems,
            ProblemList list,
            Projects projects,
            ProjectLookups lookups,
            Regions regions,
            Accounts accounts,
            CurrentUser currentUser,
            Tasks tasks,
            MessageSource messages) {
        this.problems = problems;
        this.list = list;
        this.projects = projects;
        this.lookups = lookups;
        this.regions = regions;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.tasks = tasks;
        this.messages = messages;
    }

    @GetMapping("/supervision/problems")
    String page(
            @ParameterObject ProblemList.Filter filter,
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
        String base = request.getRequestURI() + "?" + Pager.query(hidden);
        model.addAttribute("pager", Pager.of(result, base, hidden, List.of()));
        model.addAttribute("exportBase", "/supervision/problems/export?" + Pager.query(hidden));
        model.addAttribute("filter", filter);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("result", result);
        model.addAttribute("summary", summary);
        model.addAttribute("categories", Problems.Category.values());
        model.addAttribute("statuses", Tasks.Status.values());
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
        model.addAttribute("canRemind", tasks.canIssue() || problems.canRaise());
        model.addAttribute("canRaise", problems.canRaise());
        if (filter.projectId() != null) {
            model.addAttribute("project", lookups.pick(filter.projectId()).orElse(null));
        }
        var chart = new LinkedHashMap<String, Object>();
        var names = new LinkedHashMap<String, String>();
        for (Problems.Category c : Problems.Category.values()) {
            names.put(c.name(), messages.getMessage("problem.category." + c, null, locale));
        }
        chart.put("names", names);
        chart.put("rows", summary.byCategory());
        chart.put(
                "series",
                Map.of(
                        "open", messages.getMessage("problem.state.open", null, locale),
                        "responded", messages.getMessage("task.status.RESPONDED", null, locale),
                        "closed", messages.getMessage("task.status.ACCEPTED", null, locale)));
        model.addAttribute("chartJson", JsonMapper.builder().build().writeValueAsString(chart));
        return "supervision/problems";
    }

    @GetMapping("/supervision/problems/new")
    String newProblem(
            @RequestParam(required = false) Long projectId,
            @RequestParam(required = false) String projectQ,
            Model model) {
        if (!problems.canRaise()) {
            throw new AccessDeniedException("problems are raised by the ledger's writers");
        }
        if (projectId == null) {
            model.addAttribute("projectQ", projectQ);
            model.addAttribute(
                    "picks",
                    projectQ == null || projectQ.isBlank()
                            ? lookups.largestWritable(10)
                            : lookups.search(projectQ, 20).stream()
                                    .filter(pick -> problems.canRaise(projects.find(pick.id())))
                                    .toList());
            return "supervision/problem-pick";
        }
        Project p = projects.find(projectId);
        var form = new Problems.ProblemForm(
                projectId,
                null,
                "",
                "",
                problems.destinations(p)
                        .get(problems.destinations(p).size() - 1)
                        .id(),
                "",
                p.leaderUserId(),
                LocalDate.now(Projects.ZONE).plusDays(15));
        model.addAttribute("form", form);
        return form(p, model);
    }

    private String form(Project p, Model model) {
        if (!problems.canRaise(p)) {
            throw new AccessDeniedException("not a writer of the project");
        }
        model.addAttribute("project", p);
        model.addAttribute("categories", Problems.Category.values());
        model.addAttribute("destinations", problems.destinations(p));
        model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
        model.addAttribute("units", problems.units());
        return "supervision/problem-form";
    }

    @PostMapping("/supervision/problems")
    String create(Problems.ProblemForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = problems.raise(form);
            redirect.addFlashAttribute("flash", messages.getMessage("problem.raised", null, locale));
            return "redirect:/supervision/tasks/" + id;
        } catch (InvalidInputException e) {
            if (form.projectId() == null) {
                throw e;
            }
            Project p;
            try {
                p = projects.find(form.projectId());
            } catch (NotFoundException missing) {
                throw e;
            }
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return form(p, model);
        }
    }

    @PostMapping("/supervision/problems/remind")
    String remind(
            @RequestParam(required = false) List<Long> ids,
            @RequestParam(required = false) String back,
            Locale locale,
            RedirectAttributes redirect) {
        String to = back != null && back.startsWith("/supervision/problems") && !back.startsWith("//")
                ? back
                : "/supervision/problems";
        try {
            int n = problems.remind(ids == null ? List.of() : ids);
            redirect.addFlashAttribute("flash", messages.getMessage("problem.reminded", new Object[] {n}, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", messages.getMessage("problem.remind.none", null, locale));
        }
        return "redirect:" + to;
    }

    /** The card of a project's problems, loaded into the project page. */
    @GetMapping("/supervision/problems/project/{projectId}")
    String projectCard(@PathVariable long projectId, Model model) {
        Project p = projects.find(projectId);
        model.addAttribute("projectId", projectId);
        model.addAttribute(
                "rows",
                list.search(ProblemList.Filter.ofProject(projectId), "deadline", false, 0, 50)
                        .rows());
        model.addAttribute("canRaise", problems.canRaise(p));
        return "supervision/problem-card :: card";
    }
}
