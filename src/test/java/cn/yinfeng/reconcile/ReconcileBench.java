package cn.yinfeng.reconcile;

/**
 * Bench entry point: precision and recall of claim extraction on the labelled corpus, and the extraction time.
 * {@code ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java
 * -Dexec.mainClass=cn.yinfeng.reconcile.ReconcileBench -Dexec.classpathScope=test} (or from an IDE);
 * {@code -Dexec.args=--verbose} lists every miss.
 */
public final class ReconcileBench {

    private ReconcileBench() {}

    public static void main(String[] args) {
        boolean verbose = args.length > 0 && args[0].equals("--verbose");
        double[] pr = Corpus.run(verbose);
        ClaimExtractor extractor = new ClaimExtractor(Corpus.REGIONS);
        String seed = Corpus.load("00-seed").body();
        for (int i = 0; i < 20; i++) {
            extractor.extract(seed, null, "141100");
        }
        int n = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            extractor.extract(seed, null, "141100");
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(
                "seed (%d characters): %.2f ms per extraction; precision %.3f recall %.3f%n",
                seed.length(), ms, pr[0], pr[1]);
    }
}
