package cn.yinfeng.talent;

import cn.yinfeng.talent.TalentRecordPage.Field;
import cn.yinfeng.talent.TalentRecordPage.Item;
import cn.yinfeng.talent.TalentRecordPage.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Builds the fields of the talent forms and the lines of their details, in the user's language. */
@Component
class TalentFields {

    private final MessageSource messages;

    TalentFields(MessageSource messages) {
        this.messages = messages;
    }

    String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** A detail line: the label's message, the value as shown. */
    Item item(String labelKey, String value, Locale locale) {
        return new Item(msg(labelKey, locale), value);
    }

    static Field text(String name, String label, Object value, String cols) {
        return new Field(name, label, "text", value, null, cols);
    }

    static Field number(String name, String label, Object value, String cols) {
        return new Field(name, label, "number", value, null, cols);
    }

    static Field date(String name, String label, Object value, String cols) {
        return new Field(name, label, "date", value, null, cols);
    }

    static Field area(String name, String label, Object value) {
        return new Field(name, label, "textarea", value, null, "col-md-12");
    }

    static Field region(Long value) {
        return new Field("regionId", "field.region", "region", value, null, "col-md-4");
    }

    /** A choice of an enum's values, each labelled by {@code prefix + name}; {@code empty} adds a "—" first. */
    Field select(
            String name,
            String label,
            Enum<?>[] values,
            String prefix,
            Enum<?> value,
            boolean empty,
            Locale locale,
            String cols) {
        var options = new ArrayList<Option>();
        if (empty) {
            options.add(new Option("", "—", value == null));
        }
        for (Enum<?> e : values) {
            options.add(new Option(e.name(), msg(prefix + e.name(), locale), e == value));
        }
        return new Field(name, label, "select", null, options, cols);
    }

    /** A list's filter choices: {value, message key}. */
    static List<String[]> names(Enum<?>[] values, String prefix) {
        var out = new ArrayList<String[]>();
        for (Enum<?> e : values) {
            out.add(new String[] {e.name(), prefix + e.name()});
        }
        return out;
    }

    /** A filter from the query string; an unknown value filters nothing rather than failing. */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
