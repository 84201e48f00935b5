package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Self-service: my profile, my password, my second factor, my API tokens. */
@Controller
class AccountController {

    static final String PENDING_TOTP = "yinfeng.pendingTotpSecret";

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final ApiTokens tokens;
    private final UserRepository users;
    private final SecurityProperties properties;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;
    private final Lockout lockout;

    AccountController(
            CurrentUser currentUser,
            Accounts accounts,
            ApiTokens tokens,
            UserRepository users,
            SecurityProperties properties,
            MessageSource messages,
            AuditLog audit,
            Clock clock,
            Lockout lockout) {
        this.lockout = lockout;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/account")
    String account(Model model) {
        YinfengUser me = currentUser.require();
        model.addAttribute("profile", accounts.find(me.id(), currentUser.scope()));
        model.addAttribute("tokens", tokens.list(me.id()));
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "totpOn",
                users.credentials(me.id())
                        .map(UserRepository.Credentials::totpEnabled)
                        .orElse(false));
        model.addAttribute("maxTokenDays", properties.tokens().maxValidity().toDays());
        model.addAttribute(
                "defaultTokenDays", properties.tokens().defaultValidity().toDays());
        return "accounts/account";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam String oldPassword,
            @RequestParam String newPassword,
            @RequestParam String confirmPassword,
            Model model,
            Locale locale,
            RedirectAttributes redirect,
            HttpServletRequest request)
            throws ServletException {
        YinfengUser me = currentUser.require();
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInputException("confirmPassword", "password.mismatch");
            }
            accounts.changePassword(me.id(), oldPassword, newPassword, Accounts.PasswordForm.ACCOUNT_PAGE);
        } catch (AccountLockedException e) {
            return signOutLocked(request);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return account(model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("password.changed", null, locale));
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String createToken(
            @RequestParam String name, @RequestParam(required = false) Integer validDays, Model model, Locale locale) {
        YinfengUser me = currentUser.require();
        try {
            var created = tokens.create(me.id(), name, validDays);
            model.addAttribute("newToken", created);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
        }
        // shown once, on this response only: never put the secret in a redirect or the session
        return account(model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        tokens.revoke(currentUser.require().id(), id);
        redirect.addFlashAttribute("flash", messages.getMessage("token.revoked", null, locale));
        return "redirect:/account";
    }

    @GetMapping("/account/totp")
    String totpForm(HttpSession session, Model model) {
        YinfengUser me = currentUser.require();
        String secret = (String) session.getAttribute(PENDING_TOTP);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(PENDING_TOTP, secret);
        }
        model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").trim());
        model.addAttribute("uri", Totp.uri(properties.totp().issuer(), me.username(), secret));
        model.addAttribute("required", properties.totp().requiredForAdmin() && me.isAdmin());
        return "accounts/totp";
    }

    @PostMapping("/account/totp")
    String totpConfirm(
            @RequestParam String code, HttpSession session, Model model, Locale locale, RedirectAttributes redirect) {
        YinfengUser me = currentUser.require();
        String secret = (String) session.getAttribute(PENDING_TOTP);
        long step = secret == null ? -1 : Totp.matchingStep(secret, code, clock.instant());
        if (step < 0) {
            audit.record("TOTP_ENROL", "user", me.id(), Outcome.FAILURE, "wrong code");
            model.addAttribute("errors", Map.of("code", List.of(messages.getMessage("totp.wrong", null, locale))));
            return totpForm(session, model);
        }
        users.setTotp(me.id(), secret, true, step); // the confirming code is used up: it cannot sign in
        session.removeAttribute(PENDING_TOTP);
        session.setAttribute(TotpEnrolmentInterceptor.ENROLLED, Boolean.TRUE);
        audit.record("TOTP_ENROL", "user", me.id(), Outcome.SUCCESS, null);
        redirect.addFlashAttribute("flash", messages.getMessage("totp.enabled", null, locale));
        return "redirect:/account";
    }

    @PostMapping("/account/totp/disable")
    String totpDisable(
            @RequestParam String code,
            Model model,
            Locale locale,
            RedirectAttributes redirect,
            HttpServletRequest request)
            throws ServletException {
        YinfengUser me = currentUser.require();
        if (properties.totp().requiredForAdmin() && me.isAdmin()) {
            model.addAttribute(
                    "errors", Map.of("totp", List.of(messages.getMessage("totp.requiredForAdmin", null, locale))));
            return account(model);
        }
        var creds = users.credentials(me.id()).orElseThrow();
        if (lockout.isLocked(creds)) {
            return signOutLocked(request);
        }
        // a wrong code counts towards the sign-in lockout (no unlimited guessing from a session); a code already
        // used (at sign-in, say) is refused like a wrong one
        long step = Totp.matchingStep(creds.totpSecret(), code, clock.instant());
        boolean replay = step >= 0 && !users.acceptTotpStep(me.id(), step);
        if (step < 0 || replay) {
            audit.record(
                    replay ? "TOTP_REPLAY" : "TOTP_DISABLE",
                    "user",
                    me.id(),
                    replay ? Outcome.DENIED : Outcome.FAILURE,
                    replay ? "code already used" : "wrong code");
            if (lockout.failed(creds, "wrong codes to turn off the second factor")) {
                return signOutLocked(request);
            }
            model.addAttribute("errors", Map.of("totp", List.of(messages.getMessage("totp.wrong", null, locale))));
            return account(model);
        }
        lockout.succeeded(me.id());
        users.setTotp(me.id(), null, false, null);
        audit.record("TOTP_DISABLE", "user", me.id(), Outcome.SUCCESS, null);
        redirect.addFlashAttribute("flash", messages.getMessage("totp.disabled", null, locale));
        return "redirect:/account";
    }

    /**
     * The account has just been locked by a wrong password or code typed in this session (or was locked already):
     * the session ends, as whoever holds it is not shown to know the password.
     */
    private String signOutLocked(HttpServletRequest request) throws ServletException {
        request.logout();
        return "redirect:/login?error=locked";
    }
}
