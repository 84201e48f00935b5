package cn.yinfeng.enterprises;

import java.util.Locale;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages of the enterprise registry. */
@Controller
@RequestMapping("/enterprises")
class EnterpriseController {

    private final Enterprises enterprises;
    private final MessageSource messages;

    EnterpriseController(Enterprises enterprises, MessageSource messages) {
        this.enterprises = enterprises;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String industry,
            @RequestParam(required = false) Boolean prospect, @RequestParam(defaultValue = "updated") String sort,
            @RequestParam(defaultValue = "desc") String dir, @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new Enterprises.Search(q, industry, prospect, sort, "desc".equals(dir), page, 20);
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("result", enterprises.search(search));
        model.addAttribute("industries", enterprises.industries());
        model.addAttribute("canEdit", enterprises.canEdit());
        return "enterprises/list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new Enterprises.EnterpriseForm(null, "", null, null, null, null, null, null, null,
                null, 0L));
        return form(model, null);
    }

    @PostMapping
    String create(Enterprises.EnterpriseForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = enterprises.create(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/enterprises/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            model.addAttribute("similar", form.name() == null ? java.util.List.of() : enterprises.similar(form.name(), null));
            return form(model, null);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Enterprise e = enterprises.find(id);
        model.addAttribute("enterprise", e);
        model.addAttribute("form", new Enterprises.EnterpriseForm(e.creditCode(), e.name(), e.formerNames(),
                e.registeredCapital(), e.hqProvince(), e.hqCity(), e.industry(), e.contactName(),
                enterprises.canSeeContacts() ? e.contactPhone() : null, e.sourceChannel(), e.version()));
        model.addAttribute("similar", enterprises.similar(e.name(), e.id()));
        model.addAttribute("canMerge", enterprises.canMerge());
        return form(model, e);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, Enterprises.EnterpriseForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        try {
            enterprises.update(id, form);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            Enterprise current = enterprises.find(id);
            model.addAttribute("enterprise", current);
            model.addAttribute("similar", enterprises.similar(current.name(), id));
            model.addAttribute("canMerge", enterprises.canMerge());
            return form(model, current);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/enterprises/" + id;
    }

    @PostMapping("/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long intoId, Locale locale, RedirectAttributes redirect) {
        enterprises.merge(id, intoId);
        redirect.addFlashAttribute("flash", messages.getMessage("enterprise.merged", null, locale));
        return "redirect:/enterprises/" + intoId;
    }

    private String form(Model model, Enterprise enterprise) {
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("canEdit", enterprises.canEdit());
        model.addAttribute("canSeeContacts", enterprises.canSeeContacts());
        return "enterprises/form";
    }

}
