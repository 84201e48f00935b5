package cn.yinfeng.talent;

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

/** 系统管理 › 人才信息查看授权: who may see talents' ID numbers and phones in full; every change audited. */
@Controller
@RequestMapping("/admin/talent-grants")
@PreAuthorize("hasRole('ADMIN')")
class TalentGrantController {

    private final TalentPii pii;
    private final MessageSource messages;

    TalentGrantController(TalentPii pii, MessageSource messages) {
        this.pii = pii;
        this.messages = messages;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("grants", pii.grants());
        return "talent/grants";
    }

    @PostMapping
    String grant(
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String reason,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            pii.grant(username, reason);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("username", username);
            model.addAttribute("reason", reason);
            return list(model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/admin/talent-grants";
    }

    @PostMapping("/{userId}/revoke")
    String revoke(@PathVariable long userId, Locale locale, RedirectAttributes redirect) {
        pii.revoke(userId);
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/admin/talent-grants";
    }
}
