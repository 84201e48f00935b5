package cn.yinfeng.projects;

import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue of city staff ({@code /projects/review}) and the batch form posted from it and from the project
 * list: each selected row is {@code id:version}, the whole batch one transaction ({@link ProjectReviews#batch}).
 */
@Controller
@RequestMapping("/projects")
class ProjectReviewController {

    private final ProjectReviewQueue queue;
    private final ProjectReviewCompare compare;
    private final Projects projects;
    private final ProjectReviews reviews;
    private final ProjectWrites writes;
    private final MessageSource messages;

    ProjectReviewController(
            ProjectReviewQueue queue,
            ProjectReviewCompare compare,
            Projects projects,
            ProjectReviews reviews,
            ProjectWrites writes,
            MessageSource messages) {
        this.queue = queue;
        this.compare = compare;
        this.projects = projects;
        this.reviews = reviews;
        this.writes = writes;
        this.messages = messages;
    }

    @GetMapping("/review")
    String queue(
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) ProjectType type,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "oldest") String sort,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        writes.requireReviewer();
        var read = queue.read(regionId, stage, type == null ? null : type.name(), q, "newest".equals(sort), page);
        model.addAttribute("queue", read);
        model.addAttribute("regionId", regionId);
        model.addAttribute("stage", stage);
        model.addAttribute("type", type);
        model.addAttribute("q", q);
        model.addAttribute("sort", "newest".equals(sort) ? "newest" : "oldest");
        model.addAttribute("stages", Stage.values());
        model.addAttribute("types", ProjectType.values());
        return "projects/review";
    }

    /** The submitted working copy beside the approved version in force, changed fields marked; approve or return. */
    @GetMapping("/{id}/review")
    String sideBySide(@PathVariable long id, Model model) {
        writes.requireReviewer();
        Project p = projects.find(id); // refuses a project the reviewer cannot read
        boolean[] never = {false};
        model.addAttribute("p", p);
        model.addAttribute("fields", compare.compare(id, never));
        model.addAttribute("neverApproved", never[0]);
        return "projects/review-compare";
    }

    /** The batch form: SUBMIT from the list (back there), APPROVE or RETURN from the queue (back to it). */
    @PostMapping("/reviews/batch")
    String batch(
            @RequestParam String action,
            @RequestParam(required = false) String opinion,
            @RequestParam(name = "item", required = false) List<String> selected,
            Locale locale,
            RedirectAttributes redirect) {
        String back = "SUBMIT".equals(action) ? "redirect:/projects" : "redirect:/projects/review";
        var items = new ArrayList<ProjectReviews.BatchItem>();
        for (String s : selected == null ? List.<String>of() : selected) {
            String[] parts = s.split(":", 2);
            try {
                items.add(new ProjectReviews.BatchItem(Long.valueOf(parts[0]), Long.valueOf(parts[1])));
            } catch (RuntimeException e) {
                throw new InvalidInputException("items", "validation.invalid");
            }
        }
        try {
            var done = reviews.batch(action, opinion, items);
            redirect.addFlashAttribute(
                    "flash", messages.getMessage("review.batchDone", new Object[] {done.size()}, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "flashError",
                    String.join(
                            " ",
                            FormErrors.resolve(e, messages, locale).values().stream()
                                    .flatMap(List::stream)
                                    .toList()));
        } catch (ConflictException e) {
            Object name =
                    e.current().getOrDefault("code", "") + " " + e.current().getOrDefault("name", "");
            redirect.addFlashAttribute(
                    "flashError", messages.getMessage("review.batchStale", new Object[] {name}, locale));
        }
        return back;
    }
}
