package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.web.HttpSession;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Uploads and parses on real HTTP, through Tomcat: the parses running at once are bounded and the excess is told to
 * come back (checklist #34); a file name with a NUL, an upload over the limit, the result copy of a batch that is
 * not the caller's: clear answers, never a 500 or the container's English page.
 */
class ImportLimitsIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    Parses parses;

    @Autowired
    Imports imports;

    /** A multipart body with one file part, built by hand (so the file name can hold any byte). */
    static byte[] multipart(String boundary, String fileName, byte[] file, Map<String, String> fields) {
        var out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpRequest.Builder upload(String path, String fileName, byte[] file, Map<String, String> fields) {
        String boundary = "yf" + System.nanoTime();
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, file, fields)));
    }

    private HttpResponse<String> apiPreview(String token, String fileName, byte[] file) throws Exception {
        return http.send(
                upload("/api/v1/ledger/projects/preview", fileName, file, Map.of())
                        .header("Authorization", token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long batches() {
        return jdbc.sql("select count(*) from import_batch").query(Long.class).single();
    }

    private long previewAudits() {
        return jdbc.sql("select count(*) from audit_log where action = 'IMPORT_PREVIEW'")
                .query(Long.class)
                .single();
    }

    @Test
    @DisplayName(
            "checklist #34: previews beyond the parses allowed at once wait, then get 503 with Retry-After and keep nothing")
    void previewsBeyondTheParsesAllowedAtOnceAreToldToComeBackAndKeepNothing() throws Exception {
        byte[] file = LedgerIT.countyLedger();
        long batches = batches();
        long audits = previewAudits();
        int excess = parses.size() + 2;
        var pool = Executors.newFixedThreadPool(excess);
        // every permit taken, as that many large workbooks being parsed would: all the previews are the excess
        parses.holdAll();
        try {
            var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            long t0 = System.nanoTime();
            for (int i = 0; i < excess; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return apiPreview(XIAOYI, "台账.xlsx", file);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            for (var a : answers) {
                HttpResponse<String> r = a.get();
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("10");
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat((String) JsonPath.read(r.body(), "$.detail"))
                        .contains("同时解析的上限")
                        .contains("没有保存任何内容");
            }
            // each waited its turn first (yinfeng.import.parse-wait, 5 s by default), all at the same time
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(4_000L, 30_000L);
            assertThat(batches()).isEqualTo(batches);
            assertThat(previewAudits()).isEqualTo(audits);

            // one that is waiting when a parse ends gets its turn
            var waiting = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return apiPreview(XIAOYI, "台账.xlsx", file);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    pool);
            Thread.sleep(1_000);
            assertThat(waiting).isNotDone();
            parses.releaseAll();
            var served = waiting.get();
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(batches()).isEqualTo(batches + 1);
        } finally {
            if (parses.available() == 0) {
                parses.releaseAll();
            }
            pool.shutdownNow();
        }
        assertThat(parses.available()).isEqualTo(parses.size());
    }

    @Test
    @DisplayName("checklist #34: a page upload's background run waits for a free parse instead of failing")
    void aBackgroundRunWaitsForAFreeParse() throws Exception {
        var browser = new HttpSession(baseUrl());
        browser.login("xiaoyi", "Yinfeng@2024");
        String csrf = HttpSession.csrf(browser.get("/ledger").body());
        parses.holdAll();
        long batch;
        try {
            var r = http.send(
                    upload(
                                    "/ledger/preview",
                                    "台账.xlsx",
                                    LedgerIT.countyLedger(),
                                    Map.of("_csrf", csrf, "kind", "projects"))
                            .header("Cookie", "JSESSIONID=" + browser.sessionCookie)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(302);
            batch = Long.parseLong(
                    r.headers().firstValue("Location").orElseThrow().replaceAll(".*/ledger/", ""));
            Thread.sleep(1_500);
            assertThat(status(batch)).isEqualTo("PREVIEWING");
        } finally {
            parses.releaseAll();
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!status(batch).equals("PREVIEWED") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(status(batch)).isEqualTo("PREVIEWED");
    }

    private String status(long batch) {
        return jdbc.sql("select status from import_batch where id = :id")
                .param("id", batch)
                .query(String.class)
                .single();
    }

    @Test
    @DisplayName("issue 16: a NUL in an upload's file name is a 400 naming the problem, never a 500")
    void aNulInTheFileNameIsAClearRefusal() throws Exception {
        long batches = batches();
        var api = apiPreview(XIAOYI, "台账\u0000.xlsx", LedgerIT.countyLedger());
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(api.body(), "$.detail")).contains("文件名中含有不允许的字符");

        var browser = new HttpSession(baseUrl());
        browser.login("xiaoyi", "Yinfeng@2024");
        String csrf = HttpSession.csrf(browser.get("/ledger").body());
        var page = http.send(
                upload(
                                "/ledger/preview",
                                "台账\u0000.xlsx",
                                LedgerIT.countyLedger(),
                                Map.of("_csrf", csrf, "kind", "projects"))
                        .header("Cookie", "JSESSIONID=" + browser.sessionCookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("文件名中含有不允许的字符").contains("请重命名文件后重新上传");

        // a project's evidence file likewise
        long project = jdbc.sql("select p.id from project p join region r on r.id = p.region_id "
                        + "where r.code = '141181' order by p.id limit 1")
                .query(Long.class)
                .single();
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var f = http.send(
                upload("/api/v1/projects/" + project + "/files", "合同\u0000.pdf", pdf, Map.of())
                        .header("Authorization", XIAOYI)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(f.statusCode()).isEqualTo(400);
        assertThat(batches()).isEqualTo(batches);

        // other control characters and a path are dropped from the stored name
        var r = apiPreview(XIAOYI, "../台账\t\u0007.xlsx", LedgerIT.countyLedger());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(r.body(), "$.fileName")).isEqualTo("台账.xlsx");
    }

    @Test
    @DisplayName("issue 16: over the upload limit: 413 with a page (or problem document) naming the limit")
    void anUploadOverTheLimitGetsAPageNamingTheLimit() throws Exception {
        byte[] big = new byte[23 * 1024 * 1024];
        var browser = new HttpSession(baseUrl());
        browser.login("xiaoyi", "Yinfeng@2024");
        String csrf = HttpSession.csrf(browser.get("/ledger").body());
        long batches = batches();
        var page = http.send(
                upload("/ledger/preview", "台账.xlsx", big, Map.of("_csrf", csrf, "kind", "projects"))
                        .header("Cookie", "JSESSIONID=" + browser.sessionCookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(413);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body())
                .contains("文件过大")
                .contains("21 MB")
                .doesNotContain("Request Entity Too Large")
                .doesNotContain("Apache Tomcat");

        var english = http.send(
                upload("/ledger/preview", "ledger.xlsx", big, Map.of("_csrf", csrf, "kind", "projects"))
                        .header("Cookie", "JSESSIONID=" + browser.sessionCookie + "; yf-lang=en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(413);
        assertThat(english.body()).contains("File too large").contains("21 MB");

        var api = apiPreview(XIAOYI, "台账.xlsx", big);
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(api.body(), "$.detail")).contains("21 MB");
        assertThat(batches()).isEqualTo(batches);
    }

    @Test
    @DisplayName("issue 16: the result copy of a missing batch or another county's is the same 404 page, not a 500")
    void theResultCopyOfAMissingOrAnotherCountysBatchIsA404() throws Exception {
        var other = apiPreview(ZHONGYANG, "台账.xlsx", LedgerIT.countyLedger());
        assertThat(other.statusCode()).isEqualTo(200);
        long theirs = ((Number) JsonPath.read(other.body(), "$.batchId")).longValue();
        var mine = apiPreview(XIAOYI, "台账.xlsx", LedgerIT.countyLedger());
        long own = ((Number) JsonPath.read(mine.body(), "$.batchId")).longValue();

        var browser = new HttpSession(baseUrl());
        browser.login("xiaoyi", "Yinfeng@2024");
        for (long id : new long[] {theirs, 987_654_321L}) {
            var r = browser.get("/ledger/" + id + "/result.xlsx");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
            assertThat(r.body()).contains("未找到");
        }
        var own200 = browser.get("/ledger/" + own + "/result.xlsx");
        assertThat(own200.statusCode()).isEqualTo(200);
        assertThat(own200.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment");
    }
}
