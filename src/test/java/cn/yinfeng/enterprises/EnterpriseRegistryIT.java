package cn.yinfeng.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** The registry: check characters, the duplicate guard, similar names, merging with references, masking. */
class EnterpriseRegistryIT extends IntegrationTest {

    private ResultActions create(String token, String json) throws Exception {
        return mvc.perform(post("/api/v1/enterprises")
                .header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    @Test
    void wrongCheckCharacterIsRefusedWithAClearMessage() throws Exception {
        create("Bearer demo-token-xiaoyi", "{\"name\":\"校验测试有限公司\",\"creditCode\":\"91440300708461136X\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.creditCode[0]").value("统一社会信用代码校验位不正确，请核对。"));
    }

    @Test
    void theSameCodeTwiceIsRefusedAndProspectsNeedNoCode() throws Exception {
        create("Bearer demo-token-xiaoyi", "{\"name\":\"腾讯测试\",\"creditCode\":\"91440300708461136T\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.prospect").value(false));
        create("Bearer demo-token-zhongyang", "{\"name\":\"另一个名字\",\"creditCode\":\"９１４４０３００７０８４６１１３６ｔ\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.creditCode[0]").value(Matchers.startsWith("该统一社会信用代码已登记")));
        create("Bearer demo-token-xiaoyi", "{\"name\":\"意向客商甲\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.prospect").value(true));
    }

    @Test
    void similarNamesAreOfferedAndMergeMovesEveryReference() throws Exception {
        String a = create("Bearer demo-token-xiaoyi", "{\"name\":\"晋合测试新材料有限公司\",\"contactPhone\":\"13912345678\"}")
                .andReturn()
                .getResponse()
                .getContentAsString();
        String b = create("Bearer demo-token-xiaoyi", "{\"name\":\"晋合测试新材料（集团）有限责任公司\"}")
                .andReturn()
                .getResponse()
                .getContentAsString();
        long aId = ((Number) JsonPath.read(a, "$.id")).longValue();
        long bId = ((Number) JsonPath.read(b, "$.id")).longValue();
        mvc.perform(get("/api/v1/enterprises/" + aId + "/similar").header("Authorization", "Bearer demo-token-city"))
                .andExpect(jsonPath("$[0].id").value(bId));
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String project = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"合并引用测试\",\"regionId\":" + region
                                + ",\"totalInvestment\":100,\"investors\":[" + bId + "]}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        long projectId = ((Number) JsonPath.read(project, "$.id")).longValue();

        mvc.perform(post("/api/v1/enterprises/" + bId + "/merge")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"intoId\":" + aId + "}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/enterprises/" + bId + "/merge")
                        .header("Authorization", "Bearer demo-token-city")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"intoId\":" + aId + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.formerNames").value("晋合测试新材料（集团）有限责任公司"));
        assertThat(jdbc.sql("select enterprise_id from project_investor where project_id = :p")
                        .param("p", projectId)
                        .query(Long.class)
                        .list())
                .containsExactly(aId);
        // contacts: staff see the phone, the leader sees it masked
        mvc.perform(get("/api/v1/enterprises/" + aId).header("Authorization", "Bearer demo-token-city"))
                .andExpect(jsonPath("$.contactPhone").value("13912345678"));
        mvc.perform(get("/api/v1/enterprises/" + aId).header("Authorization", "Bearer demo-token-leader"))
                .andExpect(jsonPath("$.contactPhone").value("139****5678"));
    }
}
