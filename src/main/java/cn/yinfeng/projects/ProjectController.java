package cn.yinfeng.projects;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.chains.Chains;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages of the project ledger: list, kanban, my projects, the form and the project page (its steps: {@link ProjectStepController}). */
@Controller
@RequestMapping("/projects")
class ProjectController {

    private final Projects projects;
    private final ProjectQueries queries;
    private final ProjectDuplicates duplicates;
    private final Regions regions;
    private final Chains chains;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final Accounts accounts;
    private final ProjectDetailPage page;
    private final ProjectLookups lookups;
    private final ProjectListPage listPage;

    ProjectController(
            Projects projects,
            ProjectQueries queries,
            ProjectDuplicates duplicates,
            Regions regions,
            Chains chains,
            CurrentUser currentUser,
            MessageSource messages,
            Accounts accounts,
            ProjectDetailPage page,
            ProjectLookups lookups,
            ProjectListPage listPage) {
        this.listPage = listPage;
        this.lookups = lookups;
        this.accounts = accounts;
        this.page = page;
        this.projects = projects;
        this.queries = queries;
        this.duplicates = duplicates;
        this.regions = regions;
        this.chains = chains;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @ModelAttribute
    void common(Model model) {
        ProjectDetailPage.common(model);
    }

    private void pickers(Model model) {
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("allRegions", regions.visible(regions.scopeOf(regions.findRoot())));
        model.addAttribute("chains", chains.list(null));
        model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo,
            @RequestParam(defaultValue = "id") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            HttpServletRequest request,
            Model model) {
        var filter = ProjectApiController.filter(
                q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo);
        listPage.fill(filter, sort, dir, cursor, before, page, size, request, model);
        model.addAttribute("canWrite", projects.canWrite());
        pickers(model);
        return "projects/list";
    }

    /** The totals of the filtered set, loaded by the list page after it has shown its rows. */
    @GetMapping("/totals")
    String totals(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo,
            Model model) {
        model.addAttribute(
                "totals",
                queries.totals(ProjectApiController.filter(
                        q,
                        regionId,
                        chainId,
                        stage,
                        band,
                        leaderId,
                        origin,
                        keyProject,
                        review,
                        signedFrom,
                        signedTo)));
        return "projects/totals :: totals";
    }

    @GetMapping("/kanban")
    String kanban(@RequestParam(required = false) Long regionId, Model model) {
        var filter = new ProjectFilter(null, regionId, null, null, null, null, null, null, null, null, null);
        model.addAttribute("columns", queries.kanban(filter, 8));
        model.addAttribute("regionId", regionId);
        pickers(model);
        return "projects/kanban";
    }

    @GetMapping("/mine")
    String mine(Model model) {
        long me = currentUser.require().id();
        var filter = new ProjectFilter(null, null, null, null, null, me, null, null, null, null, null);
        model.addAttribute("page", queries.list(filter, "investment", "desc", null, 200));
        model.addAttribute("totals", queries.totals(filter));
        return "projects/mine";
    }

    @GetMapping("/duplicates")
    String duplicates(Model model) {
        model.addAttribute("candidates", duplicates.candidates());
        model.addAttribute("canReview", projects.canReview());
        return "projects/duplicates";
    }

    @PostMapping("/duplicates/dismiss")
    String dismiss(
            @RequestParam long a,
            @RequestParam long b,
            @RequestParam String reason,
            Locale locale,
            RedirectAttributes redirect) {
        if (!projects.canReview()) {
            throw new AccessDeniedException("city staff only");
        }
        duplicates.dismiss(a, b, reason, currentUser.require().id());
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/projects/duplicates";
    }

    /** The projects a picker offers for what was typed (an htmx fragment of choices). */
    @GetMapping("/pick")
    String pick(@RequestParam(name = "q", required = false) String q, Model model) {
        model.addAttribute("picks", lookups.search(q, 10));
        model.addAttribute("q", q == null ? "" : q.trim());
        return "projects/pick :: results";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", ProjectForm.empty(currentUser.require().region()));
        return form(model, null);
    }

    @PostMapping
    String create(ProjectForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = projects.create(form);
            redirect.addFlashAttribute("flash", messages.getMessage("project.created", null, locale));
            return "redirect:/projects/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return form(model, null);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Project p = projects.find(id);
        model.addAttribute("form", toForm(p));
        return form(model, p);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, ProjectForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            projects.update(id, form);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return form(model, projects.find(id));
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/projects/" + id;
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        return page.show(id, model);
    }

    private String form(Model model, Project project) {
        model.addAttribute("project", project);
        pickers(model);
        if (project != null && project.leaderUserId() != null) {
            @SuppressWarnings("unchecked")
            var leaders = new ArrayList<>((List<Accounts.UserRef>) model.getAttribute("leaders"));
            if (leaders.stream().noneMatch(l -> l.id() == project.leaderUserId())) {
                // the leader it has, since disabled: kept as it is (history), offered only to keep
                leaders.add(
                        0,
                        new Accounts.UserRef(
                                project.leaderUserId(),
                                messages.getMessage(
                                        "reference.leader.disabledName",
                                        new Object[] {project.leaderName()},
                                        LocaleContextHolder.getLocale())));
                model.addAttribute("leaders", leaders);
            }
        }
        var form = (ProjectForm) model.getAttribute("form");
        if (form != null && form.expansionOfId() != null) {
            model.addAttribute("expansionOf", lookups.pick(form.expansionOfId()).orElse(null));
        }
        model.addAttribute("nodes", form != null && form.chainId() != null ? chains.nodes(form.chainId()) : List.of());
        return "projects/form";
    }

    static ProjectForm toForm(Project p) {
        return ProjectForm.of(p).build();
    }
}
