package cn.yinfeng.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may change a shared registry entry: staff of its region (or above: the city) directly; staff of another region
 * propose, the city accepts (applied as an edit with the proposal's version, audited) or rejects with a reason; the
 * ledger import of a county refuses rows that would change another region's entry. Checklist #8, #9, #10.
 */
class EnterpriseProposalsIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String CITY = "Bearer demo-token-city";
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 10_000_000);

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private static long id(ResultActions r, String path) throws Exception {
        return ((Number) JsonPath.read(r.andReturn().getResponse().getContentAsString(), path)).longValue();
    }

    private static String code() {
        String first17 = "91141100" + String.format("%09d", SEQ.incrementAndGet() % 1_000_000_000L);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private long entry(String token, String name, String code) throws Exception {
        return id(
                call(
                                post("/api/v1/enterprises"),
                                token,
                                "{\"name\":\"" + name + "\",\"creditCode\":"
                                        + (code == null ? "null" : "\"" + code + "\"") + ",\"industry\":\"化工\"}")
                        .andExpect(status().isCreated()),
                "$.id");
    }

    private long version(long id) {
        return jdbc.sql("select version from enterprise where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private String name(long id) {
        return jdbc.sql("select name from enterprise where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private String edit(long id, String name) {
        return "{\"name\":\"" + name + "\",\"industry\":\"化工\",\"version\":" + version(id) + "}";
    }

    @Test
    @DisplayName("a county renames its own entry directly; the city renames any")
    void ownersChangeTheirEntriesDirectly() throws Exception {
        long own = entry(XIAOYI, "提议测试孝义自有企业", null);
        call(put("/api/v1/enterprises/" + own), XIAOYI, edit(own, "提议测试孝义自有企业改名"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("提议测试孝义自有企业改名"));
        call(put("/api/v1/enterprises/" + own), CITY, edit(own, "提议测试市级改名")).andExpect(status().isOk());
        assertThat(name(own)).isEqualTo("提议测试市级改名");
    }

    @Test
    @DisplayName(
            "checklist #10: a county renaming the city's entry makes a proposal; the entry is unchanged until the city accepts, audited")
    void aCountyRenamingTheCitysEntryProposesAndTheCityAccepts() throws Exception {
        long cityEntry = entry(CITY, "提议测试市级企业", null);
        long before = version(cityEntry);
        var proposed = call(put("/api/v1/enterprises/" + cityEntry), XIAOYI, edit(cityEntry, "x"))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.proposed.name").value("x"));
        long pid = id(proposed, "$.id");
        assertThat(name(cityEntry)).isEqualTo("提议测试市级企业");
        assertThat(version(cityEntry)).isEqualTo(before);

        // the proposer's region sees it; another county does not (404, as a missing one); a county cannot decide
        call(get("/api/v1/enterprises/proposals/" + pid), XIAOYI, null).andExpect(status().isOk());
        call(get("/api/v1/enterprises/proposals/" + pid), ZHONGYANG, null).andExpect(status().isNotFound());
        call(get("/api/v1/enterprises/proposals?status=PENDING&q=提议测试市级企业"), ZHONGYANG, null)
                .andExpect(jsonPath("$.total").value(0));
        call(get("/api/v1/enterprises/proposals?status=PENDING&q=提议测试市级企业&sort=enterprise&dir=asc"), CITY, null)
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].id").value(pid));
        call(post("/api/v1/enterprises/proposals/" + pid + "/accept"), XIAOYI, "{}")
                .andExpect(status().isForbidden());

        long audits = jdbc.sql("select count(*) from audit_log where action = 'ENTERPRISE_UPDATE' and target_id = :id")
                .param("id", String.valueOf(cityEntry))
                .query(Long.class)
                .single();
        call(post("/api/v1/enterprises/proposals/" + pid + "/accept"), CITY, "{\"reason\":\"核实无误\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.reason").value("核实无误"));
        assertThat(name(cityEntry)).isEqualTo("x");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'ENTERPRISE_UPDATE' and target_id = :id")
                        .param("id", String.valueOf(cityEntry))
                        .query(Long.class)
                        .single())
                .isEqualTo(audits + 1);
        assertThat(auditRows("ENTERPRISE_PROPOSAL_ACCEPT", "city", "SUCCESS")).isPositive();
        call(get("/api/v1/enterprises/proposals/" + pid), XIAOYI, null)
                .andExpect(jsonPath("$.status").value("ACCEPTED"));
        // decided once only
        call(post("/api/v1/enterprises/proposals/" + pid + "/reject"), CITY, "{\"reason\":\"再次\"}")
                .andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName(
            "a rejection needs a reason and leaves the entry as it is; a proposal overtaken by an edit cannot be accepted")
    void aRejectedOrOvertakenProposalChangesNothing() throws Exception {
        long cityEntry = entry(CITY, "提议测试驳回企业", null);
        long pid = id(
                call(put("/api/v1/enterprises/" + cityEntry), ZHONGYANG, edit(cityEntry, "中阳改的名"))
                        .andExpect(status().isAccepted()),
                "$.id");
        call(post("/api/v1/enterprises/proposals/" + pid + "/reject"), CITY, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
        call(post("/api/v1/enterprises/proposals/" + pid + "/reject"), CITY, "{\"reason\":\"名称与执照不符\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));
        assertThat(name(cityEntry)).isEqualTo("提议测试驳回企业");
        call(get("/api/v1/enterprises/proposals/" + pid), ZHONGYANG, null)
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.reason").value("名称与执照不符"));

        long stale = id(
                call(put("/api/v1/enterprises/" + cityEntry), ZHONGYANG, edit(cityEntry, "中阳第二次"))
                        .andExpect(status().isAccepted()),
                "$.id");
        call(put("/api/v1/enterprises/" + cityEntry), CITY, edit(cityEntry, "市级先改"))
                .andExpect(status().isOk());
        call(post("/api/v1/enterprises/proposals/" + stale + "/accept"), CITY, "{}")
                .andExpect(status().isConflict());
        assertThat(name(cityEntry)).isEqualTo("市级先改");
        call(get("/api/v1/enterprises/proposals/" + stale), CITY, null)
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    @DisplayName(
            "the pages: a county's save on the city's entry becomes a proposal the city reviews on the proposals page")
    void thePagesProposeAndDecide() throws Exception {
        long cityEntry = entry(CITY, "提议测试页面企业", null);
        MockHttpSession county = session("xiaoyi");
        assertThat(page(county, "/enterprises/" + cityEntry)).contains("data-testid=\"propose-only\"");
        var res = mvc.perform(post("/enterprises/" + cityEntry)
                        .session(county)
                        .with(csrf())
                        .param("name", "页面提议名")
                        .param("version", String.valueOf(version(cityEntry))))
                .andReturn();
        String location = res.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/enterprises/proposals/");
        assertThat(name(cityEntry)).isEqualTo("提议测试页面企业");
        assertThat(page(county, location)).contains("页面提议名").doesNotContain("id=\"decision\"");
        assertThat(page(county, "/enterprises/proposals")).contains("提议测试页面企业");
        MockHttpSession city = session("city");
        assertThat(page(city, location)).contains("id=\"decision\"");
        assertThat(page(city, "/enterprises/proposals?status=PENDING&sort=region&dir=asc"))
                .contains("页面提议名");
        mvc.perform(post(location + "/accept").session(city).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(name(cityEntry)).isEqualTo("页面提议名");
    }

    @Test
    @DisplayName(
            "checklist #10: a county's import row that would change the city's entry is refused with the reason; its own entry is updated")
    void aCountysImportCannotChangeAnotherRegionsEntry() throws Exception {
        String cityCode = code();
        String ownCode = code();
        long cityEntry = entry(CITY, "提议测试导入市级企业", cityCode);
        long own = entry(XIAOYI, "提议测试导入孝义企业", ownCode);
        byte[] xlsx = sheet(List.of(new String[] {"提议测试导入市级改名", cityCode}, new String[] {"提议测试导入孝义改名", ownCode}));
        String report = mvc.perform(multipart("/api/v1/ledger/enterprises/preview")
                        .file(new MockMultipartFile("file", "企业.xlsx", "application/octet-stream", xlsx))
                        .header("Authorization", XIAOYI))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("\"results\"");
        List<String> refused = JsonPath.read(report, "$.results[?(@.outcome == 'REJECT')].problems[*]");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0)).contains("吕梁市").contains("修改建议");
        assertThat(((Number) JsonPath.read(report, "$.updated")).intValue()).isEqualTo(1);
        assertThat(name(cityEntry)).isEqualTo("提议测试导入市级企业");
        assertThat(name(own)).isEqualTo("提议测试导入孝义企业"); // a preview writes nothing
    }

    private static byte[] sheet(List<String[]> rows) throws Exception {
        var out = new ByteArrayOutputStream();
        var wb = new Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("企业");
        ws.value(0, 0, "企业名称");
        ws.value(0, 1, "统一社会信用代码");
        ws.value(0, 2, "行业");
        for (int r = 0; r < rows.size(); r++) {
            ws.value(r + 1, 0, rows.get(r)[0]);
            ws.value(r + 1, 1, rows.get(r)[1]);
            ws.value(r + 1, 2, "化工");
        }
        wb.finish();
        return out.toByteArray();
    }

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private MockHttpSession session(String user) throws Exception {
        var s = sessions.get(user);
        if (s == null) {
            s = (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                    .andReturn()
                    .getRequest()
                    .getSession();
            sessions.put(user, s);
        }
        return s;
    }

    private String page(MockHttpSession session, String url) throws Exception {
        var r = mvc.perform(get(url).session(session)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }
}
