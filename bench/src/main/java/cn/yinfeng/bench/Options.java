package cn.yinfeng.bench;

import java.nio.file.Path;

/** Command-line options, all {@code --name=value}. */
record Options(int projects, Path appJar, int jitWarmup, int warmup, int requests, long seed,
        int startTimeoutSeconds, boolean explain, int holdSeconds, boolean load, int loadUsers, int loadSeconds,
        int ruleWarmup, int ruleRequests, int recomputeRuns, int briefingWarmup, int briefingRequests) {

    static final String USAGE = """
            usage: Main [--projects=N] [--app-jar=PATH] [--jit-warmup=N] [--warmup=N] [--requests=N] [--seed=N]
                        [--start-timeout=SECONDS] [--explain] [--hold=SECONDS]
                        [--rule-warmup=N] [--rule-requests=N] [--recompute-runs=N]
                        [--briefing-warmup=N] [--briefing-requests=N] [--suite=api,ledger,work,briefing]
              --projects       projects to generate (default 1000000); follow-ups and funds are about 2.5 x N each
              --app-jar        application jar (default target/yinfeng-0.1.0-SNAPSHOT.jar in the repository root)
              --jit-warmup     rounds of cheap calls (me, list page 1, its SQL) that warm the freshly started JVMs
                               before any scenario (default 1000)
              --warmup         untimed calls per scenario before timing (default 50)
              --requests       timed calls per scenario (default 300)
              --seed           data generator seed (default 20240601)
              --start-timeout  seconds to wait for the application to answer /login (default 240)
              --explain        also print EXPLAIN (ANALYZE, BUFFERS) of each scenario's SQL, with the values
                               bound (custom plan) and as a forced generic plan
              --hold           keep PostgreSQL and the app running this many seconds after the report, to look
                               at them by hand (the ports are printed)
              --load           also run the Gatling load simulation, with one and then two app instances
              --load-users     concurrent users of the load simulation (default 300)
              --load-seconds   duration of each load run (default 60)
              --rule-warmup    untimed calls before each rule-version scenario, which reads the approved history
                               (default 3)
              --rule-requests  timed calls of each rule-version scenario (default 30)
              --recompute-runs timed recomputations of the province's year under the new version (default 5)
              --briefing-warmup untimed calls before each 简报 document is timed (default 3)
              --briefing-requests timed calls of the report, the .docx and the PDF (default 20)
              --suite          what to run (default api); briefing: the 简报 documents of the province
            """;

    static Options parse(String[] args, Path repoRoot) {
        int projects = 1_000_000;
        Path jar = repoRoot.resolve("target/yinfeng-0.1.0-SNAPSHOT.jar");
        int jitWarmup = 1000;
        int warmup = 50;
        int requests = 300;
        long seed = 20240601L;
        int startTimeout = 240;
        boolean explain = false;
        int hold = 0;
        boolean load = false;
        int loadUsers = 300;
        int loadSeconds = 60;
        int ruleWarmup = 3;
        int ruleRequests = 30;
        int recomputeRuns = 5;
        int briefingWarmup = 3;
        int briefingRequests = 20;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
                case "--projects" -> projects = positive(name, value);
                case "--app-jar" -> jar = Path.of(value).toAbsolutePath();
                case "--jit-warmup" -> jitWarmup = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--requests" -> requests = positive(name, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--start-timeout" -> startTimeout = positive(name, value);
                case "--explain" -> explain = true;
                case "--hold" -> hold = positive(name, value);
                case "--load" -> load = true;
                case "--load-users" -> loadUsers = positive(name, value);
                case "--load-seconds" -> loadSeconds = positive(name, value);
                case "--rule-warmup" -> ruleWarmup = Integer.parseInt(value);
                case "--rule-requests" -> ruleRequests = positive(name, value);
                case "--recompute-runs" -> recomputeRuns = positive(name, value);
                case "--briefing-warmup" -> briefingWarmup = Integer.parseInt(value);
                case "--briefing-requests" -> briefingRequests = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        // page 1000 needs 20,000 rows before it
        if (projects < 25_000) {
            throw new IllegalArgumentException("--projects must be at least 25000 (page 1000 must exist)");
        }
        return new Options(projects, jar, jitWarmup, warmup, requests, seed, startTimeout, explain, hold, load,
                loadUsers, loadSeconds, ruleWarmup, ruleRequests, recomputeRuns, briefingWarmup, briefingRequests);
    }

    private static int positive(String name, String value) {
        int n = Integer.parseInt(value.replace("_", ""));
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
    }
}
