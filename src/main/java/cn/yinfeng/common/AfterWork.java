package cn.yinfeng.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Work to do once the current unit of work (a request, a background import) is over and its database connection is
 * back in the pool. A listener that runs "after commit" still holds the writer's connection; had it opened its own
 * transaction there, every busy thread could hold one connection and wait for a second, and the pool ran dry under
 * load. So such a listener defers its work here when a unit of work is open, and does it at once when none is.
 */
public final class AfterWork implements AutoCloseable {

    private static final ThreadLocal<Map<Object, Runnable>> PENDING = new ThreadLocal<>();

    private final Map<Object, Runnable> pending;

    private AfterWork(Map<Object, Runnable> pending) {
        this.pending = pending;
    }

    /** Opens a unit of work on this thread; closing it runs what was deferred. Nested, it defers to the outer one. */
    public static AfterWork open() {
        if (PENDING.get() != null) {
            return new AfterWork(null);
        }
        var pending = new LinkedHashMap<Object, Runnable>();
        PENDING.set(pending);
        return new AfterWork(pending);
    }

    /** Defers {@code task} (once per key) to the end of this thread's unit of work; false if none is open. */
    public static boolean defer(Object key, Runnable task) {
        Map<Object, Runnable> pending = PENDING.get();
        if (pending == null) {
            return false;
        }
        pending.putIfAbsent(key, task);
        return true;
    }

    /** Runs the deferred tasks in order; a task that fails does not keep the others from running. */
    @Override
    public void close() {
        if (pending == null) {
            return;
        }
        PENDING.remove();
        RuntimeException first = null;
        for (Runnable task : pending.values()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
