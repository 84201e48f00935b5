package cn.yinfeng.projects;

import java.math.BigDecimal;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The project page's model: the project, its timeline, funds, reviews, files and what the caller may do; shown by
 * {@link ProjectController} and again by {@link ProjectStepController} with the messages of a refused step.
 */
@Component
class ProjectDetailPage {

    private final Projects projects;
    private final ProjectHistory history;
    private final ProjectFiles files;
    private final ProjectCredits credits;
    private final LossReasons reasons;

    ProjectDetailPage(
            Projects projects,
            ProjectHistory history,
            ProjectFiles files,
            ProjectCredits credits,
            LossReasons reasons) {
        this.credits = credits;
        this.reasons = reasons;
        this.projects = projects;
        this.history = history;
        this.files = files;
    }

    /** What every page of the ledger offers to choose from. */
    static void common(Model model) {
        model.addAttribute("stages", Stage.values());
        model.addAttribute("mainStages", Stage.mainLine());
        model.addAttribute("origins", FundOrigin.values());
        model.addAttribute("types", ProjectType.values());
        model.addAttribute("reviewStatuses", ReviewStatus.values());
    }

    String show(long id, Model model) {
        Project p = projects.find(id);
        model.addAttribute("p", p);
        model.addAttribute("timeline", history.timeline(id));
        var funds = history.funds(id);
        model.addAttribute("funds", funds);
        model.addAttribute(
                "fundTotal", funds.stream().map(ProjectFunds.Fund::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("reviews", history.reviews(id));
        model.addAttribute("split", credits.of(id));
        model.addAttribute("canWrite", projects.canWrite(p));
        model.addAttribute("canReview", projects.canReview());
        model.addAttribute("today", projects.today());
        model.addAttribute("nextStage", p.stage().next());
        model.addAttribute("files", files.list(id));
        model.addAttribute("fileKinds", ProjectFiles.Kind.values());
        model.addAttribute("lossReasons", reasons.active());
        model.addAttribute("reasonNames", reasons.names(LocaleContextHolder.getLocale()));
        return "projects/detail";
    }
}
