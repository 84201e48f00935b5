package cn.yinfeng.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * The 简报 read back from its .docx: A4 with the standard's margins, the 报头 in red over a red rule with its 期号,
 * the briefing and the table carrying the published (frozen) figures even after the ledger changed, the 报尾.
 * Publishes 吕梁市 2024-05, a month no other test publishes.
 */
class BriefingDocxIT extends IntegrationTest {

    private static final String CITY = "Bearer demo-token-city";

    @Test
    void theBriefingCarriesTheFrozenFiguresInTheOfficialLayout() throws Exception {
        // not published: no briefing, and the message says what to do
        String refused = mvc.perform(get("/api/v1/stats/report/briefing.docx?region=141100&to=2024-05")
                        .header("Authorization", CITY))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("请先发布月报");

        var session = (MockHttpSession) mvc.perform(
                        SecurityMockMvcRequestBuilders.formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(post("/stats/report/publish")
                        .session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("region", "141100")
                        .param("to", "2024-05"))
                .andExpect(status().is3xxRedirection());
        String json = mvc.perform(
                        get("/api/v1/stats/report?region=141100&to=2024-05").header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Number signed = JsonPath.read(json, "$.rows[-1].values.SIGNED_COUNT");
        Number amount = JsonPath.read(json, "$.rows[-1].values.SIGNED_AMOUNT");
        List<Number> countyAmounts = JsonPath.read(json, "$.rows[0:13].values.SIGNED_AMOUNT");
        String yi = new BigDecimal(amount.toString())
                .movePointLeft(4)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();

        byte[] docx = mvc.perform(get("/stats/report/briefing.docx?region=141100&to=2024-05")
                        .session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            var sect = doc.getDocument().getBody().getSectPr();
            assertThat(sect.getPgSz().getW()).isEqualTo(BigInteger.valueOf(11906));
            assertThat(sect.getPgSz().getH()).isEqualTo(BigInteger.valueOf(16838));
            // 37 mm top, 28 mm left (in twips)
            assertThat(((BigInteger) sect.getPgMar().getTop()).intValue()).isBetween(2090, 2100);
            assertThat(((BigInteger) sect.getPgMar().getLeft()).intValue()).isBetween(1585, 1590);

            var paragraphs = doc.getParagraphs();
            XWPFParagraph head = paragraphs.get(0);
            assertThat(head.getText()).isEqualTo("招商引资工作简报");
            assertThat(head.getRuns().get(0).getColor()).isEqualTo("C00000");
            assertThat(head.getRuns().get(0).getFontSizeAsDouble()).isEqualTo(36.0);
            assertThat(paragraphs.get(1).getText()).matches("第\\d+期");
            XWPFParagraph unit = paragraphs.get(2);
            assertThat(unit.getText()).startsWith("吕梁市投资促进中心");
            assertThat(unit.getCTP().getPPr().getPBdr().getBottom().xmlText())
                    .contains("C00000")
                    .contains("single");
            XWPFParagraph title = paragraphs.get(3);
            assertThat(title.getText()).isEqualTo("吕梁市2024年1-5月招商引资工作进展情况");
            assertThat(title.getRuns().get(0).getFontSizeAsDouble()).isEqualTo(22.0);
            String all = paragraphs.stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
            assertThat(all)
                    .contains("1-5月份，全市招商引资签约项目" + signed.longValue() + "个，签约金额" + yi + "亿元")
                    .contains("从各县（市、区）看，")
                    .contains("近期需关注")
                    .doesNotContainPattern("同比增长\\d{4,}")
                    .contains("报送：")
                    .contains("抄送：")
                    .contains("印发");
            assertThat(paragraphs.get(4).getRuns().get(0).getFontFamily()).isEqualTo("仿宋_GB2312");

            var table = doc.getTables().get(0);
            assertThat(table.getRow(0).getCell(11).getText()).isEqualTo("完成率");
            var total = table.getRow(table.getNumberOfRows() - 1);
            assertThat(total.getCell(0).getText()).isEqualTo("合计");
            assertThat(total.getCell(1).getText()).isEqualTo(String.valueOf(signed.longValue()));
            assertThat(table.getNumberOfRows()).isEqualTo(1 + 15); // header, 13 counties, the zone, the total
            assertThat(table.getRow(0).getCtRow().getTrPr().xmlText()).contains("tblHeader");

            // the chart is a native Word chart whose data are the table's signed amounts, in 亿元
            assertThat(doc.getCharts()).hasSize(1);
            var chart = doc.getCharts().get(0);
            var series = chart.getChartSeries().get(0).getSeries(0);
            assertThat(series.getCategoryData().getPointCount()).isEqualTo(14);
            assertThat(series.getCategoryData().getPointAt(0)).isEqualTo("离石区");
            for (int i = 0; i < 13; i++) {
                BigDecimal expected = new BigDecimal(countyAmounts.get(i).toString()).movePointLeft(4);
                assertThat(new BigDecimal(series.getValuesData().getPointAt(i).toString()))
                        .isEqualByComparingTo(expected);
            }
            assertThat(chart.getWorkbook().getSheetAt(0).getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("离石区");
        }

        // the PDF: A4 pages, every font embedded, the same words and the table's figures as text
        var pdfResponse = mvc.perform(get("/stats/report/briefing.pdf?region=141100&to=2024-05")
                        .session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(pdfResponse.getContentType()).isEqualTo("application/pdf");
        assertThat(pdfResponse.getHeader("Content-Disposition"))
                .startsWith("inline")
                .contains(".pdf");
        byte[] pdf = pdfResponse.getContentAsByteArray();
        Path out = Path.of("target", "briefing-pdf");
        Files.createDirectories(out);
        Files.write(out.resolve("city-2024-05.pdf"), pdf); // to look at
        assertThat(pdf.length).isLessThan(2 * 1024 * 1024);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isBetween(2, 4);
            for (PDPage page : doc.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isCloseTo(595.28f, within(0.5f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(841.89f, within(0.5f));
                for (COSName name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text)
                    .contains("招商引资工作简报")
                    .contains("吕梁市2024年1-5月招商引资工作进展情况")
                    .contains("1-5月份，全市招商引资签约项目" + signed.longValue() + "个，签约金额" + yi + "亿元")
                    .contains("合计" + signed.longValue()
                            + new BigDecimal(amount.toString()).movePointLeft(4).setScale(2, RoundingMode.HALF_UP))
                    .contains("报送：")
                    .contains("印发");
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                assertThat(text).contains("—" + p + "—");
            }
        }

        // the text and its check as JSON, and the report page's preview of it
        String briefing = mvc.perform(get("/api/v1/stats/report/briefing?region=141100&to=2024-05")
                        .header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((Boolean) JsonPath.read(briefing, "$.offered")).isTrue();
        assertThat((Integer) JsonPath.read(briefing, "$.claims")).isGreaterThanOrEqualTo(5);
        assertThat((Integer) JsonPath.read(briefing, "$.agreed")).isEqualTo(JsonPath.read(briefing, "$.claims"));
        assertThat((String) JsonPath.read(briefing, "$.paragraphs[0]")).startsWith("1-5月份，全市招商引资签约项目");
        String preview = mvc.perform(
                        get("/stats/report/briefing?region=141100&to=2024-05").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(preview)
                .contains("data-testid=\"briefing-check\"")
                .contains("逐一相符")
                .contains("1-5月份，全市");
        // a county's user cannot read the city's 简报
        mvc.perform(get("/api/v1/stats/report/briefing?region=141100&to=2024-05")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/stats/report/briefing.docx?region=141100&to=2024-05")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isNotFound());

        // the same document in English
        byte[] english = mvc.perform(get("/api/v1/stats/report/briefing.docx?region=141100&to=2024-05")
                        .header("Authorization", CITY)
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var doc = new XWPFDocument(new ByteArrayInputStream(english))) {
            String all =
                    doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
            assertThat(all)
                    .contains("Investment Promotion Briefing")
                    .contains("the city signed " + signed.longValue() + " investment projects worth " + yi
                            + " hundred million yuan")
                    .doesNotContain("报送");
            assertThat(doc.getTables().get(0).getRow(0).getCell(11).getText()).isEqualTo("Completion");
        }
        byte[] englishPdf = mvc.perform(get("/api/v1/stats/report/briefing.pdf?region=141100&to=2024-05")
                        .header("Authorization", CITY)
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (PDDocument doc = Loader.loadPDF(englishPdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Investment Promotion Briefing").contains("hundred million yuan");
        }
    }
}
