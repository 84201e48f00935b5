package cn.yinfeng.common;

/**
 * The pattern for a text search with SQL {@code like}/{@code ilike}: what the user typed anywhere in the
 * value, with the pattern's own characters ({@code %}, {@code _} and the escape {@code \}) taken literally, so that a
 * search for "10%" finds "10%" and not everything that starts with "10".
 */
public final class Like {

    private Like() {}

    /** {@code %text%} with {@code text} escaped. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** The text with {@code \}, {@code %} and {@code _} escaped for PostgreSQL's default escape character. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
