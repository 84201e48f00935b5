package cn.yinfeng.web;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page: who is signed in, their region, and the current path for the menu. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

    private final CurrentUser currentUser;
    private final Regions regions;

    ShellModel(CurrentUser currentUser, Regions regions) {
        this.currentUser = currentUser;
        this.regions = regions;
    }

    @ModelAttribute("me")
    YinfengUser me() {
        return currentUser.get().orElse(null);
    }

    @ModelAttribute("myRegion")
    Region myRegion(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            return null; // JSON answers have no layout: no query for it (the bench counted it)
        }
        return currentUser.get().flatMap(u -> regions.find(u.region())).orElse(null);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /**
     * The current list URL without its sort, direction, page (number, cursor) and page size, ending in {@code ?} or {@code &}, so that sortable
     * headers and pagers keep the user's filters: {@code listBase + 'sort=name&dir=asc'}.
     */
    @ModelAttribute("listBase")
    String listBase(HttpServletRequest request) {
        var query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (Set.of("sort", "dir", "page", "cursor", "before", "size", "lang", "_csrf")
                    .contains(name)) {
                return;
            }
            for (String v : values) {
                if (v != null && !v.isEmpty()) {
                    query.append(enc(name)).append('=').append(enc(v)).append('&');
                }
            }
        });
        return request.getRequestURI() + "?" + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
