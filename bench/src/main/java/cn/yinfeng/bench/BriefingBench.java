package cn.yinfeng.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The month's 简报 as documents (issue 21), for the whole province: the report of 2024-10 is published through the
 * API, then the .docx and the PDF of it are fetched, each call reproducing the publication (its figures as of the
 * instant it read, under its rule version), writing and checking the text, and laying out the document. Each is set
 * against the report's own computation as the documents make it: {@code GET /api/v1/stats/report/published}, which
 * reproduces the same publication and compares its figures, and nothing else. Reported: p50/p95 of each, the ratio
 * of p50s, the documents' sizes, and the PDF under 2 MB (PASS/MISS).
 */
final class BriefingBench {

    private static final String MONTH = "2024-10";
    private static final long PDF_LIMIT = 2L * 1024 * 1024;

    private BriefingBench() {}

    static String run(HttpClient http, String base, int warmup, int requests) throws Exception {
        String region = "region=" + DataLoader.ROOT_CODE + "&to=" + MONTH;
        post(http, base, "/api/v1/stats/aggregates/rebuild");
        post(http, base, "/api/v1/stats/report/publish?" + region);
        String published = "/api/v1/stats/report/published?" + region;
        if (!Main.get(http, base, published).contains("\"reproduces\":true")) {
            throw new IllegalStateException("the publication does not reproduce: " + Main.get(http, base, published));
        }
        String checked = Main.get(http, base, "/api/v1/stats/report/briefing?" + region);
        if (!checked.contains("\"offered\":true")) {
            throw new IllegalStateException("the 简报 did not pass its check: " + checked);
        }
        String docx = "/api/v1/stats/report/briefing.docx?" + region;
        String pdf = "/api/v1/stats/report/briefing.pdf?" + region;
        long docxBytes = bytes(http, base, docx, "PK");
        long pdfBytes = bytes(http, base, pdf, "%PDF");

        Timing.Stats report = Timing.measure(warmup, requests, () -> Main.get(http, base, published));
        Timing.Stats word = Timing.measure(warmup, requests, () -> bytes(http, base, docx, "PK"));
        Timing.Stats portable = Timing.measure(warmup, requests, () -> bytes(http, base, pdf, "%PDF"));

        var out = new StringBuilder();
        out.append(String.format("%n简报 of %s for the province (%d calls after %d warm-up)%n", MONTH, requests, warmup));
        out.append("-".repeat(100)).append('\n');
        out.append(String.format("%-58s %10s %10s %14s%n", "call", "p50 ms", "p95 ms", "p50 ÷ report"));
        out.append(line("report reproduced: GET /api/v1/stats/report/published", report, report));
        out.append(line("GET /api/v1/stats/report/briefing.docx", word, report));
        out.append(line("GET /api/v1/stats/report/briefing.pdf", portable, report));
        out.append(String.format("docx %,d bytes; PDF %,d bytes (< 2 MB: %s)%n", docxBytes, pdfBytes,
                pdfBytes < PDF_LIMIT ? "PASS" : "MISS"));
        return out.toString();
    }

    private static String line(String name, Timing.Stats s, Timing.Stats reference) {
        return String.format("%-58s %10.1f %10.1f %14.2f%n", name, s.p50(), s.p95(), s.p50() / reference.p50());
    }

    /** GETs a document, checks it is one (its magic bytes), and returns its size. */
    private static long bytes(HttpClient http, String base, String path, String magic) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = response.body();
        if (response.statusCode() != 200 || !new String(body, 0, Math.min(body.length, magic.length()),
                java.nio.charset.StandardCharsets.ISO_8859_1).equals(magic)) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(body, 0, Math.min(500, body.length), java.nio.charset.StandardCharsets.UTF_8));
        }
        return body.length;
    }

    private static void post(HttpClient http, String base, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
