package cn.yinfeng.prefs;

import cn.yinfeng.common.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The list toolbar's forms: the column chooser, saving and deleting a filter. Each ends in a redirect back to the
 * list it came from ({@code back}, a path of this site only).
 */
@Controller
@RequestMapping("/account/list-prefs/{listKey}")
class ListPrefsController {

    private static final Set<String> FORM_FIELDS = Set.of("name", "back", "_csrf", "all", "visible");

    private final ListPrefs prefs;
    private final MessageSource messages;

    ListPrefsController(ListPrefs prefs, MessageSource messages) {
        this.prefs = prefs;
        this.messages = messages;
    }

    /** Only a local path: never another site (//host) nor a scheme. */
    static String back(String back, String listKey) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")) {
            return "/";
        }
        return back;
    }

    @PostMapping("/columns")
    String columns(
            @PathVariable String listKey,
            @RequestParam(name = "all", required = false) List<String> all,
            @RequestParam(name = "visible", required = false) List<String> visible,
            @RequestParam(required = false) String back) {
        var hidden = new ArrayList<String>(all == null ? List.of() : all);
        if (visible != null) {
            hidden.removeAll(visible);
        }
        var now = prefs.get(listKey);
        prefs.save(listKey, hidden, now.pageSize(), now.version());
        return "redirect:" + back(back, listKey);
    }

    @PostMapping("/filters")
    String saveFilter(
            @PathVariable String listKey,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            Locale locale,
            RedirectAttributes redirect) {
        var params = new LinkedHashMap<String, String>();
        request.getParameterMap().forEach((k, v) -> {
            if (!FORM_FIELDS.contains(k) && v.length > 0) {
                params.put(k, v[0]);
            }
        });
        try {
            prefs.saveFilter(listKey, name, params);
            redirect.addFlashAttribute("flash", messages.getMessage("listPrefs.filterSaved", null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", messages.getMessage("listPrefs.filterNotSaved", null, locale));
        }
        return "redirect:" + back(back, listKey);
    }

    @PostMapping("/filters/{id}/delete")
    String deleteFilter(
            @PathVariable String listKey, @PathVariable long id, @RequestParam(required = false) String back) {
        prefs.deleteFilter(listKey, id);
        return "redirect:" + back(back, listKey);
    }
}
