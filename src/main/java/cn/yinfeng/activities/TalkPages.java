package cn.yinfeng.activities;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.activities.Talks.TalkForm;
import cn.yinfeng.common.InvalidInputException;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The talk pages: new and show. */
@Controller
@RequestMapping("/activities/talks")
class TalkPages {

    private static final String FORM = "activities/talk-form";

    private final Talks talks;
    private final ActivitySupport support;
    private final CurrentUser currentUser;
    private final PageForms forms;

    TalkPages(Talks talks, ActivitySupport support, CurrentUser currentUser, PageForms forms) {
        this.talks = talks;
        this.support = support;
        this.currentUser = currentUser;
        this.forms = forms;
    }

    @GetMapping("/new")
    String newTalk(Model model) {
        model.addAttribute(
                "form",
                new TalkForm(
                        currentUser.require().region(), support.today(), "", null, "", null, ActivityStatus.DONE, 0L));
        return FORM;
    }

    @PostMapping
    String create(TalkForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = talks.create(form);
            return forms.saved(redirect, locale, "/activities/talks/" + id);
        } catch (InvalidInputException e) {
            return forms.invalid(model, e, locale, form, FORM);
        }
    }

    @GetMapping("/{id}")
    String talk(@PathVariable long id, Model model) {
        model.addAttribute("t", talks.find(id));
        return "activities/talk";
    }
}
