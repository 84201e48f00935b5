package cn.yinfeng.accounts;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.RegionLevel;
import cn.yinfeng.regions.Regions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One-time set-up of a fresh installation (the {@code prod} profile starts with no account): whoever holds the
 * set-up code printed in the server log creates the root region and the first administrator. Once any user
 * exists the page is gone for good.
 */
@Controller
class SetupController {

    private static final Logger log = LoggerFactory.getLogger(SetupController.class);

    private final Accounts accounts;
    private final Regions regions;
    private final MessageSource messages;
    private final String setupCode;

    SetupController(Accounts accounts, Regions regions, MessageSource messages) {
        this.accounts = accounts;
        this.regions = regions;
        this.messages = messages;
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        this.setupCode = HexFormat.of().formatHex(bytes);
    }

    /** For the set-up test only: the code otherwise read from the log. */
    String setupCode() {
        return setupCode;
    }

    @EventListener
    public void announce(ApplicationReadyEvent event) {
        if (!accounts.anyUser()) {
            log.warn("\n\n  No user exists yet. Open /setup and enter the one-time set-up code: {}\n", setupCode);
        }
    }

    @GetMapping("/setup")
    String form(Model model) {
        if (accounts.anyUser()) {
            return "redirect:/login";
        }
        model.addAttribute("needsRegion", regions.isEmpty());
        return "accounts/setup";
    }

    @PostMapping("/setup")
    synchronized String create(
            @RequestParam String setupCode,
            @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String regionName,
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam String password,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        if (accounts.anyUser()) {
            return "redirect:/login";
        }
        model.addAttribute("needsRegion", regions.isEmpty());
        model.addAllAttributes(Map.of("username", username, "displayName", displayName));
        if (!MessageDigest.isEqual(
                this.setupCode.getBytes(StandardCharsets.UTF_8),
                setupCode.trim().getBytes(StandardCharsets.UTF_8))) {
            model.addAttribute(
                    "errors", Map.of("setupCode", List.of(messages.getMessage("setup.code.wrong", null, locale))));
            return "accounts/setup";
        }
        try {
            long root;
            if (regions.isEmpty()) {
                root = regions.create(
                        new Regions.RegionForm(regionCode, regionName, null, RegionLevel.CITY, null, 0, 0), null);
            } else {
                root = regions.findRoot();
            }
            accounts.createFirstAdmin(username, displayName, root, password);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return "accounts/setup";
        }
        redirect.addFlashAttribute("flash", messages.getMessage("setup.done", null, locale));
        return "redirect:/login";
    }
}
