package cn.yinfeng.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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
        this.current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
    }

    /** What is stored now, for a 409: its version and the values shown beside the user's. */
    public record Stored(long version, Map<String, Object> shown) {}

    /**
     * After {@code update … where id = :id and version = :version}: no row changed means the version the user edited
     * was stale, a 409 naming what is stored now ({@code now} is read only then).
     */
    public static void unlessUpdated(int rows, String what, long expectedVersion, Supplier<Stored> now) {
        if (rows == 0) {
            Stored stored = now.get();
            throw new ConflictException(what, expectedVersion, stored.version(), stored.shown());
        }
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
