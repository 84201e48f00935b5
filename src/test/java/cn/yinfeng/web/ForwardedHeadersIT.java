package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.YinfengApplication;
import cn.yinfeng.accounts.SetupCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile behind a TLS proxy (checklist #33), on real HTTP through Tomcat (its RemoteIpValve; MockMvc would
 * bypass it): {@code X-Forwarded-Proto: https} from a trusted proxy (by default the same host, 127.0.0.1) makes the
 * request secure, so HSTS is sent and redirects are https; the same header from any other address (127.0.0.2 here)
 * is ignored. The API's description needs a sign-in in prod.
 */
class ForwardedHeadersIT {

    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        var dir = Files.createTempDirectory("yf-prod-proxy");
        app = new SpringApplicationBuilder(YinfengApplication.class)
                .profiles("prod")
                .run(
                        "--spring.datasource.url=",
                        "--server.port=0",
                        "--yinfeng.db.embedded.data-dir=" + dir,
                        "--yinfeng.db.embedded.clean=true",
                        "--logging.level.root=warn",
                        "--yinfeng.talent.encryption-key=" + Base64.getEncoder().encodeToString(new byte[32]),
                        "--yinfeng.audit.key=" + Base64.getEncoder().encodeToString(new byte[32]),
                        "--yinfeng.audit.checkpoint-file=" + dir.resolve("audit-checkpoints.log"),
                        // the first administrator is not sent to enrol a second factor here: this test reads the API
                        // docs
                        "--yinfeng.security.totp.required-for-admin=false");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** A response as the raw socket saw it: status and headers (names in lower case). */
    record Raw(int status, Map<String, String> headers) {}

    /** GET {@code path} from local address {@code from}, with the given extra headers, on a plain socket. */
    static Raw get(String from, String path, Map<String, String> extra) throws IOException {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(10_000);
            var request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: yinfeng.example.cn\r\n");
            extra.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            var out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            String[] lines = out.toString(StandardCharsets.ISO_8859_1)
                    .split("\r\n\r\n", 2)[0]
                    .split("\r\n");
            var headers = new LinkedHashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(),
                        lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers);
        }
    }

    static final Map<String, String> PROXIED = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");

    @Test
    @DisplayName(
            "checklist #33: X-Forwarded-Proto https from the trusted proxy: HSTS for a year with subdomains, https redirects")
    void httpsForwardedByTheTrustedProxyGetsHstsAndHttpsRedirects() throws IOException {
        var r = get("127.0.0.1", "/projects", PROXIED);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("location")).startsWith("https://yinfeng.example.cn/");
        String hsts = r.headers().get("strict-transport-security");
        assertThat(hsts).isNotNull().contains("includeSubDomains");
        assertThat(Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"))).isGreaterThanOrEqualTo(31_536_000L);

        // plain http from the same proxy: no HSTS (browsers ignore it over http anyway), http redirects
        var plain = get("127.0.0.1", "/projects", Map.of());
        assertThat(plain.headers().get("location")).startsWith("http://yinfeng.example.cn");
        assertThat(plain.headers()).doesNotContainKey("strict-transport-security");
    }

    @Test
    @DisplayName("checklist #33: the same headers from an address that is not a trusted proxy are not honoured")
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws IOException {
        var r = get("127.0.0.2", "/projects", PROXIED);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("location")).startsWith("http://yinfeng.example.cn");
        assertThat(r.headers()).doesNotContainKey("strict-transport-security");
    }

    @Test
    @DisplayName("issue 16: in prod the OpenAPI document and Swagger UI need a sign-in")
    void apiDocsNeedASignInInProd() throws Exception {
        for (String path : new String[] {"/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"}) {
            var r = get("127.0.0.1", path, Map.of());
            assertThat(r.status()).as(path).isEqualTo(302);
            assertThat(r.headers().get("location")).as(path).endsWith("/login");
        }
        String base = "http://localhost:" + port;
        var browser = new HttpSession(base);
        String page = browser.get("/setup").body();
        var done = browser.post(
                "/setup",
                Map.of(
                        "_csrf",
                        HttpSession.csrf(page),
                        "setupCode",
                        SetupCodes.of(app),
                        "regionCode",
                        "141100",
                        "regionName",
                        "吕梁市",
                        "username",
                        "docs",
                        "displayName",
                        "管理员",
                        "password",
                        "Strong#Admin2024"));
        assertThat(done.statusCode()).isEqualTo(302);
        browser.login("docs", "Strong#Admin2024");
        var docs = browser.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
    }
}
