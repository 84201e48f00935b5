package cn.yinfeng.accounts;

import java.util.Locale;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the change form for an expired password. */
@Controller
class LoginController {

    private final Accounts accounts;
    private final MessageSource messages;

    LoginController(Accounts accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Model model) {
        if (!accounts.anyUser()) {
            return "redirect:/setup";
        }
        if (error != null) {
            model.addAttribute("errorKey", switch (error) {
                case "locked" -> "login.error.locked";
                case "disabled" -> "login.error.disabled";
                default -> "login.error.bad";
            });
        }
        return "accounts/login";
    }

    @GetMapping("/login/expired")
    String expiredForm(HttpSession session, Model model) {
        model.addAttribute("username", session.getAttribute(SecurityConfiguration.EXPIRED_USERNAME));
        return "accounts/login-expired";
    }

    @PostMapping("/login/expired")
    String changeExpired(@RequestParam String username, @RequestParam String oldPassword,
            @RequestParam String newPassword, @RequestParam String confirmPassword, HttpSession session,
            Model model, Locale locale) {
        model.addAttribute("username", username);
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("errors", java.util.Map.of("confirmPassword",
                    java.util.List.of(messages.getMessage("password.mismatch", null, locale))));
            return "accounts/login-expired";
        }
        try {
            accounts.changePassword(username, oldPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return "accounts/login-expired";
        }
        session.removeAttribute(SecurityConfiguration.EXPIRED_USERNAME);
        return "redirect:/login?changed";
    }
}
