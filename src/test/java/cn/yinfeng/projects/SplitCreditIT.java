package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A project 孝义市 records as attracted by 中阳县 with a 40% share: both counties' figures carry their part, 中阳县 is
 * asked, disputes with a reason (孝义市 is told), 孝义市 corrects the share, which asks again, and 中阳县 confirms in
 * a batch from its list. Until confirmed, the summary says how much of its figure waits.
 */
class SplitCreditIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
        return mvc.perform(request.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private String body(ResultActions a) throws Exception {
        return a.andReturn().getResponse().getContentAsString();
    }

    private String summary(String region) throws Exception {
        return body(mvc.perform(get("/api/v1/stats/summary")
                        .param("region", region)
                        .param("from", "2022-01")
                        .param("to", "2022-12")
                        .header("Authorization", CITY))
                .andExpect(status().isOk()));
    }

    private static BigDecimal signed(String summary) {
        List<Object> v = JsonPath.read(summary, "$.indicators[?(@.code == 'SIGNED_COUNT')].value");
        return new BigDecimal(v.get(0).toString());
    }

    private long notices(String user, String key) {
        return jdbc.sql("select count(*) from notification n join app_user u on u.id = n.user_id"
                        + " where u.username = :u and n.kind = 'CREDIT' and n.message = :k")
                .param("u", user)
                .param("k", key)
                .query(Long.class)
                .single();
    }

    private String split(String token, String side, long id) throws Exception {
        String list = body(mvc.perform(get("/api/v1/project-credits")
                        .param("side", side)
                        .param("q", "煤层气液化")
                        .header("Authorization", token))
                .andExpect(status().isOk()));
        List<Object> rows = JsonPath.read(list, "$.rows[?(@.projectId == " + id + ")]");
        return rows.isEmpty() ? null : JsonPath.parse(rows.get(0)).jsonString();
    }

    @Test
    void theAttractingCountyConfirmsOrDisputesItsShare() throws Exception {
        String zhongyangBefore = summary("141129");
        String xiaoyiBefore = summary("141181");
        long requestsBefore = notices("zhongyang", "inbox.creditRequested");
        String form = """
                {"name": "煤层气液化调峰储备站", "regionId": %d, "attractingRegionId": %d, "attractingShare": %s,
                 "totalInvestment": 20000, "contractAmount": 20000, "fundOrigin": "OUT_OF_PROVINCE"%s}
                """;
        long id = ((Number) JsonPath.read(
                        body(call(
                                        post("/api/v1/projects"),
                                        XIAOYI,
                                        form.formatted(
                                                regionByCode("141181"),
                                                regionByCode("141129"),
                                                "40",
                                                ", \"stage\": \"SIGNED\", \"signedOn\": \"2022-05-20\""))
                                .andExpect(status().isCreated())),
                        "$.id"))
                .longValue();
        // a split not approved yet is listed, not counted, and nobody is asked yet
        assertThat(split(ZHONGYANG, "ATTRACTING", id)).contains("\"approved\":false");
        assertThat(notices("zhongyang", "inbox.creditRequested")).isEqualTo(requestsBefore);
        // the figure's list names it beside the figure, left out as not approved yet
        String list = body(mvc.perform(get("/api/v1/stats/explain")
                        .param("region", "141129")
                        .param("indicator", "SIGNED_COUNT")
                        .param("from", "2022-01")
                        .param("to", "2022-12")
                        .header("Authorization", CITY))
                .andExpect(status().isOk()));
        assertThat(JsonPath.<List<String>>read(list, "$.items[?(@.id == " + id + ")].reason"))
                .containsExactly("PROJECT_NOT_APPROVED");
        submitAndApprove(id, XIAOYI);
        assertThat(notices("zhongyang", "inbox.creditRequested")).isEqualTo(requestsBefore + 1);

        // both sides count their part; the attracting side's figure says it waits for confirmation
        String zy = summary("141129");
        assertThat(signed(zy)).isEqualByComparingTo(signed(zhongyangBefore).add(new BigDecimal("0.4")));
        assertThat(signed(summary("141181")))
                .isEqualByComparingTo(signed(xiaoyiBefore).add(new BigDecimal("0.6")));
        assertThat((Integer) JsonPath.read(zy, "$.splits.pending")).isPositive();
        assertThat(split(ZHONGYANG, "ATTRACTING", id))
                .contains("\"state\":\"PENDING\"")
                .contains("\"answerable\":true");
        assertThat(split(XIAOYI, "LANDING", id)).contains("\"answerable\":false");
        assertThat(split(XIAOYI, "ATTRACTING", id))
                .as("孝义市 answers nothing for 中阳县")
                .isNull();

        // only the attracting side answers; a dispute needs its reason; a stale version is a conflict
        String confirm = "{\"decision\":\"CONFIRMED\",\"version\":%d}";
        call(post("/api/v1/projects/" + id + "/credit-decisions"), XIAOYI, confirm.formatted(projectVersion(id)))
                .andExpect(status().isForbidden());
        call(
                        post("/api/v1/projects/" + id + "/credit-decisions"),
                        ZHONGYANG,
                        "{\"decision\":\"DISPUTED\",\"note\":\"  \",\"version\":" + projectVersion(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.note").exists());
        call(post("/api/v1/projects/" + id + "/credit-decisions"), ZHONGYANG, confirm.formatted(projectVersion(id) - 1))
                .andExpect(status().isConflict());
        long disputesBefore = notices("xiaoyi", "inbox.creditDisputed");
        call(
                        post("/api/v1/projects/" + id + "/credit-decisions"),
                        ZHONGYANG,
                        "{\"decision\":\"DISPUTED\",\"note\":\"项目由市投促中心对接，我县只协助考察一次，分成应为20%\",\"version\":"
                                + projectVersion(id) + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DISPUTED"));
        assertThat(notices("xiaoyi", "inbox.creditDisputed")).isEqualTo(disputesBefore + 1);
        assertThat((Integer) JsonPath.read(summary("141129"), "$.splits.disputed"))
                .isPositive();

        // 孝义市 corrects the share: the split waits again and 中阳县 is asked again
        call(
                        put("/api/v1/projects/" + id),
                        XIAOYI,
                        form.formatted(
                                regionByCode("141181"),
                                regionByCode("141129"),
                                "20",
                                ", \"version\": " + projectVersion(id)))
                .andExpect(status().isOk());
        submitAndApprove(id, XIAOYI);
        assertThat(split(ZHONGYANG, "ATTRACTING", id)).contains("\"state\":\"PENDING\"");
        assertThat(notices("zhongyang", "inbox.creditRequested")).isEqualTo(requestsBefore + 2);
        assertThat(signed(summary("141129")))
                .isEqualByComparingTo(signed(zhongyangBefore).add(new BigDecimal("0.2")));

        // 中阳县 confirms from its list, in a batch; the page shows the answer and the project page the state
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin().user("zhongyang").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        String page = mvc.perform(get("/projects/credits").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("煤层气液化调峰储备站").contains("待确认");
        mvc.perform(post("/projects/credits/confirm")
                        .session(session)
                        .with(csrf())
                        .param("pick", id + ":" + projectVersion(id)))
                .andExpect(status().is3xxRedirection());
        assertThat(split(ZHONGYANG, "ATTRACTING", id)).contains("\"state\":\"CONFIRMED\"");
        assertThat(notices("xiaoyi", "inbox.creditConfirmed")).isPositive();
        assertThat(mvc.perform(get("/projects/" + id).session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("data-testid=\"split-state\"")
                .contains("已确认");
        // a batch that names a split the caller does not answer for changes nothing
        mvc.perform(post("/projects/credits/confirm")
                        .session(session)
                        .with(csrf())
                        .param("pick", "abc"))
                .andExpect(status().isBadRequest());
    }
}
