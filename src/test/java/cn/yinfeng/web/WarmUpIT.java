package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.WarmUpIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

/**
 * The warm-up over real HTTP: every request it sends is answered (none fails, so it warms the paths users take and
 * not the error pages); its token signs in a read-only leader on GET from this machine only while it runs, and is
 * refused once it ends; readiness is UP once it is done (the test profile runs no warm-up at start).
 */
class WarmUpIT extends IntegrationTest {

    @Autowired
    WarmUp warmUp;

    @Autowired
    WarmUpIdentity identity;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(
                method,
                method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET")) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyWarmUpRequestIsAnsweredAndTheReadinessProbeIsUp() throws Exception {
        WarmUp.Result r = warmUp.run(baseUrl(), 2);

        // 2 rounds of 5 pages and files, 6 API reads and one project
        assertThat(r.requests()).isEqualTo(24);
        assertThat(r.failures()).isZero();
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenReadsAsALeaderOnlyWhileTheWarmUpRunsAndNeverWrites() throws Exception {
        String token = identity.begin();
        try {
            var me = send("GET", "/api/v1/me", token);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"username\":\"warm-up\"").contains("LEADER");
            // not a GET: refused like an unknown token, before any controller sees it
            assertThat(send("POST", "/api/v1/projects", token).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/v1/me", token + "x").statusCode()).isEqualTo(401);
        } finally {
            identity.end();
        }
        assertThat(send("GET", "/api/v1/me", token).statusCode()).isEqualTo(401);
    }
}
