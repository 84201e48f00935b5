package cn.yinfeng.bench;

import java.util.Arrays;

/** Sequential latency sampling: untimed warm-up calls, then timed calls, reported as nearest-rank percentiles. */
final class Timing {

    /** Milliseconds. */
    record Stats(double p50, double p95) {}

    interface Call {
        void run() throws Exception;
    }

    private Timing() {}

    static Stats measure(int warmup, int requests, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Stats(percentile(nanos, 50), percentile(nanos, 95));
    }

    /** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
