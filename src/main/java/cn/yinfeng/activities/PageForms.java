package cn.yinfeng.activities;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.ProjectLookups;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** How the activity pages answer a form: saved (a flash and a redirect) or its errors next to the fields. */
@Component
class PageForms {

    private final MessageSource messages;
    private final ProjectLookups projects;

    PageForms(MessageSource messages, ProjectLookups projects) {
        this.messages = messages;
        this.projects = projects;
    }

    String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The flash of a saved form, then the page of the record. */
    String saved(RedirectAttributes redirect, Locale locale, String path) {
        redirect.addFlashAttribute("flash", message("saved", locale));
        return "redirect:" + path;
    }

    /** The form again, with its values and the problems next to the fields. */
    String invalid(Model model, InvalidInputException e, Locale locale, Object form, String view) {
        errors(model, e, locale);
        model.addAttribute("form", form);
        return view;
    }

    void errors(Model model, InvalidInputException e, Locale locale) {
        model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
    }

    List<String> fieldErrors(InvalidInputException e, Locale locale, String field) {
        return FormErrors.resolve(e, messages, locale).get(field);
    }

    /** A project the user can read, by code (or id) as typed; any other is a field error on {@code projectId}. */
    long readableProject(String projectCode) {
        Long projectId =
                projectCode == null ? null : projects.readableId(projectCode).orElse(null);
        if (projectId == null) {
            throw new InvalidInputException("projectId", "event.project.notVisible");
        }
        return projectId;
    }

    /**
     * On the page, a project code the user cannot read gets the same inline error as one that does not exist (the
     * API answers both with the 404 of a read).
     */
    static <T> T asFieldError(Supplier<T> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            if ("project".equals(e.what())) {
                throw new InvalidInputException("projectId", "event.project.notVisible");
            }
            throw e;
        }
    }
}
