package cn.yinfeng.regions;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators edit the region tree below their own region. */
@Controller
@RequestMapping("/admin/regions")
@PreAuthorize("hasRole('ADMIN')")
class RegionAdminController {

    private final Regions regions;
    private final ScopeProvider scopes;
    private final MessageSource messages;

    RegionAdminController(Regions regions, ScopeProvider scopes, MessageSource messages) {
        this.regions = regions;
        this.scopes = scopes;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, Model model) {
        var all = regions.visible(scopes.current());
        var shown = q == null || q.isBlank()
                ? all
                : all.stream()
                        .filter(r -> r.name().contains(q.trim())
                                || r.code().contains(q.trim())
                                || (r.shortName() != null && r.shortName().contains(q.trim())))
                        .toList();
        model.addAttribute("regions", shown);
        model.addAttribute("q", q);
        return "regions/list";
    }

    @GetMapping("/new")
    String newForm(@RequestParam(required = false) Long parentId, Model model) {
        model.addAttribute("form", new Regions.RegionForm("", "", "", RegionLevel.COUNTY, parentId, 0, 0));
        return form(model, null);
    }

    @PostMapping
    String create(Regions.RegionForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            regions.create(form, scopes.current());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return form(model, null);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/admin/regions";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Region r = regions.visible(scopes.current(), id);
        model.addAttribute(
                "form",
                new Regions.RegionForm(
                        r.code(), r.name(), r.shortName(), r.level(), r.parentId(), r.sortOrder(), r.version()));
        return form(model, r);
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id, Regions.RegionForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            regions.update(id, form, scopes.current());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return form(model, regions.visible(scopes.current(), id));
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/admin/regions";
    }

    private String form(Model model, Region region) {
        model.addAttribute("region", region);
        model.addAttribute("parents", regions.visible(scopes.current()));
        model.addAttribute("levels", RegionLevel.values());
        return "regions/form";
    }
}
