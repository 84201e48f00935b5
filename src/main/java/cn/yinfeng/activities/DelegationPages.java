package cn.yinfeng.activities;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.activities.Delegations.DelegationForm;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.TypedNames;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The delegation pages: new (visiting enterprises typed one a line or separated by commas) and show. */
@Controller
@RequestMapping("/activities/delegations")
class DelegationPages {

    private static final String FORM = "activities/delegation-form";

    private final Delegations delegations;
    private final ActivitySupport support;
    private final CurrentUser currentUser;
    private final PageForms forms;

    DelegationPages(Delegations delegations, ActivitySupport support, CurrentUser currentUser, PageForms forms) {
        this.delegations = delegations;
        this.support = support;
        this.currentUser = currentUser;
        this.forms = forms;
    }

    @GetMapping("/new")
    String newDelegation(Model model) {
        model.addAttribute(
                "form",
                new DelegationForm(
                        "",
                        currentUser.require().region(),
                        support.today(),
                        0,
                        "",
                        null,
                        null,
                        List.of(),
                        ActivityStatus.DONE,
                        0L));
        return FORM;
    }

    @PostMapping
    String create(
            DelegationForm form,
            @RequestParam(required = false) String enterpriseNames,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        var f = new DelegationForm(
                form.title(),
                form.regionId(),
                form.visitDate(),
                form.people(),
                form.hostName(),
                form.sites(),
                form.outcome(),
                TypedNames.split(enterpriseNames),
                form.status(),
                form.version());
        try {
            long id = delegations.create(f);
            return forms.saved(redirect, locale, "/activities/delegations/" + id);
        } catch (InvalidInputException e) {
            model.addAttribute("enterpriseNames", enterpriseNames);
            return forms.invalid(model, e, locale, f, FORM);
        }
    }

    @GetMapping("/{id}")
    String delegation(@PathVariable long id, Model model) {
        model.addAttribute("d", delegations.find(id));
        return "activities/delegation";
    }
}
