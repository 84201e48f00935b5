package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Each warning rule fires on a fixture and clears when its cause is gone (clock moved forward, change evaluated as
 * it commits); the task flow with send-back, 409 and escalation; one run of a job however many callers race for it;
 * region isolation of warnings and tasks.
 */
class SupervisionIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String CITY = "Bearer demo-token-city";

    @Autowired
    Warnings warnings;

    @Autowired
    TaskEscalation escalation;

    @Autowired
    SupervisionJobs jobs;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long user(String username) {
        return jdbc.sql("select id from app_user where username = :u")
                .param("u", username)
                .query(Long.class)
                .single();
    }

    private long version(long project) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", project)
                .query(Long.class)
                .single();
    }

    private long project(String token, String regionCode, String name, String extra) throws Exception {
        String body = call(
                        post("/api/v1/projects"),
                        token,
                        "{\"name\":\"" + name + "\",\"regionId\":" + region(regionCode) + ",\"totalInvestment\":12000"
                                + (extra == null ? "" : "," + extra) + "}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    /** Active warnings of a rule for a project: level, or null when there is none. */
    private String active(String rule, long project) {
        return jdbc.sql(
                        "select level from warning where rule_code = :r and subject_type = 'PROJECT' and subject_id = :p "
                                + "and cleared_at is null")
                .param("r", rule)
                .param("p", project)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long cleared(String rule, long project) {
        return jdbc.sql(
                        "select count(*) from warning where rule_code = :r and subject_type = 'PROJECT' and subject_id = "
                                + ":p and cleared_at is not null")
                .param("r", rule)
                .param("p", project)
                .query(Long.class)
                .single();
    }

    @Test
    void projectRulesFireAndClearAsTheCauseGoes() throws Exception {
        long leader = user("leader");
        LocalDate signed = today().minusDays(200);
        long id = project(
                XIAOYI,
                "141181",
                "督办规则测试项目",
                "\"contractAmount\":12000,\"stage\":\"SIGNED\"," + "\"signedOn\":\"" + signed + "\",\"leaderUserId\":"
                        + leader);
        warnings.evaluate();
        // signed 200 days ago and not started: red at once; stage and follow-ups are measured from creation (today)
        assertThat(active("NOT_STARTED", id)).isEqualTo("RED");
        assertThat(active("STAGE_STALLED", id)).isNull();
        assertThat(active("NO_FOLLOWUP", id)).isNull();
        // no money in 200 days of a 24-month schedule: 6 months' worth missing, red
        assertThat(active("FUNDS_BEHIND", id)).isEqualTo("RED");
        // the leader who owns it (包联) is told, with the project named and linked
        assertThat(jdbc.sql("select count(*) from notification where user_id = :u and kind = 'WARNING' and link = :l "
                                + "and message = 'inbox.warningRaisedOn' and args ->> 1 like '%（' || :c || '）'")
                        .param("u", leader)
                        .param("l", "/projects/" + id)
                        .param(
                                "c",
                                jdbc.sql("select code from project where id = :id")
                                        .param("id", id)
                                        .query(String.class)
                                        .single())
                        .query(Long.class)
                        .single())
                .isPositive();

        clock.advance(Duration.ofDays(100));
        warnings.evaluate();
        assertThat(active("STAGE_STALLED", id)).isEqualTo("YELLOW"); // 100 days in SIGNED, 90 allowed
        assertThat(active("NO_FOLLOWUP", id)).isEqualTo("YELLOW"); // 100 days without a follow-up, 30 allowed

        // a follow-up clears its rule as soon as it commits
        call(
                        post("/api/v1/projects/" + id + "/followups"),
                        XIAOYI,
                        "{\"date\":\"" + today() + "\",\"content\":\"现场对接\"}")
                .andExpect(status().isCreated());
        assertThat(active("NO_FOLLOWUP", id)).isNull();
        assertThat(cleared("NO_FOLLOWUP", id)).isEqualTo(1);

        // registering and starting clears "not started" and the stalled stage; both stay in the history
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"REGISTERED\"," + "\"date\":\"" + today().minusDays(2)
                                + "\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"STARTED\"," + "\"date\":\"" + today().minusDays(1)
                                + "\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        assertThat(active("NOT_STARTED", id)).isNull();
        assertThat(active("STAGE_STALLED", id)).isNull();
        assertThat(cleared("NOT_STARTED", id)).isEqualTo(1);
        String history = call(get("/api/v1/warnings?history=true&rule=NOT_STARTED&size=500"), CITY, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Object> ids = JsonPath.read(history, "$.rows[?(@.subjectId == " + id + ")].clearedAt");
        assertThat(ids).hasSize(1).doesNotContainNull();
    }

    @Test
    void reviewWaitingTurnsRedAndClearsOnApproval() throws Exception {
        long id = project(XIAOYI, "141181", "审核等待测试项目", null);
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        XIAOYI,
                        "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        warnings.evaluate();
        assertThat(active("REVIEW_WAITING", id)).isNull();
        clock.advance(Duration.ofDays(4));
        warnings.evaluate();
        assertThat(active("REVIEW_WAITING", id)).isEqualTo("YELLOW");
        clock.advance(Duration.ofDays(3));
        warnings.evaluate();
        assertThat(active("REVIEW_WAITING", id)).isEqualTo("RED");
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        assertThat(active("REVIEW_WAITING", id)).isNull();
    }

    @Test
    void fundsOnScheduleClearTheFundsWarning() throws Exception {
        LocalDate signed = today().minusMonths(12).withDayOfMonth(1);
        long id = project(
                XIAOYI,
                "141181",
                "资金到位预警测试项目",
                "\"contractAmount\":12000,\"stage\":\"SIGNED\"," + "\"signedOn\":\"" + signed + "\"");
        warnings.evaluate();
        assertThat(active("FUNDS_BEHIND", id)).isEqualTo("RED"); // 12 of 24 months: 6,000 expected, nothing arrived
        call(
                        post("/api/v1/projects/" + id + "/funds"),
                        XIAOYI,
                        "{\"month\":\"" + signed.toString().substring(0, 7)
                                + "\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":3500}")
                .andExpect(status().isCreated());
        // recorded but not approved: still nothing arrived
        assertThat(active("FUNDS_BEHIND", id)).isEqualTo("RED");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        assertThat(active("FUNDS_BEHIND", id)).isEqualTo("YELLOW"); // 3,500 of 6,000: short by more than 20 %
        call(
                        post("/api/v1/projects/" + id + "/funds"),
                        XIAOYI,
                        "{\"month\":\"" + signed.plusMonths(1).toString().substring(0, 7)
                                + "\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":2000}")
                .andExpect(status().isCreated());
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        assertThat(active("FUNDS_BEHIND", id)).isNull(); // 5,500 of 6,000
    }

    @Test
    void regionBehindItsScheduleIsWarnedUntilTheTargetIsMet() {
        long xiaoyi = region("141181");
        int year = today().getYear();
        jdbc.sql("insert into target (region_id, year, indicator_code, value) values (:r, :y, 'DELEGATIONS', 500) on "
                        + "conflict (region_id, year, indicator_code) do update set value = 500")
                .param("r", xiaoyi)
                .param("y", year)
                .update();
        warnings.evaluate();
        String key = xiaoyi + ":DELEGATIONS";
        assertThat(jdbc.sql("select level from warning where subject_key = :k and cleared_at is null")
                        .param("k", key)
                        .query(String.class)
                        .single())
                .isEqualTo("RED");
        jdbc.sql("update target set value = 0 where region_id = :r and year = :y and indicator_code = 'DELEGATIONS'")
                .param("r", xiaoyi)
                .param("y", year)
                .update();
        warnings.evaluate();
        assertThat(jdbc.sql("select count(*) from warning where subject_key = :k and cleared_at is null")
                        .param("k", key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUnresolvedDuplicateIsWarnedAfterAWeekAndClearsWhenDismissed() throws Exception {
        long a = project(XIAOYI, "141181", "重复预警测试光伏项目", null);
        long b = project(ZHONGYANG, "141129", "重复预警测试光伏项目", null);
        warnings.evaluate();
        String key = Math.min(a, b) + "-" + Math.max(a, b);
        String sql =
                "select count(*) from warning where rule_code = 'DUPLICATE_OPEN' and subject_key = :k and cleared_at "
                        + "is null";
        assertThat(jdbc.sql(sql).param("k", key).query(Long.class).single()).isZero();
        clock.advance(Duration.ofDays(8));
        warnings.evaluate();
        assertThat(jdbc.sql(sql).param("k", key).query(Long.class).single()).isEqualTo(1);
        jdbc.sql("insert into project_duplicate_dismissal (project_a, project_b, reason) values (:a, :b, '不同地块')")
                .param("a", Math.min(a, b))
                .param("b", Math.max(a, b))
                .update();
        warnings.evaluate();
        assertThat(jdbc.sql(sql).param("k", key).query(Long.class).single()).isZero();
    }

    @Test
    void taskFlowWithSendBackConflictAndRegionIsolation() throws Exception {
        long xiaoyiUser = user("xiaoyi");
        long cityUser = user("city");
        // a county user cannot issue
        call(post("/api/v1/tasks"), XIAOYI, taskJson(region("141181"), today().plusDays(5)))
                .andExpect(status().isForbidden());
        // a deadline in the past is refused with the field named
        call(post("/api/v1/tasks"), CITY, taskJson(region("141181"), today().minusDays(1)))
                .andExpect(status().isBadRequest());
        long id = created(call(post("/api/v1/tasks"), CITY, taskJson(region("141181"), today().plusDays(5))));
        assertThat(unread(xiaoyiUser, "TASK")).isPositive();
        // 中阳 neither sees nor answers it
        call(get("/api/v1/tasks/" + id), ZHONGYANG, null).andExpect(status().isNotFound());
        call(post("/api/v1/tasks/" + id + "/responses"), ZHONGYANG, "{\"text\":\"x\",\"version\":0}")
                .andExpect(status().isNotFound());

        call(post("/api/v1/tasks/" + id + "/responses"), XIAOYI, "{\"text\":\"已约企业现场办公\",\"version\":0}")
                .andExpect(status().isOk());
        assertThat(unread(cityUser, "TASK")).isPositive();
        // a stale version is a conflict
        call(post("/api/v1/tasks/" + id + "/review"), CITY, "{\"accept\":true,\"version\":0}")
                .andExpect(status().isConflict());
        // sending back needs a reason
        call(post("/api/v1/tasks/" + id + "/review"), CITY, "{\"accept\":false,\"text\":\"\",\"version\":1}")
                .andExpect(status().isBadRequest());
        call(post("/api/v1/tasks/" + id + "/review"), CITY, "{\"accept\":false,\"text\":\"请附会议纪要\",\"version\":1}")
                .andExpect(status().isOk());
        call(post("/api/v1/tasks/" + id + "/responses"), XIAOYI, "{\"text\":\"纪要已补\",\"version\":2}")
                .andExpect(status().isOk());
        String done = call(post("/api/v1/tasks/" + id + "/review"), CITY, "{\"accept\":true,\"version\":3}")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("ACCEPTED");
        String events = call(get("/api/v1/tasks/" + id + "/events"), XIAOYI, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(events, "$[*].kind"))
                .containsExactly("CREATED", "RESPONDED", "SENT_BACK", "RESPONDED", "ACCEPTED");
        assertThat(jdbc.sql("select count(*) from audit_log where target_type = 'supervision_task' and target_id = :id")
                        .param("id", String.valueOf(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void overdueTasksEscalateOneLevelAtATime() throws Exception {
        long id = created(call(post("/api/v1/tasks"), CITY, taskJson(region("141181"), today().plusDays(1))));
        assertThat(escalation.escalateOverdue()).isZero();
        clock.advance(Duration.ofDays(3));
        escalation.escalateOverdue();
        assertThat(level(id)).isEqualTo(1);
        // not again before escalate-every-days have passed
        escalation.escalateOverdue();
        assertThat(level(id)).isEqualTo(1);
        // 孝义 sits right under the city root: there is no level above that to go to
        clock.advance(Duration.ofDays(4));
        escalation.escalateOverdue();
        assertThat(level(id)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where user_id = :u and message = 'inbox.taskEscalated'")
                        .param("u", user("city"))
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void aScheduledJobRunsOnceWhenSeveralInstancesReachForIt() throws Exception {
        long before = runs("supervision-escalate");
        var pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> {
                    start.await();
                    jobs.escalate(); // each call goes through ShedLock's database lock, as another instance would
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs("supervision-escalate") - before).isEqualTo(1);
        // and the lock is held at least 10 s: a call right after is skipped too
        jobs.escalate();
        assertThat(runs("supervision-escalate") - before).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from shedlock where name = 'supervision-escalate'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void warningsAreScopedToTheCallersRegions() throws Exception {
        long id = project(
                XIAOYI, "141181", "预警范围测试项目", "\"stage\":\"SIGNED\",\"signedOn\":\"" + today().minusDays(300) + "\"");
        warnings.evaluate();
        long warning = jdbc.sql(
                        "select id from warning where subject_type = 'PROJECT' and subject_id = :p and rule_code "
                                + "= 'NOT_STARTED' and cleared_at is null")
                .param("p", id)
                .query(Long.class)
                .single();
        call(get("/api/v1/warnings/" + warning), XIAOYI, null).andExpect(status().isOk());
        call(get("/api/v1/warnings/" + warning), CITY, null).andExpect(status().isOk());
        call(get("/api/v1/warnings/" + warning), ZHONGYANG, null).andExpect(status().isNotFound());
        String list = call(get("/api/v1/warnings?size=500"), ZHONGYANG, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> regions = JsonPath.read(list, "$.rows[*].regionName");
        assertThat(regions).isNotEmpty().allMatch(r -> r.equals("中阳县"));
    }

    private MockHttpSession login(String username) throws Exception {
        return (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin()
                        .user(username)
                        .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    private String page(String path, MockHttpSession session) throws Exception {
        return mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void pagesShowBoardsTasksAndTheInboxAndCarryAttachments() throws Exception {
        warnings.evaluate();
        var city = login("city");
        assertThat(page("/supervision", city))
                .contains("data-testid=\"warnings-table\"")
                .contains("warningChart");
        assertThat(page("/supervision?rule=NOT_STARTED&level=RED&sort=region&dir=asc", city))
                .contains("签约后未按期开工");
        long id = created(call(post("/api/v1/tasks"), CITY, taskJson(region("141181"), today().plusDays(3))));
        assertThat(page("/supervision/tasks?mine=true", city)).contains("督办测试");
        var xiaoyi = login("xiaoyi");
        assertThat(page("/inbox/badge", xiaoyi)).contains("data-testid=\"unread\"");
        assertThat(page("/inbox", xiaoyi)).contains("收到督办单");
        String task = page("/supervision/tasks/" + id, xiaoyi);
        assertThat(task).contains("data-testid=\"respond-form\"");
        // an empty response is an inline error, nothing changes
        String form = mvc.perform(
                        MockMvcRequestBuilders.multipart("/supervision/tasks/" + id + "/respond")
                                .param("version", "0")
                                .param("text", "")
                                .session(xiaoyi)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(form).contains("此项必填");
        var file = new MockMultipartFile("files", "纪要.txt", "text/plain", "会议纪要".getBytes(StandardCharsets.UTF_8));
        mvc.perform(
                        MockMvcRequestBuilders.multipart("/supervision/tasks/" + id + "/respond")
                                .file(file)
                                .param("version", "0")
                                .param("text", "已现场办公")
                                .session(xiaoyi)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        long fileId = jdbc.sql("select id from supervision_task_file where task_id = :t")
                .param("t", id)
                .query(Long.class)
                .single();
        byte[] body = mvc.perform(
                        get("/supervision/tasks/" + id + "/files/" + fileId).session(city))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("会议纪要");
        mvc.perform(get("/supervision/tasks/" + id + "/files/" + fileId).session(login("zhongyang")))
                .andExpect(status().isNotFound());
        assertThat(page("/supervision/tasks/" + id, city))
                .contains("data-testid=\"review-form\"")
                .contains("纪要.txt");
        assertThat(page("/supervision/mine", login("leader"))).contains("data-testid=\"my-projects\"");
    }

    private long level(long task) {
        return jdbc.sql("select escalation_level from supervision_task where id = :id")
                .param("id", task)
                .query(Long.class)
                .single();
    }

    private long runs(String job) {
        return jdbc.sql("select count(*) from job_run where name = :n")
                .param("n", job)
                .query(Long.class)
                .single();
    }

    private long unread(long userId, String kind) {
        return jdbc.sql("select count(*) from notification where user_id = :u and kind = :k and read_at is null")
                .param("u", userId)
                .param("k", kind)
                .query(Long.class)
                .single();
    }

    private static String taskJson(long regionId, LocalDate deadline) {
        return "{\"title\":\"督办测试\",\"requirement\":\"请于期限内推进并回复\",\"regionId\":" + regionId + ",\"deadline\":\""
                + deadline + "\"}";
    }

    private static long created(ResultActions r) throws Exception {
        String body =
                r.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }
}
