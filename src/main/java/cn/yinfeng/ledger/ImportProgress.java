package cn.yinfeng.ledger;

/**
 * How far a running import has got: its phase and rows done of the phase's total. Written by the thread running the
 * import, read about once a second by {@link ImportJobs}, which stores it for the page; the synchronous API passes
 * {@link #NONE}.
 */
final class ImportProgress {

    enum Phase {
        QUEUED,
        READING,
        MATCHING,
        CHECKING,
        WRITING
    }

    /** Rows between two reports while reading or checking: often enough for a bar, rare enough to cost nothing. */
    static final int EVERY = 500;

    static final ImportProgress NONE = new ImportProgress();

    private volatile Phase phase = Phase.QUEUED;
    private volatile int done;
    private volatile int total;

    void phase(Phase phase, int total) {
        this.done = 0;
        this.total = total;
        this.phase = phase;
    }

    void done(int rows) {
        this.done = rows;
    }

    Phase phase() {
        return phase;
    }

    int done() {
        return done;
    }

    int total() {
        return total;
    }
}
