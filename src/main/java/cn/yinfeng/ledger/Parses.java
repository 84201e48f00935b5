package cn.yinfeng.ledger;

import cn.yinfeng.common.BusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one gate every workbook parse goes through, whoever asked for it (a page upload's background run, the API's
 * preview and commit, the copy with results): at most {@code yinfeng.import.max-parallel-parses} at once per
 * instance, so that their memory adds up to a known bound however many arrive together. A parse in a request waits
 * up to {@code yinfeng.import.parse-wait} for its turn, then is refused with {@link BusyException} (503 with
 * Retry-After) before anything is stored; a background run waits as long as it takes (it is already queued).
 */
@Component
class Parses {

    /** What a refused request is told to wait before trying again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Semaphore permits;
    private final int size;
    private final Duration wait;

    Parses(
            @Value("${yinfeng.import.max-parallel-parses:2}") int size,
            @Value("${yinfeng.import.parse-wait:5s}") Duration wait) {
        if (size < 1) {
            throw new IllegalArgumentException("yinfeng.import.max-parallel-parses must be at least 1");
        }
        this.permits = new Semaphore(size, true);
        this.size = size;
        this.wait = wait;
    }

    /** Runs {@code parse} once a permit is free: waiting at most {@link #wait} in a request, unbounded in the background. */
    <T> T run(boolean background, Supplier<T> parse) {
        try {
            if (background) {
                permits.acquire();
            } else if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException("import.busyParsing", RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("import.busyParsing", RETRY_AFTER);
        }
        try {
            return parse.get();
        } finally {
            permits.release();
        }
    }

    int size() {
        return size;
    }

    /** Permits not in use now (for the tests and the log). */
    int available() {
        return permits.availablePermits();
    }

    /** Takes every permit, as that many running parses would (tests: the next parse must wait). */
    void holdAll() throws InterruptedException {
        permits.acquire(size);
    }

    void releaseAll() {
        permits.release(size);
    }
}
