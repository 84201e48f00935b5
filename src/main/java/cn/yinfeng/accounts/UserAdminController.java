package cn.yinfeng.accounts;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

/** Administrators manage the users of their own region tree. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminController {

    private final Accounts accounts;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final MessageSource messages;
    private final Clock clock;

    UserAdminController(
            Accounts accounts, CurrentUser currentUser, Regions regions, MessageSource messages, Clock clock) {
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Role role,
            @RequestParam(defaultValue = "region") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            Model model) {
        var scope = currentUser.scope();
        var search = new UserSearch(q, regionId, role, sort, "desc".equals(dir));
        model.addAttribute("users", accounts.search(search, scope));
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("regions", regions.visible(scope));
        model.addAttribute("roles", Role.values());
        model.addAttribute("now", clock.instant());
        return "accounts/users";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new Accounts.UserEdit("", null, Set.of(), true, 0));
        return form(model, null);
    }

    @PostMapping
    String create(
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) List<Role> roles,
            @RequestParam String password,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        Set<Role> roleSet = roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        try {
            long id = accounts.create(
                    new Accounts.NewUser(username, displayName, regionId, roleSet, password), currentUser.scope());
            redirect.addFlashAttribute("flash", messages.getMessage("user.created", new Object[] {username}, locale));
            return "redirect:/admin/users/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("username", username);
            model.addAttribute("form", new Accounts.UserEdit(displayName, regionId, roleSet, true, 0));
            return form(model, null);
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        UserRow user = accounts.find(id, currentUser.scope());
        model.addAttribute(
                "form",
                new Accounts.UserEdit(
                        user.displayName(), user.regionId(), user.roles(), user.enabled(), user.version()));
        return form(model, user);
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @RequestParam String displayName,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) List<Role> roles,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam long version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        Set<Role> roleSet = roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        var edit = new Accounts.UserEdit(displayName, regionId, roleSet, enabled, version);
        try {
            accounts.update(id, edit, currentUser.scope());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", edit);
            return form(model, accounts.find(id, currentUser.scope()));
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        accounts.unlock(id, currentUser.scope());
        redirect.addFlashAttribute("flash", messages.getMessage("user.unlocked", null, locale));
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/password")
    String resetPassword(
            @PathVariable long id,
            @RequestParam String password,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            accounts.resetPassword(id, password, currentUser.scope());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return edit(id, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("user.passwordReset", null, locale));
        return "redirect:/admin/users/" + id;
    }

    private String form(Model model, UserRow user) {
        model.addAttribute("user", user);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("now", clock.instant());
        return "accounts/user-form";
    }
}
