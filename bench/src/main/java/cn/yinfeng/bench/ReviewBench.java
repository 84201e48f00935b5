package cn.yinfeng.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 20, batch review: {@code POST /api/v1/projects/reviews} approving {@value #BATCH} projects in one go (one
 * transaction, set-based snapshot into project_approved, one review row, audit entry and event per project). Each
 * run puts a fresh set of approved projects back to 待审核 over JDBC, then approves them through the API as the bench
 * user (city staff); the wall time of the call, median of {@value #RUNS}: target under 2 s.
 */
final class ReviewBench {

    static final int BATCH = 200;
    static final int RUNS = 5;
    private static final double TARGET_MS = 2000;

    private ReviewBench() {}

    static String run(HttpClient http, String base, Connection db) throws Exception {
        var out = new StringBuilder();
        out.append(String.format("%nBatch review (POST /api/v1/projects/reviews, %d projects approved at once)%n",
                BATCH));
        out.append("-".repeat(127)).append('\n');
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            List<long[]> items = submitted(db, run);
            var json = new StringBuilder("{\"action\":\"APPROVE\",\"opinion\":\"压测批量通过\",\"items\":[");
            for (int i = 0; i < items.size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"id\":").append(items.get(i)[0]).append(",\"version\":")
                        .append(items.get(i)[1]).append('}');
            }
            json.append("]}");
            long start = System.nanoTime();
            send(http, base, "/api/v1/projects/reviews", json.toString());
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = sorted[RUNS / 2];
        out.append(String.format("approve %d in one batch: median %.0f ms %s (target < %.0f ms)  %s%n", BATCH, median,
                Arrays.toString(millis), TARGET_MS, median < TARGET_MS ? "PASS" : "MISS"));
        return out.toString();
    }

    /** {@value #BATCH} approved projects, a different slice per run, set back to submitted: their ids and versions. */
    private static List<long[]> submitted(Connection db, int run) throws Exception {
        var out = new ArrayList<long[]>();
        try (PreparedStatement ps = db.prepareStatement("""
                update project set review_status = 'SUBMITTED', version = version + 1
                 where id in (select id from project where review_status = 'APPROVED'
                               order by id offset ? limit ?)
                returning id, version
                """)) {
            ps.setInt(1, run * BATCH * 7);
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        if (out.size() != BATCH) {
            throw new IllegalStateException("batch review: only " + out.size() + " approved projects to submit");
        }
        return out;
    }

    private static void send(HttpClient http, String base, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
