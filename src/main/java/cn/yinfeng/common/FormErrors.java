package cn.yinfeng.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/** Resolves the problems of an {@link InvalidInputException} into messages per field, for forms and the API. */
public final class FormErrors {

    /** Key under which messages for the whole form (no field) are listed. */
    public static final String GLOBAL = "_form";

    private FormErrors() {}

    public static Map<String, List<String>> resolve(InvalidInputException e, MessageSource messages, Locale locale) {
        var out = new LinkedHashMap<String, List<String>>();
        for (var p : e.problems()) {
            String text =
                    messages.getMessage(p.messageKey(), localise(p.args(), messages, locale), p.messageKey(), locale);
            out.computeIfAbsent(p.field() == null ? GLOBAL : p.field(), k -> new ArrayList<>())
                    .add(text);
        }
        return out;
    }

    /** Enum arguments are shown by their label: Stage.SIGNED becomes the text of the key {@code stage.SIGNED}. */
    static Object[] localise(Object[] args, MessageSource messages, Locale locale) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Enum<?> e) {
                String type = e.getDeclaringClass().getSimpleName();
                String key = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + e.name();
                out[i] = messages.getMessage(key, null, e.name(), locale);
            }
        }
        return out;
    }
}
