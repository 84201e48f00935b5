package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Group-chat robots: each vendor's body and signature as documented, one robot message per event however many
 * users it tells, retries by the sweep until a receiver that was down is up, and a notify that never waits for
 * a robot. Its own users in 石楼县 (141126); dates in 2037.
 */
class NotificationChannelsIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CITY = "Bearer demo-token-city";

    @Autowired
    RobotDeliveries robots;

    @Autowired
    Inbox inbox;

    @Autowired
    PlatformTransactionManager transactions;

    /** What a receiver got: path, query, body, and whether its signature checked out. */
    record Got(String path, String query, JsonNode body, boolean signed) {}

    private final List<Got> got = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Long> channels = new ArrayList<>();
    private long county;
    private String countyUser;
    private String countyToken;

    @BeforeEach
    void county() {
        // an existing county that no other test counts projects of (a new county would be a 14th in rankings)
        county = regionByCode("141126");
        countyUser = accounts.create("hookcounty", "141126", Role.COUNTY_STAFF);
        countyToken = "Bearer " + accounts.token(countyUser);
    }

    @AfterEach
    void stop() {
        // other tests share the database: my channels stop here
        for (long id : channels) {
            jdbc.sql("update notification_channel set enabled = false where id = :id")
                    .param("id", id)
                    .update();
        }
        servers.forEach(s -> s.stop(0));
    }

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    /** A receiver answering like the vendors do, checking DingTalk's and Feishu's signatures with the secret. */
    private HttpServer receiver(int port, String secret, CountDownLatch hold) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", ex -> {
            try {
                if (hold != null) {
                    hold.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            JsonNode body = JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean signed = false;
            if (path.startsWith("/ding") && query != null && query.contains("sign=")) {
                Map<String, String> q = new java.util.HashMap<>();
                for (String kv : query.split("&")) {
                    String[] p = kv.split("=", 2);
                    q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
                }
                String expected = RobotSender.base64(RobotSender.hmac(secret, q.get("timestamp") + "\n" + secret));
                signed = expected.equals(q.get("sign"));
            }
            if (path.startsWith("/feishu") && body.has("sign")) {
                String ts = body.path("timestamp").asString();
                signed = RobotSender.base64(RobotSender.hmac(ts + "\n" + secret, ""))
                                .equals(body.path("sign").asString())
                        && Math.abs(Long.parseLong(ts) - Instant.now().getEpochSecond()) < 3600 * 24 * 365 * 20L;
            }
            got.add(new Got(path, query, body, signed));
            byte[] answer = (path.startsWith("/feishu") ? "{\"code\":0,\"msg\":\"success\"}" : "{\"errcode\":0}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    private long channel(String token, long region, String kind, String url, String secret, String noteKind)
            throws Exception {
        String json = JSON.writeValueAsString(Map.of(
                "regionId",
                region,
                "name",
                "钩子测试 " + kind,
                "kind",
                kind,
                "url",
                url,
                "secret",
                secret == null ? "" : secret,
                "noteKinds",
                List.of(noteKind)));
        String created = call(post("/api/v1/notification-channels"), token, json)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        channels.add(id);
        return id;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }

    private List<Got> containing(String path, String text) {
        synchronized (got) {
            return got.stream()
                    .filter(g -> g.path().equals(path) && g.body().toString().contains(text))
                    .toList();
        }
    }

    private void review(long id, String token, String action, String opinion) throws Exception {
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        token,
                        "{\"action\":\"" + action + "\"" + (opinion == null ? "" : ",\"opinion\":\"" + opinion + "\"")
                                + ",\"version\":" + projectVersion(id) + "}")
                .andExpect(status().isOk());
    }

    @Test
    void reviewStepsReachEachRobotOnceInItsFormatSigned() throws Exception {
        HttpServer server = receiver(0, "SEC-hooks-2037", null);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        long city = regionByCode("141100");
        long ding = channel(CITY, city, "DINGTALK", base + "/ding?access_token=tok2037", "SEC-hooks-2037", "REVIEW");
        channel(CITY, city, "FEISHU", base + "/feishu/hook/abc", "SEC-hooks-2037", "REVIEW");
        channel(CITY, city, "WECOM", base + "/wecom?key=k2037", null, "REVIEW");
        channel(CITY, city, "WEBHOOK", base + "/hook", null, "REVIEW");
        assertThat(auditRows("CHANNEL_CREATE", "city", "SUCCESS")).isGreaterThanOrEqualTo(4);

        String created = call(
                        post("/api/v1/projects"),
                        countyToken,
                        "{\"name\":\"钩子推送测试项目2037\",\"regionId\":" + county + ",\"totalInvestment\":3000}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long project = ((Number) JsonPath.read(created, "$.id")).longValue();

        // submit: every city reviewer gets a note, each robot one message
        review(project, countyToken, "SUBMIT", null);
        await(() -> containing("/hook", "钩子推送测试项目2037").size() == 1
                && containing("/ding", "钩子推送测试项目2037").size() == 1
                && containing("/feishu/hook/abc", "钩子推送测试项目2037").size() == 1
                && containing("/wecom", "钩子推送测试项目2037").size() == 1);
        Got d = containing("/ding", "钩子推送测试项目2037").get(0);
        assertThat(d.body().path("msgtype").asString()).isEqualTo("markdown");
        assertThat(d.body().path("markdown").path("title").asString()).isNotBlank();
        assertThat(d.body().path("markdown").path("text").asString()).contains("待审核");
        assertThat(d.query()).startsWith("access_token=tok2037&timestamp=");
        assertThat(d.signed()).as("DingTalk signature").isTrue();
        Got f = containing("/feishu/hook/abc", "钩子推送测试项目2037").get(0);
        assertThat(f.body().path("msg_type").asString()).isEqualTo("text");
        assertThat(f.body().path("content").path("text").asString()).contains("待审核");
        assertThat(f.signed()).as("Feishu signature").isTrue();
        Got w = containing("/wecom", "钩子推送测试项目2037").get(0);
        assertThat(w.query()).isEqualTo("key=k2037");
        assertThat(w.body().path("msgtype").asString()).isEqualTo("markdown");
        assertThat(w.body().path("markdown").path("content").asString()).contains("待审核");
        Got h = containing("/hook", "钩子推送测试项目2037").get(0);
        assertThat(h.body().path("kind").asString()).isEqualTo("REVIEW");
        assertThat(h.body().path("link").asString()).endsWith("/projects/" + project);

        // return: the submitter and the county's staff are told with the opinion; one message per robot
        review(project, CITY, "RETURN", "钩子意见附合同2037");
        await(() -> containing("/hook", "钩子意见附合同2037").size() == 1
                && containing("/ding", "钩子意见附合同2037").size() == 1);
        review(project, countyToken, "SUBMIT", null);
        review(project, CITY, "APPROVE", null);
        await(() -> containing("/feishu/hook/abc", "已审核通过").stream()
                        .anyMatch(g -> g.body().toString().contains("钩子推送测试项目2037"))
                && containing("/hook", "钩子推送测试项目2037").size() == 4);

        // the list shows the channel with its last delivery, never the secret nor the URL's key
        String list = call(get("/api/v1/notification-channels"), CITY, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list)
                .doesNotContain("SEC-hooks-2037")
                .doesNotContain("tok2037")
                .doesNotContain("k2037");
        List<Object> shown = JsonPath.read(list, "$[?(@.id == " + ding + ")].lastStatus");
        assertThat(shown).containsExactly("DELIVERED");

        // county staff read only their regions: the city's robot is a 404, a new one a 403
        call(get("/api/v1/notification-channels/" + ding), countyToken, null).andExpect(status().isNotFound());
        call(
                        post("/api/v1/notification-channels"),
                        countyToken,
                        "{\"regionId\":" + county + ",\"name\":\"x\",\"kind\":\"WEBHOOK\",\"url\":\"" + base
                                + "/x\",\"noteKinds\":[\"TASK\"]}")
                .andExpect(status().isForbidden());

        // a stale version is a 409; a current one disables it and is audited
        long version = ((Number) JsonPath.read(
                        call(get("/api/v1/notification-channels/" + ding), CITY, null)
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        "$.version"))
                .longValue();
        String edit = "{\"regionId\":" + city + ",\"name\":\"钩子测试 DINGTALK\",\"kind\":\"DINGTALK\",\"url\":\"\","
                + "\"enabled\":false,\"noteKinds\":[\"REVIEW\"],\"version\":";
        call(put("/api/v1/notification-channels/" + ding), CITY, edit + (version + 5) + "}")
                .andExpect(status().isConflict());
        call(put("/api/v1/notification-channels/" + ding), CITY, edit + version + "}")
                .andExpect(status().isOk());
        assertThat(auditRows("CHANNEL_UPDATE", "city", "SUCCESS")).isGreaterThanOrEqualTo(1);
        // the secret was kept (blank means unchanged), the URL too
        assertThat(jdbc.sql("select secret || ' ' || url from notification_channel where id = :id")
                        .param("id", ding)
                        .query(String.class)
                        .single())
                .isEqualTo("SEC-hooks-2037 " + base + "/ding?access_token=tok2037");
    }

    @Test
    void onlyHttpUrlsToPublicHostsUnlessAllowed() throws Exception {
        var strict = new RobotSender(Duration.ofSeconds(1), Duration.ofSeconds(1), false);
        assertThat(strict.refusal("http://127.0.0.1:8080/x")).isEqualTo("channel.urlPrivate");
        assertThat(strict.refusal("http://10.1.2.3/x")).isEqualTo("channel.urlPrivate");
        assertThat(strict.refusal("http://[::1]/x")).isEqualTo("channel.urlPrivate");
        assertThat(strict.refusal("http://169.254.169.254/latest")).isEqualTo("channel.urlPrivate");
        assertThat(strict.refusal("file:///etc/passwd")).isEqualTo("channel.urlInvalid");
        assertThat(strict.refusal("gopher://example.com/")).isEqualTo("channel.urlInvalid");
        assertThat(strict.refusal("http://user:pw@example.com/")).isEqualTo("channel.urlInvalid");
        // the form keeps what was typed and names the field
        call(
                        post("/api/v1/notification-channels"),
                        CITY,
                        "{\"regionId\":" + county + ",\"name\":\"x\",\"kind\":\"WEBHOOK\",\"url\":\"ftp://a/b\","
                                + "\"noteKinds\":[\"TASK\"]}")
                .andExpect(status().isBadRequest());
    }

    private void notifyInTransaction(long user, String text) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(
                        s -> inbox.notify(user, "TASK", "inbox.digest", List.of(text, 0, 0, 0), "/supervision/mine"));
    }

    private Map<String, Object> delivery(long channel) {
        return jdbc.sql("select attempts, delivered_at, failed_at from notification_delivery where channel_id = :c")
                .param("c", channel)
                .query()
                .singleRow();
    }

    @Test
    void aRobotThatIsDownGetsTheMessageFromTheSweepOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        long channel = channel(CITY, county, "WEBHOOK", "http://127.0.0.1:" + port + "/down", null, "TASK");
        long user = accounts.id(countyUser);
        String other = accounts.create("hookcounty", "141126", Role.COUNTY_STAFF);
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            inbox.notify(user, "TASK", "inbox.digest", List.of(2037, 0, 0, 0), "/supervision/mine");
            inbox.notify(accounts.id(other), "TASK", "inbox.digest", List.of(2037, 0, 0, 0), "/supervision/mine");
        });
        // the first attempt, after commit, fails: retried in a minute
        await(() -> ((Number) delivery(channel).get("attempts")).intValue() == 1);
        assertThat(jdbc.sql("select count(*) from notification_delivery where channel_id = :c")
                        .param("c", channel)
                        .query(Long.class)
                        .single())
                .as("two users, one robot message")
                .isEqualTo(1);
        robots.sweep(); // not due yet
        assertThat(((Number) delivery(channel).get("attempts")).intValue()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        robots.sweep(); // due, still down
        assertThat(((Number) delivery(channel).get("attempts")).intValue()).isEqualTo(2);
        assertThat(delivery(channel).get("delivered_at")).isNull();

        receiver(port, null, null);
        clock.advance(Duration.ofMinutes(6));
        robots.sweep();
        assertThat(delivery(channel).get("delivered_at")).isNotNull();
        assertThat(delivery(channel).get("failed_at")).isNull();
        assertThat(got.stream().filter(g -> g.path().equals("/down"))).hasSize(1);
        clock.advance(Duration.ofHours(3));
        robots.sweep(); // delivered ones are not sent again
        assertThat(got.stream().filter(g -> g.path().equals("/down"))).hasSize(1);
    }

    @Test
    void afterTenFailedAttemptsADeliveryIsMarkedFailedAndKept() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long channel = channel(CITY, county, "WECOM", "http://127.0.0.1:" + port + "/never?key=x", null, "TASK");
        notifyInTransaction(accounts.id(countyUser), "2037");
        await(() -> ((Number) delivery(channel).get("attempts")).intValue() == 1);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            robots.sweep();
        }
        assertThat(((Number) delivery(channel).get("attempts")).intValue()).isEqualTo(RobotDeliveries.MAX_ATTEMPTS);
        assertThat(delivery(channel).get("failed_at")).isNotNull();
        assertThat(delivery(channel).get("delivered_at")).isNull();
    }

    @Test
    void notifyDoesNotWaitForTheRobot() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        HttpServer server = receiver(0, null, hold);
        long channel = channel(
                CITY,
                county,
                "WEBHOOK",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/slow",
                null,
                "TASK");
        try {
            notifyInTransaction(accounts.id(countyUser), "2037");
            // returned while the receiver still holds the request
            assertThat(hold.getCount()).isEqualTo(1);
            assertThat(delivery(channel).get("delivered_at")).isNull();
        } finally {
            hold.countDown();
        }
        await(() -> delivery(channel).get("delivered_at") != null);
    }

    @Test
    void theTestButtonQueuesAMessage() throws Exception {
        HttpServer server = receiver(0, null, null);
        long channel = channel(
                CITY,
                county,
                "WEBHOOK",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/button",
                null,
                "TASK");
        call(post("/api/v1/notification-channels/" + channel + "/test"), CITY, null)
                .andExpect(status().isAccepted());
        await(() -> got.stream().anyMatch(g -> g.path().equals("/button")));
        assertThat(got.stream()
                        .filter(g -> g.path().equals("/button"))
                        .findFirst()
                        .orElseThrow()
                        .body()
                        .path("kind")
                        .asString())
                .isEqualTo("TEST");
        call(post("/api/v1/notification-channels/" + channel + "/test"), countyToken, null)
                .andExpect(status().isForbidden());
    }

    @Test
    void thePageKeepsWhatWasTypedAndSaysWhatIsWrongAtTheField() throws Exception {
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin().user("city").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        long city = regionByCode("141100");
        String page = mvc.perform(post("/supervision/channels")
                        .session(session)
                        .with(csrf())
                        .param("regionId", String.valueOf(city))
                        .param("name", "钩子页面测试群")
                        .param("kind", "DINGTALK")
                        .param("url", "ftp://oapi.dingtalk.com/robot/send")
                        .param("noteKinds", "REVIEW", "TASK")
                        .param("enabled", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("value=\"钩子页面测试群\"")
                .contains("value=\"ftp://oapi.dingtalk.com/robot/send\"")
                .contains("请填写 http 或 https 开头的 Webhook 地址。")
                .contains("is-invalid");
        assertThat(jdbc.sql("select count(*) from notification_channel where name = '钩子页面测试群'")
                        .query(Long.class)
                        .single())
                .isZero();

        HttpServer server = receiver(0, null, null);
        mvc.perform(post("/supervision/channels")
                        .session(session)
                        .with(csrf())
                        .param("regionId", String.valueOf(city))
                        .param("name", "钩子页面测试群")
                        .param("kind", "WEBHOOK")
                        .param("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/page")
                        .param("noteKinds", "TASK")
                        .param("enabled", "true"))
                .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from notification_channel where name = '钩子页面测试群'")
                .query(Long.class)
                .single();
        channels.add(id);
        mvc.perform(post("/supervision/channels/" + id + "/test")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        await(() -> got.stream().anyMatch(g -> g.path().equals("/page")));
        await(() -> jdbc.sql(
                                "select count(*) from notification_delivery where channel_id = :c and delivered_at is not null")
                        .param("c", id)
                        .query(Long.class)
                        .single()
                == 1);
        String list = mvc.perform(get("/supervision/channels").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("钩子页面测试群").contains("已送达").contains("测试消息");
        // county staff read the page of their county and get no form
        MockHttpSession county =
                (MockHttpSession) mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        assertThat(mvc.perform(get("/supervision/channels").session(county))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("钩子页面测试群")
                .doesNotContain("data-testid=\"channel-form\"");
        mvc.perform(post("/supervision/channels/" + id + "/test")
                        .session(county)
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }
}
