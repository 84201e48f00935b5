package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A county loads its 2021 ledger years afterwards, from the clerk's old GBK CSV, as a back-fill: checked "as of" the
 * 通报's own date (2021-12-31), the year reads what was first recorded instead of 0, and the figure, the summary
 * and the report check say so. A project entered the ordinary way is not counted as of that date until city staff
 * mark it back-filled; a later change of a back-filled project leaves the past as first recorded.
 */
class BackfilledHistoryIT extends IntegrationTest {

    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";

    /** 中阳县's 2021 ledger as its clerk kept it: title, unit line, merged-looking header, 合计 and footer. */
    private static byte[] oldLedger() {
        String text = """
                中阳县2021年招商引资签约项目台账（补录）,,,,,,,,,
                填报单位：中阳县招商服务中心    单位：万元,,,,,,,,,
                序号,项目名称,投资方,资金来源,总投资（万元）,项目进展,签约日期,注册日期,开工日期,备注
                1,年产10万吨新型建材项目,山西晋阳建材有限公司,省内市外,28000,已签约,2021年3月18日,,,
                2,中药材精深加工产业园,北京同仁中药科技有限公司,省外,15600.5,开工建设,2021.5.6,2021.6.30,2021.9.1,一期已开工
                3,文旅康养综合体（一期）,,省外,9800,已签约,2021/11/20,,,
                ,,,,,,,,,
                合计,,,,53400.5,,,,,
                填表人：郝晓燕,,审核人：白建军,,联系电话：0358-6132021,,,,,
                """.replace("\n", "\r\n");
        return text.getBytes(Charset.forName("GBK"));
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
        return mvc.perform(request.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private String body(ResultActions actions) throws Exception {
        return actions.andReturn().getResponse().getContentAsString();
    }

    private long id(String name) {
        return jdbc.sql("select id from project where name = :n")
                .param("n", name)
                .query(Long.class)
                .single();
    }

    private String summary(String asOf) throws Exception {
        return body(mvc.perform(get("/api/v1/stats/summary")
                        .param("region", "141129")
                        .param("from", "2021-01")
                        .param("to", "2021-12")
                        .param("asOf", asOf)
                        .header("Authorization", CITY))
                .andExpect(status().isOk()));
    }

    private static BigDecimal value(String summary, String code) {
        List<Object> v = JsonPath.read(summary, "$.indicators[?(@.code == '" + code + "')].value");
        return new BigDecimal(v.get(0).toString());
    }

    @Test
    void aYearLoadedAfterwardsIsCheckedAsOfItsOwnDate() throws Exception {
        // the clerk's old ledger, imported as a back-fill
        String report = body(mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile("file", "中阳县2021年签约项目台账.csv", "text/csv", oldLedger()))
                        .param("backfill", "true")
                        .header("Authorization", ZHONGYANG))
                .andExpect(status().isOk()));
        assertThat((Integer) JsonPath.read(report, "$.created")).as(report).isEqualTo(3);
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", ZHONGYANG))
                .andExpect(status().isOk());
        long building = id("年产10万吨新型建材项目");
        long herbs = id("中药材精深加工产业园");
        long resort = id("文旅康养综合体（一期）");
        assertThat(jdbc.sql("select count(*) from project where backfilled and id in (:ids)")
                        .param("ids", List.of(building, herbs, resort))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        // funds of 2021 entered with the history, before the first approval
        call(
                        post("/api/v1/projects/" + building + "/funds"),
                        ZHONGYANG,
                        "{\"month\":\"2021-08\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":3000,\"note\":\"首笔到位\"}")
                .andExpect(status().isCreated());
        // one more 2021 project typed in the ordinary way, not marked back-filled
        long zhongyang = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        long coldChain = ((Number) JsonPath.read(
                        body(call(
                                        post("/api/v1/projects"),
                                        ZHONGYANG,
                                        "{\"name\":\"农产品冷链物流中心\",\"regionId\":"
                                                + zhongyang
                                                + ",\"totalInvestment\":6000,\"stage\":\"SIGNED\",\"signedOn\":\"2021-07-01\"}")
                                .andExpect(status().isCreated())),
                        "$.id"))
                .longValue();
        for (long id : List.of(building, herbs, resort, coldChain)) {
            submitAndApprove(id, ZHONGYANG);
        }

        // as of the 通报's date: the back-filled three as first recorded, the other not yet on record
        String then = summary("2021-12-31");
        assertThat(value(then, "SIGNED_COUNT")).isEqualByComparingTo("3");
        assertThat(value(then, "SIGNED_AMOUNT")).isEqualByComparingTo("53400.50");
        assertThat(value(then, "FUNDS_OUT_CITY")).isEqualByComparingTo("3000");
        assertThat((Integer) JsonPath.read(then, "$.asOfRecords.firstRecorded")).isEqualTo(3);
        assertThat((Integer) JsonPath.read(then, "$.asOfRecords.recordedLater")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(then, "$.asOfRecords.firstRecordedFunds"))
                .isEqualTo(1);
        // today's ledger has all four and says nothing about records begun later
        String now = body(mvc.perform(get("/api/v1/stats/summary")
                        .param("region", "141129")
                        .param("from", "2021-01")
                        .param("to", "2021-12")
                        .header("Authorization", CITY))
                .andExpect(status().isOk()));
        assertThat(value(now, "SIGNED_COUNT")).isEqualByComparingTo("4");
        assertThat(now).doesNotContain("asOfRecords");

        // only city staff mark a project back-filled, at the version they saw
        long v = projectVersion(coldChain);
        call(
                        put("/api/v1/projects/" + coldChain + "/backfilled"),
                        ZHONGYANG,
                        "{\"backfilled\":true,\"version\":" + v + "}")
                .andExpect(status().isForbidden());
        call(
                        put("/api/v1/projects/" + coldChain + "/backfilled"),
                        CITY,
                        "{\"backfilled\":true,\"version\":" + (v - 1) + "}")
                .andExpect(status().isConflict());
        call(put("/api/v1/projects/" + coldChain + "/backfilled"), CITY, "{\"version\":" + v + "}")
                .andExpect(status().isBadRequest());
        call(put("/api/v1/projects/" + coldChain + "/backfilled"), CITY, "{\"backfilled\":true,\"version\":" + v + "}")
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select review_status from project where id = :id")
                        .param("id", coldChain)
                        .query(String.class)
                        .single())
                .as("marking is not an edit of the county's record: it stays approved")
                .isEqualTo("APPROVED");
        then = summary("2021-12-31");
        assertThat(value(then, "SIGNED_COUNT")).isEqualByComparingTo("4");
        assertThat((Integer) JsonPath.read(then, "$.asOfRecords.recordedLater")).isZero();

        // a correction approved today leaves 2021 as first recorded; today's figure takes it
        call(put("/api/v1/projects/" + building), ZHONGYANG, """
                        {"name": "年产10万吨新型建材项目", "regionId": %d, "totalInvestment": 30000,
                         "fundOrigin": "IN_PROVINCE", "version": %d}
                        """.formatted(zhongyang, projectVersion(building)))
                .andExpect(status().isOk());
        submitAndApprove(building, ZHONGYANG);
        assertThat(value(summary("2021-12-31"), "SIGNED_AMOUNT")).isEqualByComparingTo("59400.50");
        assertThat(value(
                        body(mvc.perform(get("/api/v1/stats/summary")
                                .param("region", "141129")
                                .param("from", "2021-01")
                                .param("to", "2021-12")
                                .header("Authorization", CITY))),
                        "SIGNED_AMOUNT"))
                .isEqualByComparingTo("61400.50");

        // the figure's list as of that date is the back-filled four, as first recorded
        String list = body(mvc.perform(get("/api/v1/stats/explain")
                        .param("region", "141129")
                        .param("indicator", "SIGNED_AMOUNT")
                        .param("from", "2021-01")
                        .param("to", "2021-12")
                        .param("asOf", "2021-12-31")
                        .header("Authorization", CITY))
                .andExpect(status().isOk()));
        assertThat(new BigDecimal(JsonPath.read(list, "$.total").toString())).isEqualByComparingTo("59400.50");
        assertThat((Integer) JsonPath.read(list, "$.counted")).isEqualTo(4);

        // the report check dated at the 通报's own date agrees and says how it read the year
        String check = body(call(post("/api/v1/reconcile"), CITY, """
                        {"text": "2021年，中阳县新签约招商引资项目4个，签约总额5.94亿元。", "date": "2021-12-31", "region": "141129"}
                        """).andExpect(status().isOk()));
        assertThat(JsonPath.<List<String>>read(check, "$.claims[*].verdict")).containsOnly("AGREES");
        assertThat(JsonPath.<List<Integer>>read(check, "$.claims[*].value")).hasSize(2);
        assertThat((Integer) JsonPath.read(check, "$.asOf[0].note.firstRecorded"))
                .isEqualTo(4);
        assertThat((String) JsonPath.read(check, "$.asOf[0].regionName")).isEqualTo("中阳县");
    }
}
