package cn.yinfeng.ledger;

import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.ledger.Imports.SheetInfo;
import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The decisions of recent dry runs, kept in this instance for their commits: a commit that follows its dry run with
 * nothing written in between writes what the dry run decided instead of reading and deciding every row again
 * ({@link ImportRunner#commit}). A few batches at most, for half an hour, each held softly (memory short, they go,
 * and the commit decides again); a commit on another instance decides again too.
 */
@Component
class DryRuns {

    static final int KEPT = 3;
    static final Duration FOR = Duration.ofMinutes(30);

    /**
     * What a dry run decided: the audit log's newest row when it began (anything written after it voids the
     * decisions), the file's hash (a file changed under its batch is read again), the run with its kept records, every row's result, the rows that changed records (applied again in
     * the commit, as they were decided in a transaction that is gone), and the file's reading without its rows.
     */
    record Decided(
            long since,
            long user,
            ImportKind kind,
            String fileHash,
            Locale locale,
            ImportRun run,
            List<RowResult> results,
            List<Map<String, String>> applied,
            LedgerSheets.Read read,
            SheetInfo sheet,
            int rows,
            boolean regional) {}

    private record Entry(SoftReference<Decided> decided, Instant at) {}

    private final Clock clock;
    private final Map<Long, Entry> kept = new LinkedHashMap<>();
    private final AtomicLong reused = new AtomicLong();

    DryRuns(Clock clock) {
        this.clock = clock;
    }

    synchronized void keep(long batchId, Decided decided) {
        kept.remove(batchId);
        kept.put(batchId, new Entry(new SoftReference<>(decided), clock.instant()));
        while (kept.size() > KEPT) {
            kept.remove(kept.keySet().iterator().next());
        }
    }

    /** The decisions kept for a batch, taken (a commit uses them once), if recent and still in memory; else null. */
    synchronized Decided take(long batchId) {
        Entry e = kept.remove(batchId);
        if (e == null || e.at().plus(FOR).isBefore(clock.instant())) {
            return null;
        }
        return e.decided().get();
    }

    synchronized void forget(long batchId) {
        kept.remove(batchId);
    }

    /** Commits written from a dry run's decisions since the start (for tests and the log). */
    long reused() {
        return reused.get();
    }

    void countReuse() {
        reused.incrementAndGet();
    }
}
