package cn.yinfeng.common;

import java.util.List;

/**
 * Input that breaks a business rule. Each problem names the field (or null for the whole form) and a message key
 * of the messages bundles, so the user reads it in their language next to the field.
 */
public class InvalidInputException extends RuntimeException {

    public record Problem(String field, String messageKey, Object... args) {}

    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream()
                .map(p -> p.field() + ": " + p.messageKey())
                .toList()
                .toString());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String messageKey, Object... args) {
        this(List.of(new Problem(field, messageKey, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Adds "no more than {@code max} characters" for a text longer than its column (trimmed, as it is stored). */
    public static void checkLength(List<Problem> problems, String field, String value, int max) {
        if (value != null && value.trim().length() > max) {
            problems.add(new Problem(field, "validation.tooLong", max));
        }
    }

    /**
     * The problems found reading a form's text, then those of the service's checks on fields that have none yet: a
     * mistyped date is not also reported as missing.
     */
    public static List<Problem> merge(List<Problem> typed, List<Problem> checked) {
        var out = new java.util.ArrayList<Problem>(typed);
        checked.stream()
                .filter(c -> typed.stream().noneMatch(t -> t.field().equals(c.field())))
                .forEach(out::add);
        return out;
    }
}
