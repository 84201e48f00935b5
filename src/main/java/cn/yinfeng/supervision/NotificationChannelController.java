package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /supervision/channels}: the group-chat robots of the user's regions with their last delivery, the form to
 * add or change one (editors only), a test message, and the newest deliveries with their errors.
 */
@Controller
class NotificationChannelController {

    private final NotificationChannels channels;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final MessageSource messages;

    NotificationChannelController(
            NotificationChannels channels, CurrentUser currentUser, Regions regions, MessageSource messages) {
        this.channels = channels;
        this.currentUser = currentUser;
        this.regions = regions;
        this.messages = messages;
    }

    /** The form's fields as the page binds them (checkboxes of note kinds arrive as a list). */
    record PageForm(
            Long regionId,
            String name,
            String kind,
            String url,
            String secret,
            Boolean enabled,
            List<String> noteKinds,
            Long version) {

        NotificationChannels.ChannelForm toForm() {
            return new NotificationChannels.ChannelForm(
                    regionId,
                    name,
                    kind,
                    url,
                    secret,
                    Boolean.TRUE.equals(enabled),
                    noteKinds == null ? List.of() : noteKinds,
                    version);
        }
    }

    @GetMapping("/supervision/channels")
    String page(@RequestParam(required = false) Long edit, Model model) {
        Long editing = null;
        PageForm form = new PageForm(
                currentUser.require().regionId(), "", "WECOM", "", "", true, List.of("REVIEW", "WARNING"), null);
        if (edit != null && channels.canEdit()) {
            var c = channels.get(edit);
            editing = c.id();
            form = new PageForm(c.regionId(), c.name(), c.kind(), "", "", c.enabled(), c.noteKinds(), c.version());
        }
        return render(model, form, editing, null);
    }

    private String render(Model model, PageForm form, Long editing, Object errors) {
        var list = channels.list();
        model.addAttribute("channels", list);
        model.addAttribute("deliveries", channels.recentDeliveries(30));
        model.addAttribute("canEdit", channels.canEdit());
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("editingChannel", editing == null ? null : channels.get(editing));
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", List.of("WECOM", "DINGTALK", "FEISHU", "WEBHOOK"));
        model.addAttribute("noteKinds", NotificationChannels.NOTE_KINDS);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute(
                "channelNames",
                list.stream()
                        .collect(java.util.stream.Collectors.toMap(
                                NotificationChannels.Channel::id, NotificationChannels.Channel::name)));
        return "supervision/channels";
    }

    @PostMapping("/supervision/channels")
    String create(PageForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            channels.create(form.toForm());
        } catch (InvalidInputException e) {
            return render(model, form, null, FormErrors.resolve(e, messages, locale));
        }
        redirect.addFlashAttribute("flash", messages.getMessage("channel.saved", null, locale));
        return "redirect:/supervision/channels";
    }

    @PostMapping("/supervision/channels/{id}")
    String update(@PathVariable long id, PageForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            channels.update(id, form.toForm());
        } catch (InvalidInputException e) {
            return render(model, form, id, FormErrors.resolve(e, messages, locale));
        }
        redirect.addFlashAttribute("flash", messages.getMessage("channel.saved", null, locale));
        return "redirect:/supervision/channels";
    }

    @PostMapping("/supervision/channels/{id}/test")
    String test(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        channels.test(id, locale);
        redirect.addFlashAttribute("flash", messages.getMessage("channel.testQueued", null, locale));
        return "redirect:/supervision/channels";
    }
}
