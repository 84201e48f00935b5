package cn.yinfeng.common;

import java.util.Map;

/**
 * An edit was made against a stale version of a record (optimistic locking). Carries the version the user edited
 * and the current stored values so both can be shown; never a silent overwrite.
 */
public class ConflictException extends RuntimeException {

    private final String what;
    private final long expectedVersion;
    private final long currentVersion;
    private final Map<String, Object> current;

    public ConflictException(String what, long expectedVersion, long currentVersion, Map<String, Object> current) {
        super(what + " was changed by someone else (version " + expectedVersion + " -> " + currentVersion + ")");
        this.what = what;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
        // values may be null (an empty field): keep them, in order
        this.current = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(current));
    }

    public String what() {
        return what;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    public Map<String, Object> current() {
        return current;
    }
}
