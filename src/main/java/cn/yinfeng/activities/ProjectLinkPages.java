package cn.yinfeng.activities;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A delegation or talk page links its record to a project (by code); the error shows next to the link form. */
@Controller
@RequestMapping("/activities")
class ProjectLinkPages {

    private final Delegations delegations;
    private final Talks talks;
    private final PageForms forms;

    ProjectLinkPages(Delegations delegations, Talks talks, PageForms forms) {
        this.delegations = delegations;
        this.talks = talks;
        this.forms = forms;
    }

    @PostMapping("/{type}/{id}/projects")
    String link(
            @PathVariable String type,
            @PathVariable long id,
            @RequestParam(required = false) String projectCode,
            Locale locale,
            RedirectAttributes redirect) {
        if (!type.equals("delegations") && !type.equals("talks")) {
            throw new NotFoundException("activity", type);
        }
        String page = "/activities/" + type + "/" + id;
        try {
            long projectId = forms.readableProject(projectCode);
            PageForms.asFieldError(() -> {
                if (type.equals("delegations")) {
                    delegations.linkProject(id, projectId);
                } else {
                    talks.linkProject(id, projectId);
                }
                return null;
            });
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("linkErrors", forms.fieldErrors(e, locale, "projectId"));
            return "redirect:" + page;
        }
        return forms.saved(redirect, locale, page);
    }
}
