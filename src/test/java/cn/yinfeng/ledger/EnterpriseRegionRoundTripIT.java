package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The registry's export carries each entry's region, so that two code-less entries of one name in two counties (the
 * registry allows it) read back as two unchanged entries, for the city and for a county alike; a row whose region is
 * edited to a third county names another entry, and one edited to the other county's is the same row twice.
 */
class EnterpriseRegionRoundTripIT extends IntegrationTest {

    private static final String NAME = "区域往返同名商贸有限公司";
    private static final String CITY = "Bearer demo-token-city";
    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private long create(String token) throws Exception {
        String body = mvc.perform(post("/api/v1/enterprises")
                        .header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + NAME + "\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private String export(String token) throws Exception {
        byte[] csv = mvc.perform(get("/api/v1/enterprises/export")
                        .param("format", "csv")
                        .param("q", NAME)
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        return new String(csv, StandardCharsets.UTF_8);
    }

    private String preview(String token, String csv) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/enterprises/preview")
                        .file(new MockMultipartFile(
                                "file", "企业库.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static List<String> outcomes(String report) {
        return JsonPath.read(report, "$.results[*].outcome");
    }

    @Test
    void oneNameInTwoCountiesSurvivesExportThenImport() throws Exception {
        long xiaoyi = create(XIAOYI);
        long zhongyang = create("Bearer demo-token-zhongyang");
        try {
            String csv = export(CITY);
            assertThat(csv.lines().findFirst().orElseThrow())
                    .as("the header names the region as the template does")
                    .contains("所属区域");
            assertThat(csv).contains(NAME + ",,孝义市,").contains(NAME + ",,中阳县,");

            for (String token : List.of(CITY, XIAOYI)) {
                String report = preview(token, csv);
                assertThat(outcomes(report)).as(token).containsExactly("UNCHANGED", "UNCHANGED");
                List<Number> ids = JsonPath.read(report, "$.results[*].recordId");
                assertThat(ids.stream().map(Number::longValue))
                        .as("each row is its own county's entry")
                        .containsExactlyInAnyOrder(xiaoyi, zhongyang);
            }

            // the region edited to a third county: that row is another entry, to be created there
            String moved = preview(CITY, csv.replace(",中阳县,", ",汾阳市,"));
            assertThat(outcomes(moved)).containsExactly("UNCHANGED", "CREATE");
            assertThat((Integer) JsonPath.read(moved, "$.created")).isEqualTo(1);

            // edited to the other county's: both rows now name 孝义市's entry, the second is refused as a repeat
            String twice = preview(CITY, csv.replace(",中阳县,", ",孝义市,"));
            assertThat(outcomes(twice)).containsExactly("UNCHANGED", "REJECT");
            List<String> problems = JsonPath.read(twice, "$.results[1].problems[*]");
            assertThat(problems).anyMatch(p -> p.contains("与第 2 行重复"));

            // a county user may not bring an entry into a third county: the row's region is named
            String foreign = preview(XIAOYI, csv.replace(",中阳县,", ",汾阳市,"));
            assertThat(outcomes(foreign)).containsExactly("UNCHANGED", "REJECT");
            List<String> why = JsonPath.read(foreign, "$.results[1].problems[*]");
            assertThat(why).anyMatch(p -> p.startsWith("所属区域：") && p.contains("管辖范围"));
        } finally {
            jdbc.sql("delete from enterprise where name = :n").param("n", NAME).update();
        }
    }
}
