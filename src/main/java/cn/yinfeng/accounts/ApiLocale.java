package cn.yinfeng.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** API messages follow Accept-Language (or ?lang=), Chinese when neither is given. */
final class ApiLocale {

    private ApiLocale() {}

    static Locale of(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang != null && lang.startsWith("en")) {
            return Locale.ENGLISH;
        }
        if (request.getHeader("Accept-Language") != null
                && request.getLocale().getLanguage().equals("en")) {
            return Locale.ENGLISH;
        }
        return Locale.SIMPLIFIED_CHINESE;
    }
}
