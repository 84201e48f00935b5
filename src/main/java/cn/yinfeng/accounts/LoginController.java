package cn.yinfeng.accounts;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page and the change form for an expired password. The form serves only the user who has just signed
 * in with the right (but expired) password in this session — the {@link ExpiredPasswordMarker} says who, for a
 * few minutes; it names no user itself. Its old-password check counts towards the sign-in lockout.
 */
@Controller
class LoginController {

    private final Accounts accounts;
    private final UserRepository users;
    private final YinfengUserDetailsService details;
    private final MessageSource messages;
    private final Clock clock;

    LoginController(
            Accounts accounts,
            UserRepository users,
            YinfengUserDetailsService details,
            MessageSource messages,
            Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.details = details;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Model model) {
        if (!accounts.anyUser()) {
            return "redirect:/setup";
        }
        if (error != null) {
            model.addAttribute(
                    "errorKey",
                    switch (error) {
                        case "locked" -> "login.error.locked";
                        case "disabled" -> "login.error.disabled";
                        case "expired" -> "expired.signInAgain";
                        default -> "login.error.bad";
                    });
        }
        return "accounts/login";
    }

    @GetMapping("/login/expired")
    String expiredForm(HttpSession session, Model model) {
        ExpiredPasswordMarker marker = marker(session);
        if (marker == null) {
            return "redirect:/login?error=expired";
        }
        model.addAttribute("username", marker.username());
        model.addAttribute("validMinutes", ExpiredPasswordMarker.VALIDITY.toMinutes());
        return "accounts/login-expired";
    }

    @PostMapping("/login/expired")
    String changeExpired(
            @RequestParam String oldPassword,
            @RequestParam String newPassword,
            @RequestParam String confirmPassword,
            HttpSession session,
            Model model,
            Locale locale) {
        ExpiredPasswordMarker marker = marker(session);
        if (marker == null) {
            return "redirect:/login?error=expired";
        }
        model.addAttribute("username", marker.username());
        model.addAttribute("validMinutes", ExpiredPasswordMarker.VALIDITY.toMinutes());
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute(
                    "errors",
                    Map.of("confirmPassword", List.of(messages.getMessage("password.mismatch", null, locale))));
            return "accounts/login-expired";
        }
        try {
            accounts.changePassword(marker.userId(), oldPassword, newPassword, Accounts.PasswordForm.EXPIRED_SIGN_IN);
        } catch (AccountLockedException e) {
            session.removeAttribute(ExpiredPasswordMarker.ATTRIBUTE);
            return "redirect:/login?error=locked";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return "accounts/login-expired";
        }
        session.removeAttribute(ExpiredPasswordMarker.ATTRIBUTE);
        return "redirect:/login?changed";
    }

    /**
     * The marker of this session if it is still valid and its user still has to change the password; a stale
     * one is dropped (sign in again).
     */
    private ExpiredPasswordMarker marker(HttpSession session) {
        if (!(session.getAttribute(ExpiredPasswordMarker.ATTRIBUTE) instanceof ExpiredPasswordMarker marker)) {
            return null;
        }
        boolean stillDue = marker.validAt(clock.instant())
                && users.credentials(marker.userId())
                        .map(details::toUser)
                        .map(u -> !u.isCredentialsNonExpired())
                        .orElse(false);
        if (!stillDue) {
            session.removeAttribute(ExpiredPasswordMarker.ATTRIBUTE);
            return null;
        }
        return marker;
    }
}
