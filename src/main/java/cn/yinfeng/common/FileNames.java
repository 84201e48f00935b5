package cn.yinfeng.common;

/** The name an uploaded file is stored and shown under, whatever the client sent. */
public final class FileNames {

    /** Longest name kept (the columns hold 200 characters or more). */
    public static final int MAX_LENGTH = 200;

    private FileNames() {}

    /**
     * The last segment of {@code name} (after any {@code /} or {@code \}), without control characters (NUL, CR, LF,
     * tab...), at most {@link #MAX_LENGTH} characters; empty when nothing is left (the caller picks a default). Never
     * throws: a client-chosen name is only a label, never a path on disk.
     */
    public static String safe(String name) {
        if (name == null) {
            return "";
        }
        String n = name.replaceAll("\\p{Cntrl}", "").replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        if (n.equals(".") || n.equals("..")) {
            return "";
        }
        return n.substring(0, Math.min(MAX_LENGTH, n.length()));
    }
}
