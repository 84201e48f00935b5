package cn.yinfeng.common;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names typed into one text box, as clerks type them: one a line, or separated by commas, 、 or semicolons (ASCII or
 * full-width), in any mix.
 */
public final class TypedNames {

    private static final Pattern SEPARATORS = Pattern.compile("[\\n,，、;；]+");

    private TypedNames() {}

    /** The names in the order typed, trimmed, blanks dropped, each once; none for a blank text. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(text))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
