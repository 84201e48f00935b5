package cn.yinfeng.activities;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.activities.Events.EventForm;
import cn.yinfeng.common.InvalidInputException;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The event pages: new, show, and a project listed as signed there (by its code). */
@Controller
@RequestMapping("/activities/events")
class EventPages {

    private static final String FORM = "activities/event-form";

    private final Events events;
    private final ActivitySupport support;
    private final CurrentUser currentUser;
    private final PageForms forms;

    EventPages(Events events, ActivitySupport support, CurrentUser currentUser, PageForms forms) {
        this.events = events;
        this.support = support;
        this.currentUser = currentUser;
        this.forms = forms;
    }

    @GetMapping("/new")
    String newEvent(Model model) {
        model.addAttribute(
                "form",
                new EventForm(
                        currentUser.require().region(),
                        Events.EventKind.SIGNING,
                        "",
                        support.today(),
                        "",
                        null,
                        ActivityStatus.DONE,
                        0L));
        return FORM;
    }

    @PostMapping
    String create(EventForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = events.create(form);
            return forms.saved(redirect, locale, "/activities/events/" + id);
        } catch (InvalidInputException e) {
            return forms.invalid(model, e, locale, form, FORM);
        }
    }

    @GetMapping("/{id}")
    String event(@PathVariable long id, Model model) {
        model.addAttribute("ev", events.find(id));
        return "activities/event";
    }

    @PostMapping("/{id}/projects")
    String addProject(
            @PathVariable long id,
            @RequestParam(required = false) String projectCode,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            long projectId = forms.readableProject(projectCode);
            var counted = PageForms.asFieldError(() -> events.addProject(id, projectId));
            redirect.addFlashAttribute("flash", forms.message("event.added." + counted.name(), locale));
        } catch (InvalidInputException e) {
            forms.errors(model, e, locale);
            return event(id, model);
        }
        return "redirect:/activities/events/" + id;
    }
}
