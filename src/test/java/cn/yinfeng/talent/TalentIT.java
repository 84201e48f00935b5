package cn.yinfeng.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Talent attraction end to end: the seed's 中阳 figures from the demo, figures and indicators on fixtures (2019),
 * personal data encrypted at rest and masked in page, API and export for every role unless granted, the audited
 * reveal and grants, region isolation by page and API, versions and validation.
 */
class TalentIT extends IntegrationTest {

    static final String TALENT = "Bearer demo-token-talent";
    static final String CITY = "Bearer demo-token-city";
    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final List<String> READERS = List.of("admin", "city", "leader", "zhongyang", "talent");

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long id(ResultActions r) throws Exception {
        return ((Number) JsonPath.read(body(r), "$.id")).longValue();
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private MockHttpSession session(String user) throws Exception {
        var s = sessions.get(user);
        if (s == null) {
            s = (MockHttpSession) mvc.perform(formLogin()
                            .user(user)
                            .password(
                                    user.startsWith("t") && !user.equals("talent")
                                            ? TestAccounts.PASSWORD
                                            : "Yinfeng@2024"))
                    .andReturn()
                    .getRequest()
                    .getSession();
            sessions.put(user, s);
        }
        return s;
    }

    private String page(String user, String url) throws Exception {
        var r = mvc.perform(get(url).session(session(user))).andReturn().getResponse();
        assertThat(r.getStatus()).as(url + " as " + user).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    /** A valid ID number with the given first 17 characters. */
    static String idNumber(String first17) {
        return first17 + PersonalData.checkChar(first17);
    }

    private long talent(String token, String name, String degree, String introducedOn, String id, String phone)
            throws Exception {
        return id(call(post("/api/v1/talent/talents"), token, """
                {"name":"%s","regionId":%d,"degree":"%s","employer":"中阳县测试单位","introducedOn":"%s",
                 "birthYear":%s,"idNumber":%s,"phone":%s}
                """.formatted(
                                name,
                                region("141129"),
                                degree,
                                introducedOn,
                                id == null ? "null" : id.substring(6, 10),
                                id == null ? "null" : "\"" + id + "\"",
                                phone == null ? "null" : "\"" + phone + "\""))
                .andExpect(status().isCreated()));
    }

    private Map<String, Object> figures(String token, String code, String from, String to) throws Exception {
        return JsonPath.read(
                body(call(get("/api/v1/talent/figures?region=" + code + "&from=" + from + "&to=" + to), token, null)
                        .andExpect(status().isOk())),
                "$");
    }

    private static long n(Map<String, Object> m, String path) {
        return ((Number) JsonPath.read(m, "$." + path)).longValue();
    }

    // ------------------------------------------------------------------ the seed

    @Test
    void demoReproducesTheZhongyangSeed() throws Exception {
        var f = figures(CITY, "141129", "2024-01-01", "2024-12-31");
        assertThat(n(f, "institutions")).isEqualTo(8);
        assertThat(n(f, "positionsOffered")).isEqualTo(47);
        assertThat(n(f, "citiesVisited")).isEqualTo(3);
        assertThat(n(f, "universitiesVisited")).isEqualTo(6);
        assertThat(n(f, "postgraduates")).isEqualTo(143);
        assertThat(new BigDecimal(JsonPath.read(f, "$.bachelorShare").toString()))
                .isGreaterThan(new BigDecimal("0.9"));
        assertThat(n(f, "classesByKind.ZHONGQING")).isEqualTo(4);
        assertThat(n(f, "classesByKind.TIEJIAN")).isEqualTo(1);
        assertThat(n(f, "classesByKind.GUOQING")).isEqualTo(1);
        assertThat(n(f, "trainingAttendance")).isGreaterThan(500);
        assertThat(n(f, "bases")).isEqualTo(4);
        assertThat(n(f, "cooperationProjects")).isEqualTo(3);
        assertThat(n(f, "healthCheckBatches")).isEqualTo(1);
        assertThat(n(f, "studios")).isEqualTo(1);
        // the whole city sees the same, 孝义 has none of it
        assertThat(n(figures(CITY, "141100", "2024-01-01", "2024-12-31"), "postgraduates"))
                .isEqualTo(143);
        assertThat(n(figures(XIAOYI, "141181", "2024-01-01", "2024-12-31"), "talents"))
                .isZero();
        // the dashboard draws the same figures, with a table under each chart
        String dash = page("city", "/talent?region=141129&year=2024");
        assertThat(dash)
                .contains("data-testid=\"kpi-positions\">47<")
                .contains("data-testid=\"kpi-postgraduates\">143<")
                .contains("degree-table")
                .contains("monthly-table")
                .contains("chart-degree");
    }

    @Test
    void statsSummaryReportsTheTalentIndicators() throws Exception {
        String s = body(call(get("/api/v1/stats/summary?region=141129&from=2024-01&to=2024-12"), CITY, null)
                .andExpect(status().isOk()));
        assertThat(indicator(s, "TALENTS_INTRODUCED")).isEqualByComparingTo("190");
        assertThat(indicator(s, "TRAINING_ATTENDANCE")).isEqualByComparingTo("510");
        assertThat(((List<?>) JsonPath.read(s, "$.indicators[?(@.code == 'TALENTS_INTRODUCED')].name")).get(0))
                .isEqualTo("引进人才数");
        // 2023 entrants make the year-on-year comparison
        Object previous =
                ((List<?>) JsonPath.read(s, "$.indicators[?(@.code == 'TALENTS_INTRODUCED')].previousYear")).get(0);
        assertThat(new BigDecimal(previous.toString())).isEqualByComparingTo("24");
        Object target = ((List<?>) JsonPath.read(s, "$.indicators[?(@.code == 'TALENTS_INTRODUCED')].target")).get(0);
        assertThat(new BigDecimal(target.toString())).isEqualByComparingTo("180");
    }

    private static BigDecimal indicator(String json, String code) {
        return new BigDecimal(((List<?>) JsonPath.read(json, "$.indicators[?(@.code == '" + code + "')].value"))
                .get(0)
                .toString());
    }

    // ------------------------------------------------------------------ figures on fixtures

    @Test
    void figuresCountEachRuleOnFixtures() throws Exception {
        long z = region("141129");
        long c = id(
                call(post("/api/v1/talent/campaigns"), TALENT, """
                {"name":"夹具招聘","regionId":%d,"startDate":"2019-03-01","endDate":"2019-03-20",
                 "cities":"太原、西安，太原","universities":"山西大学、西北大学"}""".formatted(z)).andExpect(status().isCreated()));
        call(
                        post("/api/v1/talent/campaigns/" + c + "/positions"),
                        TALENT,
                        "{\"institution\":\"夹具医院\",\"title\":\"医师\",\"openings\":5,\"applicants\":12,\"hires\":4}")
                .andExpect(status().isCreated());
        call(
                        post("/api/v1/talent/campaigns/" + c + "/positions"),
                        TALENT,
                        "{\"institution\":\"夹具医院\",\"title\":\"护士\",\"openings\":2,\"applicants\":3,\"hires\":1}")
                .andExpect(status().isCreated());
        call(
                        post("/api/v1/talent/campaigns/" + c + "/positions"),
                        TALENT,
                        "{\"institution\":\"夹具中学\",\"title\":\"教师\",\"openings\":3}")
                .andExpect(status().isCreated());
        // hires above applicants is refused
        call(
                        post("/api/v1/talent/campaigns/" + c + "/positions"),
                        TALENT,
                        "{\"institution\":\"夹具中学\",\"title\":\"教师\",\"openings\":3,\"applicants\":1,\"hires\":2}")
                .andExpect(status().isBadRequest());
        talent(TALENT, "夹具博士", "DOCTOR", "2019-05-01", null, null);
        talent(TALENT, "夹具硕士", "MASTER", "2019-05-02", null, null);
        talent(TALENT, "夹具本科", "BACHELOR", "2019-07-03", null, null);
        talent(TALENT, "夹具大专", "COLLEGE", "2019-07-04", null, null);
        long cls = id(
                call(post("/api/v1/talent/classes"), TALENT, """
                {"name":"夹具中青班","regionId":%d,"kind":"ZHONGQING","term":9,"startDate":"2019-06-01",
                 "endDate":"2019-06-05"}""".formatted(z)).andExpect(status().isCreated()));
        assertThat(((Number) JsonPath.read(
                                body(call(
                                                post("/api/v1/talent/classes/" + cls + "/participants"),
                                                TALENT,
                                                "[{\"name\":\"甲\"},{\"name\":\"乙\"},{\"name\":\"丙\"},{\"name\":\"甲\"}]")
                                        .andExpect(status().isCreated())),
                                "$.added"))
                        .intValue())
                .isEqualTo(3);
        var people = jdbc.sql("select id from talent_training_participant where class_id = :c order by id")
                .param("c", cls)
                .query(Long.class)
                .list();
        call(
                        post("/api/v1/talent/classes/" + cls + "/sessions"),
                        TALENT,
                        "{\"sessionDate\":\"2019-06-01\",\"topic\":\"第一课\"}")
                .andExpect(status().isCreated());
        call(
                        post("/api/v1/talent/classes/" + cls + "/sessions"),
                        TALENT,
                        "{\"sessionDate\":\"2019-06-02\",\"topic\":\"第二课\",\"absent\":[" + people.get(0) + "]}")
                .andExpect(status().isCreated());
        // a session outside the class dates is refused with the field named
        String bad = body(call(
                        post("/api/v1/talent/classes/" + cls + "/sessions"),
                        TALENT,
                        "{\"sessionDate\":\"2019-07-01\",\"topic\":\"错课\"}")
                .andExpect(status().isBadRequest()));
        assertThat(bad).contains("sessionDate").contains("2019-06-01");
        call(post("/api/v1/talent/partnerships"), TALENT, """
                {"university":"夹具大学","regionId":%d,"kind":"BASE","name":"夹具基地","signedOn":"2019-08-01"}""".formatted(z)).andExpect(status().isCreated());
        call(post("/api/v1/talent/partnerships"), TALENT, """
                {"university":"夹具大学","regionId":%d,"kind":"PROJECT","name":"夹具项目","signedOn":"2019-08-02"}""".formatted(z)).andExpect(status().isCreated());
        call(post("/api/v1/talent/care"), TALENT, """
                {"kind":"HEALTH_CHECK","regionId":%d,"title":"夹具体检","batch":1,"serviceDate":"2019-09-01","people":40}""".formatted(z)).andExpect(status().isCreated());
        call(post("/api/v1/talent/care"), TALENT, """
                {"kind":"HEALTH_CHECK","regionId":%d,"title":"夹具体检二","batch":2,"serviceDate":"2019-10-01","people":25}""".formatted(z)).andExpect(status().isCreated());
        call(post("/api/v1/talent/care"), TALENT, """
                {"kind":"SUBSIDY","regionId":%d,"title":"夹具补贴","serviceDate":"2019-10-01","people":3,"amount":1.25}""".formatted(z)).andExpect(status().isCreated());

        var f = figures(CITY, "141129", "2019-01-01", "2019-12-31");
        assertThat(n(f, "talents")).isEqualTo(4);
        assertThat(n(f, "byDegree.DOCTOR")).isEqualTo(1);
        assertThat(n(f, "postgraduates")).isEqualTo(2);
        assertThat(n(f, "bachelorOrAbove")).isEqualTo(3);
        assertThat(new BigDecimal(JsonPath.read(f, "$.bachelorShare").toString()))
                .isEqualByComparingTo("0.75");
        assertThat(n(f, "campaigns")).isEqualTo(1);
        assertThat(n(f, "institutions")).isEqualTo(2);
        assertThat(n(f, "positionsOffered")).isEqualTo(10);
        assertThat(n(f, "applicants")).isEqualTo(15);
        assertThat(n(f, "positionsFilled")).isEqualTo(5);
        assertThat(n(f, "citiesVisited")).isEqualTo(2); // 太原 twice counts once
        assertThat(n(f, "universitiesVisited")).isEqualTo(2);
        assertThat(n(f, "trainingClasses")).isEqualTo(1);
        assertThat(n(f, "trainingParticipants")).isEqualTo(3);
        assertThat(n(f, "trainingAttendance")).isEqualTo(5); // 3 + 2 (one absent)
        assertThat(n(f, "bases")).isEqualTo(1);
        assertThat(n(f, "cooperationProjects")).isEqualTo(1);
        assertThat(n(f, "healthCheckBatches")).isEqualTo(2);
        assertThat(n(f, "healthCheckPeople")).isEqualTo(65);
        assertThat(new BigDecimal(JsonPath.read(f, "$.subsidies").toString())).isEqualByComparingTo("1.25");
        assertThat(n(f, "monthly[4].talents")).isEqualTo(2);
        // the half year holds only what happened in it
        var h1 = figures(CITY, "141129", "2019-01-01", "2019-06-30");
        assertThat(n(h1, "talents")).isEqualTo(2);
        assertThat(n(h1, "trainingAttendance")).isEqualTo(5);
        assertThat(n(h1, "healthCheckBatches")).isZero();
        // and the indicators agree
        String s = body(call(get("/api/v1/stats/summary?region=141129&from=2019-01&to=2019-12"), CITY, null)
                .andExpect(status().isOk()));
        assertThat(indicator(s, "TALENTS_INTRODUCED")).isEqualByComparingTo("4");
        assertThat(indicator(s, "TRAINING_ATTENDANCE")).isEqualByComparingTo("5");
        String xy = body(call(get("/api/v1/stats/summary?region=141181&from=2019-01&to=2019-12"), XIAOYI, null)
                .andExpect(status().isOk()));
        assertThat(indicator(xy, "TALENTS_INTRODUCED")).isEqualByComparingTo("0");
    }

    // ------------------------------------------------------------------ personal data

    @Test
    void idNumberAndPhoneAreEncryptedAtRest() throws Exception {
        String id = idNumber("14112919910512345");
        long a = talent(TALENT, "加密甲", "MASTER", "2025-01-02", id, "13812345678");
        long b = talent(TALENT, "加密乙", "MASTER", "2025-01-03", id, "13812345678");
        var raw = jdbc.sql(
                        "select id_number_enc, phone_enc, id_number_mask, phone_mask from talent where id in (:a, :b)"
                                + " order by id")
                .param("a", a)
                .param("b", b)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list();
        for (String[] r : raw) {
            assertThat(r[0]).startsWith("v1:").doesNotContain(id).doesNotContain("1234");
            assertThat(r[1]).startsWith("v1:").doesNotContain("13812345678");
            assertThat(r[2]).isEqualTo("1411**********" + id.substring(14));
            assertThat(r[3]).isEqualTo("138****5678");
        }
        // a random IV per value: the same ID number twice is two different ciphertexts
        assertThat(raw.get(0)[0]).isNotEqualTo(raw.get(1)[0]);
        // no plain text anywhere in the table's row
        String row = jdbc.sql("select t::text from talent t where id = :a")
                .param("a", a)
                .query(String.class)
                .single();
        assertThat(row).doesNotContain(id).doesNotContain("13812345678");
        // a value moved to the other column does not decrypt (column bound as associated data)
        var crypto = new TalentCrypto("ZTUG3bgp/VA+8bCNWaDjBiouJh/zR4r31Bh9w7Yj2hE=");
        assertThat(crypto.decrypt(raw.get(0)[0], "talent.id_number")).isEqualTo(id);
        Assertions.assertThatThrownBy(() -> crypto.decrypt(raw.get(0)[0], "talent.phone"))
                .isInstanceOf(IllegalStateException.class);
        // the audit detail names the person only
        assertThat(jdbc.sql("select count(*) from audit_log where detail like :p")
                        .param("p", "%" + id + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void personalDataIsMaskedInPageAndApiForEveryRoleAndTheRevealIsAudited() throws Exception {
        String id = idNumber("14112919920304567");
        String phone = "13900001111";
        long t = talent(TALENT, "脱敏测试", "DOCTOR", "2025-02-01", id, phone);
        String maskedId = "1411**********" + id.substring(14);
        for (String user : READERS) {
            String api = body(call(get("/api/v1/talent/talents/" + t), "Bearer demo-token-" + user, null)
                    .andExpect(status().isOk()));
            assertThat(api)
                    .as(user)
                    .contains(maskedId)
                    .contains("139****1111")
                    .doesNotContain(id)
                    .doesNotContain(phone);
            String list = body(call(get("/api/v1/talent/talents?q=脱敏测试"), "Bearer demo-token-" + user, null)
                    .andExpect(status().isOk()));
            assertThat(list).as(user).contains(maskedId).doesNotContain(id);
            String html = page(user, "/talent/talents/" + t);
            assertThat(html)
                    .as(user)
                    .contains(maskedId)
                    .contains("139****1111")
                    .doesNotContain(id)
                    .doesNotContain(phone);
            assertThat(page(user, "/talent/talents?q=脱敏测试"))
                    .as(user)
                    .contains(maskedId)
                    .doesNotContain(id);
        }
        // only the granted talent officer sees the reveal button; the edit form never holds the values
        assertThat(page("talent", "/talent/talents/" + t)).contains("data-testid=\"reveal\"");
        assertThat(page("zhongyang", "/talent/talents/" + t)).doesNotContain("data-testid=\"reveal\"");
        assertThat(page("talent", "/talent/talents/" + t + "/edit"))
                .doesNotContain(id)
                .doesNotContain(phone)
                .doesNotContain(maskedId);

        // reveal without the grant: refused and audited; with it: full values and an audit row
        long deniedBefore = auditRows("TALENT_PII_REVEAL", "zhongyang", "DENIED");
        call(post("/api/v1/talent/talents/" + t + "/reveal"), ZHONGYANG, null).andExpect(status().isForbidden());
        call(post("/api/v1/talent/talents/" + t + "/reveal"), CITY, null).andExpect(status().isForbidden());
        assertThat(auditRows("TALENT_PII_REVEAL", "zhongyang", "DENIED")).isEqualTo(deniedBefore + 1);
        long before = auditRows("TALENT_PII_REVEAL", "talent", "SUCCESS");
        String revealed = body(call(post("/api/v1/talent/talents/" + t + "/reveal"), TALENT, null)
                .andExpect(status().isOk()));
        assertThat(revealed).contains(id).contains(phone);
        assertThat(auditRows("TALENT_PII_REVEAL", "talent", "SUCCESS")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TALENT_PII_REVEAL' and target_id = :t "
                                + "and username = 'talent'")
                        .param("t", String.valueOf(t))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // by page: a POST shows the values once and writes its own row
        String shown = mvc.perform(post("/talent/talents/" + t + "/reveal")
                        .session(session("talent"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains(id).contains(phone);
        assertThat(auditRows("TALENT_PII_REVEAL", "talent", "SUCCESS")).isEqualTo(before + 2);
        // 孝义 cannot even find the record
        call(post("/api/v1/talent/talents/" + t + "/reveal"), XIAOYI, null).andExpect(status().isNotFound());
    }

    @Test
    void exportsAreMaskedUnlessTheUserHoldsTheGrant() throws Exception {
        String id = idNumber("14112919930708901");
        String phone = "13700002222";
        talent(TALENT, "导出测试", "MASTER", "2025-03-01", id, phone);
        for (String user : List.of("admin", "city", "leader", "zhongyang")) {
            var r = mvc.perform(get("/api/v1/talent/talents/export?format=csv&q=导出测试")
                            .header("Authorization", "Bearer demo-token-" + user))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse();
            String csv = r.getContentAsString(StandardCharsets.UTF_8);
            assertThat(csv)
                    .as(user)
                    .contains("导出测试")
                    .contains("1411**********" + id.substring(14))
                    .contains("137****2222")
                    .doesNotContain(id)
                    .doesNotContain(phone);
            String pageCsv = mvc.perform(
                            get("/talent/talents/export?format=csv&q=导出测试").session(session(user)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(pageCsv).as(user).contains("导出测试").doesNotContain(id);
        }
        long exports = jdbc.sql("select count(*) from audit_log where action = 'EXPORT' and target_type = 'talent' "
                        + "and username = 'talent' and detail like '%in full%'")
                .query(Long.class)
                .single();
        // the grant alone no longer unmasks: the plain export is masked for the granted user too (checklist #35)
        String plain = mvc.perform(
                        get("/api/v1/talent/talents/export?format=csv&q=导出测试").header("Authorization", TALENT))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(plain).contains("导出测试").doesNotContain(id).doesNotContain(phone);
        // full values need the grant, a purpose and a confirmation
        String full = mvc.perform(post("/api/v1/talent/talents/export/full")
                        .header("Authorization", TALENT)
                        .param("format", "csv")
                        .param("q", "导出测试")
                        .param("purposeKind", "VERIFY")
                        .param("purpose", "核对导出测试人员信息")
                        .param("confirm", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(full).contains(id).contains(phone);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'EXPORT' and target_type = 'talent' "
                                + "and username = 'talent' and detail like '%in full%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(exports + 1);
        // xlsx answers too (masked for the city)
        var xlsx = mvc.perform(
                        get("/talent/talents/export?format=xlsx&year=2024").session(session("city")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(xlsx.getContentAsByteArray()).startsWith((byte) 'P', (byte) 'K');
    }

    @Test
    void anAdministratorGrantsAndRevokesAccessAndBothAreAudited() throws Exception {
        String officer = accounts.create("tgr", "141129", Role.TALENT_OFFICER);
        String token = "Bearer " + accounts.token(officer);
        long t = talent(TALENT, "授权测试", "MASTER", "2025-04-01", idNumber("14112919940101234"), "13600003333");
        call(post("/api/v1/talent/talents/" + t + "/reveal"), token, null).andExpect(status().isForbidden());
        // only administrators manage grants
        assertThat(mvc.perform(get("/admin/talent-grants").session(session("talent")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        var result = mvc.perform(post("/admin/talent-grants")
                        .session(session("admin"))
                        .with(csrf())
                        .param("username", officer)
                        .param("reason", ""))
                .andExpect(status().isOk())
                .andReturn();
        var form = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("此项必填").contains("is-invalid");
        mvc.perform(post("/admin/talent-grants")
                        .session(session("admin"))
                        .with(csrf())
                        .param("username", officer)
                        .param("reason", "核对引进人才档案"))
                .andExpect(status().is3xxRedirection());
        assertThat(page("admin", "/admin/talent-grants")).contains(officer).contains("核对引进人才档案");
        assertThat(auditRows("TALENT_PII_GRANT", "admin", "SUCCESS")).isGreaterThanOrEqualTo(1);
        call(post("/api/v1/talent/talents/" + t + "/reveal"), token, null).andExpect(status().isOk());
        mvc.perform(post("/admin/talent-grants/" + accounts.id(officer) + "/revoke")
                        .session(session("admin"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(auditRows("TALENT_PII_REVOKE", "admin", "SUCCESS")).isGreaterThanOrEqualTo(1);
        call(post("/api/v1/talent/talents/" + t + "/reveal"), token, null).andExpect(status().isForbidden());
    }

    // ------------------------------------------------------------------ scope, roles, versions, validation

    @Test
    void xiaoyiCannotSeeOrEditZhongyangRecordsByPageOrApi() throws Exception {
        long t = talent(TALENT, "隔离测试", "MASTER", "2025-05-01", null, null);
        long c = jdbc.sql("select id from talent_campaign order by id limit 1")
                .query(Long.class)
                .single();
        long cls = jdbc.sql("select id from talent_training_class order by id limit 1")
                .query(Long.class)
                .single();
        long p = jdbc.sql("select id from talent_partnership order by id limit 1")
                .query(Long.class)
                .single();
        long care = jdbc.sql("select id from talent_care order by id limit 1")
                .query(Long.class)
                .single();
        long s = jdbc.sql("select id from talent_studio order by id limit 1")
                .query(Long.class)
                .single();
        Map<String, Long> records =
                Map.of("talents", t, "campaigns", c, "classes", cls, "partnerships", p, "care", care, "studios", s);
        for (var e : records.entrySet()) {
            call(get("/api/v1/talent/" + e.getKey() + "/" + e.getValue()), XIAOYI, null)
                    .andExpect(status().isNotFound());
            assertThat(mvc.perform(get("/talent/" + e.getKey() + "/" + e.getValue())
                                    .session(session("xiaoyi")))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(e.getKey())
                    .isEqualTo(404);
            assertThat(mvc.perform(get("/talent/" + e.getKey() + "/" + e.getValue() + "/edit")
                                    .session(session("xiaoyi")))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(e.getKey())
                    .isEqualTo(404);
            // lists hold nothing of 中阳
            String list =
                    body(call(get("/api/v1/talent/" + e.getKey()), XIAOYI, null).andExpect(status().isOk()));
            assertThat(((Number) JsonPath.read(list, "$.total")).longValue())
                    .as(e.getKey())
                    .isZero();
            assertThat(page("xiaoyi", "/talent/" + e.getKey()))
                    .contains("data-testid=\"empty\"")
                    .doesNotContain("中阳县");
            // 中阳 itself sees them
            call(get("/api/v1/talent/" + e.getKey() + "/" + e.getValue()), ZHONGYANG, null)
                    .andExpect(status().isOk());
        }
        assertThat(page("xiaoyi", "/talent")).doesNotContain("中阳县");
        // a talent officer of 孝义 can neither edit 中阳 records nor file one there
        String xo = "Bearer " + accounts.token(accounts.create("txo", "141181", Role.TALENT_OFFICER));
        call(put("/api/v1/talent/talents/" + t), xo, """
                {"name":"改名","degree":"MASTER","employer":"x","introducedOn":"2025-05-01","version":0}""").andExpect(status().isNotFound());
        call(
                        post("/api/v1/talent/campaigns/" + c + "/positions"),
                        xo,
                        "{\"institution\":\"x\",\"title\":\"y\",\"openings\":1}")
                .andExpect(status().isNotFound());
        String refused = body(call(post("/api/v1/talent/talents"), xo, """
                {"name":"越界","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-05-01"}""".formatted(region("141129")))
                .andExpect(status().isBadRequest()));
        assertThat(refused).contains("regionId");
        // county and city staff read, but only the talent office writes
        call(post("/api/v1/talent/talents"), ZHONGYANG, """
                {"name":"县区","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-05-01"}""".formatted(region("141129")))
                .andExpect(status().isForbidden());
        call(post("/api/v1/talent/talents"), CITY, """
                {"name":"市级","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-05-01"}""".formatted(region("141129")))
                .andExpect(status().isForbidden());
        assertThat(page("city", "/talent/talents")).doesNotContain("data-testid=\"new-record\"");
    }

    @Test
    void staleVersionsAre409AndInvalidInputIsShownByField() throws Exception {
        long t = talent(TALENT, "版本测试", "MASTER", "2025-06-01", null, null);
        String update = """
                {"name":"版本测试","regionId":%d,"degree":"DOCTOR","employer":"中阳县测试单位","introducedOn":"2025-06-01",
                 "version":%d}""";
        call(put("/api/v1/talent/talents/" + t), TALENT, update.formatted(region("141129"), 0))
                .andExpect(status().isOk());
        String stale = body(call(put("/api/v1/talent/talents/" + t), TALENT, update.formatted(region("141129"), 0))
                .andExpect(status().isConflict()));
        assertThat(stale).contains("currentVersion");
        // by page too: the stale form is a 409 page with both versions
        var page = mvc.perform(post("/talent/talents/" + t)
                        .session(session("talent"))
                        .with(csrf())
                        .param("name", "版本测试")
                        .param("regionId", String.valueOf(region("141129")))
                        .param("degree", "MASTER")
                        .param("employer", "中阳县测试单位")
                        .param("introducedOn", "2025-06-01")
                        .param("version", "0"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(409);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("data-testid=\"conflict\"");
        // a blank ID number on update keeps the stored one; a wrong one is an error under its field
        String bad = body(call(post("/api/v1/talent/talents"), TALENT, """
                {"name":"错号","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-06-01",
                 "idNumber":"141129199001011235","phone":"1234"}""".formatted(region("141129")))
                .andExpect(status().isBadRequest()));
        assertThat(bad).contains("idNumber").contains("phone").contains("身份证号不正确");
        String form = mvc.perform(post("/talent/talents")
                        .session(session("talent"))
                        .with(csrf())
                        .param("name", "")
                        .param("regionId", String.valueOf(region("141129")))
                        .param("degree", "MASTER")
                        .param("employer", "")
                        .param("introducedOn", "2025-06-01")
                        .param("idNumber", "123")
                        .param("version", "0"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("is-invalid").contains("此项必填").contains("身份证号不正确");
        // longer than the column is an error under the field, not a database failure
        String tooLong =
                body(call(post("/api/v1/talent/talents"), TALENT, """
                {"name":"%s","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-06-01"}""".formatted("长".repeat(51), region("141129")))
                        .andExpect(status().isBadRequest()));
        assertThat(tooLong).contains("不能超过 50 个字符");
        // the ID's year of birth must match
        call(post("/api/v1/talent/talents"), TALENT, """
                {"name":"年份","regionId":%d,"degree":"MASTER","employer":"x","introducedOn":"2025-06-01",
                 "birthYear":1980,"idNumber":"%s"}""".formatted(region("141129"), idNumber("14112919900101123")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void everyListAndFormRendersWithSearchSortAndPaging() throws Exception {
        for (String kind : TalentController.KINDS) {
            String html = page("talent", "/talent/" + kind + "?sort=name&dir=asc");
            assertThat(html).as(kind).contains("role=\"search\"").contains("sort=date");
            assertThat(page("talent", "/talent/" + kind + "/new")).as(kind).contains("data-testid=\"talent-form\"");
        }
        String talents = page("city", "/talent/talents?year=2024&filter=DOCTOR");
        assertThat(talents).contains("共 12 条");
        assertThat(page("city", "/talent/talents?year=2024&page=9")).contains("第 10/10 页");
        assertThat(page("city", "/talent/classes?filter=ZHONGQING&year=2024")).contains("共 4 条");
        assertThat(page("city", "/talent/talents?q=不存在的名字")).contains("data-testid=\"empty\"");
        assertThat(page("city", "/talent/talents?year=2024&filter=NOT_A_DEGREE"))
                .contains("共 190 条");
        long cls = jdbc.sql("select id from talent_training_class where kind = 'GUOQING'")
                .query(Long.class)
                .single();
        assertThat(page("leader", "/talent/classes/" + cls)).contains("国情研修班").contains("data-testid=\"sessions\"");
        long studio = jdbc.sql("select id from talent_studio order by id limit 1")
                .query(Long.class)
                .single();
        assertThat(page("talent", "/talent/studios/" + studio))
                .contains("绿色环境发展博士工作室")
                .contains("data-testid=\"members\"");
        assertThat(page("talent", "/talent?lang=en")).contains("Talents introduced");
    }
}
