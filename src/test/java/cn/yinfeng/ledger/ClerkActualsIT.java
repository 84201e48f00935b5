package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.sheet.ClerkActualLedger.BATTERY;
import static cn.yinfeng.ledger.sheet.ClerkActualLedger.STEEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.ledger.sheet.ClerkActualLedger;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * A county's yearly 履约情况 sheet through the ledger import: a dry run writes nothing and reports every row (the
 * estimate refused, last year's closed figure refused, 合计 and the footer skipped); the commit writes this year's
 * figures exactly as typed (1.2亿, 3,600, 420人); the same file again changes nothing.
 */
class ClerkActualsIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private String preview(byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/actuals/preview")
                        .file(new MockMultipartFile("file", "履约情况统计表.xlsx", "application/octet-stream", file))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String api(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long project(String name) throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String body = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"regionId\":" + region + ",\"totalInvestment\":90000,"
                                + "\"contractAmount\":80000,\"stage\":\"SIGNED\",\"signedOn\":\"2024-03-20\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static String reasons(String report, int number) {
        List<Map<String, Object>> rows = JsonPath.read(report, "$.results[?(@.rowNumber == " + number + ")]");
        assertThat(rows).as("row %d", number).hasSize(1);
        return rows.get(0).get("outcome") + " "
                + String.join(" ", (List<String>) rows.get(0).get("problems"));
    }

    private static BigDecimal actual(String card, String kind, int year) {
        List<Object> a = JsonPath.read(card, "$.actuals[?(@.kind == '" + kind + "' && @.year == " + year + ")].amount");
        assertThat(a).as(kind + " " + year).hasSize(1);
        return new BigDecimal(a.get(0).toString());
    }

    @Test
    void theCountysYearlySheetComesInExactlyAndLastYearStaysTheCitys() throws Exception {
        int year = LocalDate.now(clock.withZone(Projects.ZONE)).getYear();
        long steel = project(STEEL);
        long battery = project(BATTERY);
        byte[] file = ClerkActualLedger.xlsx(year);

        String report = preview(file);
        assertThat((int) JsonPath.read(report, "$.created")).as(report).isEqualTo(2);
        assertThat((int) JsonPath.read(report, "$.rejected")).isEqualTo(2);
        assertThat(reasons(report, 6)).contains("约3000").contains("确切");
        assertThat(reasons(report, 7)).contains((year - 1) + " 年度已于 " + year + "-04-01 结账");
        assertThat(reasons(report, 9)).contains("SKIP").contains("合计");
        assertThat(api("/api/v1/projects/" + steel + "/commitments"))
                .as("a dry run")
                .contains("\"actuals\":[]");

        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk());
        String s = api("/api/v1/projects/" + steel + "/commitments");
        assertThat(actual(s, "INVESTMENT", year)).isEqualByComparingTo("52000");
        assertThat(actual(s, "OUTPUT", year)).isEqualByComparingTo("18500.5");
        assertThat(actual(s, "TAX", year)).isEqualByComparingTo("640.25");
        assertThat(actual(s, "JOBS", year)).isEqualByComparingTo("420");
        assertThat((List<Object>) JsonPath.read(s, "$.actuals[?(@.year == " + (year - 1) + ")]"))
                .as("the closed year was not written")
                .isEmpty();
        String b = api("/api/v1/projects/" + battery + "/commitments");
        assertThat(actual(b, "INVESTMENT", year)).as("1.2亿").isEqualByComparingTo("12000");
        assertThat(actual(b, "OUTPUT", year)).as("3,600").isEqualByComparingTo("3600");

        String again = preview(file);
        assertThat((int) JsonPath.read(again, "$.unchanged")).isEqualTo(2);
        assertThat((int) JsonPath.read(again, "$.created")).isZero();
    }
}
