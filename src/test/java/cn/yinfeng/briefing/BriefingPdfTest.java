package cn.yinfeng.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF 简报 read back: A4 pages, embedded fonts, every word and figure extractable as text, the page count the
 * content needs, English wrapping at spaces, a missing glyph refused with the character named, a missing font file
 * refused with the property named. The pages are also written as PNG under {@code target/briefing-pdf/} to look at.
 */
class BriefingPdfTest {

    private static final Path OUT = Path.of("target", "briefing-pdf");

    private static PdfFonts fonts;

    @BeforeAll
    static void fonts() throws IOException {
        fonts = PdfFonts.configured("", "", "");
        Files.createDirectories(OUT);
    }

    private static final String[] UNITS = {
        "离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市", "市直"
    };
    private static final int[] SIGNED = {9, 6, 7, 5, 6, 8, 3, 4, 3, 5, 3, 11, 9, 7};
    private static final String[] AMOUNT = {
        "38.60", "21.35", "25.80", "18.92", "16.40", "29.75", "6.18", "9.64", "7.05", "14.26", "5.90", "52.80", "41.30",
        "24.50"
    };
    private static final String[] YOY = {
        "15.2%", "8.7%", "21.4%", "-4.6%", "3.1%", "18.9%", "-12.5%", "6.0%", "-8.3%", "9.8%", "-15.7%", "26.3%",
        "19.5%", "11.2%"
    };
    private static final int[] TARGET = {95, 60, 65, 50, 45, 70, 20, 28, 22, 40, 18, 120, 100, 60};
    private static final int[] STARTED = {6, 4, 5, 3, 3, 6, 1, 2, 2, 3, 1, 8, 7, 4};
    private static final int[] PRODUCING = {3, 2, 2, 1, 1, 3, 0, 1, 0, 1, 0, 5, 4, 2};

    static final List<String> PARAGRAPHS = List.of(
            "1-5月，全市新签约项目86个，签约金额312.45亿元，同比增长12.3%，完成年度目标793亿元的39.4%，较序时进度"
                    + "（41.7%）落后2.3个百分点。其中，亿元以上项目54个，签约金额289.62亿元，占全部签约金额的92.7%；"
                    + "已开工项目55个，开工率64.0%；已投产项目25个。",
            "从各县（市、区）看，孝义市、汾阳市、离石区签约金额居前三位，分别为52.80亿元、41.30亿元、38.60亿元；"
                    + "孝义市、汾阳市、柳林县、交城县完成率超过序时进度；石楼县、交口县、方山县签约金额均不足8亿元，"
                    + "完成率低于35%，兴县、石楼县、方山县、交口县签约金额同比下降，进度相对滞后。",
            "从产业分布看，新签约项目主要集中在煤炭清洁高效利用、新能源和新材料、现代煤化工、文化旅游和农产品精深加工"
                    + "等领域。其中，孝义市铝镁新材料一体化项目签约金额18.60亿元，为今年以来全市单体规模最大的签约项目；"
                    + "汾阳市杏花村白酒产业园扩能项目签约金额12.30亿元；柳林县煤层气综合开发利用项目签约金额10.50亿元；"
                    + "离石区吕梁山文旅康养综合体项目签约金额9.80亿元。上述项目均已完成备案，其中3个项目已进场施工。"
                    + "从项目推进看，签约项目的履约率为72.1%，较上月提高3.4个百分点，但仍有24个项目尚未办理用地、环评"
                    + "等前期手续，占签约项目总数的27.9%；部分项目存在资金到位慢、要素保障不足等问题，全市到位资金"
                    + "86.37亿元，仅占签约金额的27.6%，低于去年同期4.2个百分点。从下月风险看，按序时进度测算，6月份"
                    + "全市需新签约金额84.20亿元以上，方能实现“时间过半、任务过半”的目标；目前在谈的重点项目41个，"
                    + "意向投资额426.80亿元，其中可望在6月份签约的项目18个、投资额132.50亿元，但受市场需求波动和企业"
                    + "投资意愿趋于谨慎等因素影响，部分项目签约时间存在不确定性。各县（市、区）要对照年度目标，逐项目"
                    + "建立台账，明确责任领导、责任单位和完成时限，对进度滞后的县（市、区）实行周调度、月通报，市招商"
                    + "引资工作领导小组办公室将会同市直有关部门开展专项督导，确保各项目标任务按期完成。",
            "下一步，全市将继续坚持“项目为王”理念，聚焦重点产业链精准招商，加快在谈项目转化落地，推动已签约项目" + "早开工、早投产、早见效，确保上半年签约金额达到400亿元以上。");

    static BriefingDocument lvliang(List<String> paragraphs, int units) {
        List<String> heads = List.of("单位", "签约项目数", "签约金额（亿元）", "同比", "年度目标（亿元）", "完成率", "开工项目数", "投产项目数");
        List<BriefingDocument.Row> rows = new ArrayList<>();
        int signed = 0;
        int started = 0;
        int producing = 0;
        int target = 0;
        BigDecimal amount = BigDecimal.ZERO;
        List<String> categories = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            BigDecimal a = new BigDecimal(AMOUNT[i]);
            rows.add(new BriefingDocument.Row(
                    List.of(
                            UNITS[i],
                            String.valueOf(SIGNED[i]),
                            AMOUNT[i],
                            YOY[i],
                            TARGET[i] + ".00",
                            percent(a, TARGET[i]),
                            String.valueOf(STARTED[i]),
                            String.valueOf(PRODUCING[i])),
                    false));
            signed += SIGNED[i];
            started += STARTED[i];
            producing += PRODUCING[i];
            target += TARGET[i];
            amount = amount.add(a);
            categories.add(UNITS[i]);
            values.add(a);
        }
        rows.add(new BriefingDocument.Row(
                List.of(
                        "合计",
                        String.valueOf(signed),
                        amount.toPlainString(),
                        "12.3%",
                        target + ".00",
                        percent(amount, target),
                        String.valueOf(started),
                        String.valueOf(producing)),
                true));
        return new BriefingDocument(
                "招商引资工作简报",
                "第5期",
                "吕梁市招商引资工作领导小组办公室",
                "2024年6月3日",
                "吕梁市2024年1-5月招商引资工作进展情况",
                paragraphs,
                "附：吕梁市2024年1-5月招商引资工作进展情况表",
                heads,
                rows,
                "数据口径：经市级审核通过的项目，截至 2024-06-01 00:00；金额单位：亿元；认定规则第 3 版。",
                new BriefingDocument.Chart("各县（市、区）签约金额", "签约金额", "亿元", categories, values),
                "报送：市委、市人大常委会、市政府、市政协主要领导，市委、市政府分管领导。",
                "抄送：各县（市、区）人民政府，市直各有关单位，市招商引资工作领导小组各成员单位。",
                "2024年6月3日印发");
    }

    private static String percent(BigDecimal amount, int target) {
        return amount.multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(target), 1, RoundingMode.HALF_UP)
                        .toPlainString()
                + "%";
    }

    static BriefingDocument english() {
        List<String> heads =
                List.of("Unit", "Projects signed", "Amount (100 million yuan)", "Year on year", "Target", "Completion");
        List<BriefingDocument.Row> rows = List.of(
                new BriefingDocument.Row(List.of("Lishi District", "9", "38.60", "15.2%", "95.00", "40.6%"), false),
                new BriefingDocument.Row(List.of("Xiaoyi City", "11", "52.80", "26.3%", "120.00", "44.0%"), false),
                new BriefingDocument.Row(List.of("Total", "20", "91.40", "21.4%", "215.00", "42.5%"), true));
        return new BriefingDocument(
                "Investment Promotion Briefing",
                "Issue 5",
                "Lvliang Investment Promotion Office",
                "3 June 2024",
                "Investment promotion in Lvliang, January to May 2024",
                List.of(
                        "From January to May, the city signed 86 new projects worth 312.45 hundred million yuan, up"
                                + " 12.3% year on year, which is 39.4% of the annual target of 793 hundred million"
                                + " yuan and 2.3 percentage points behind the schedule for the time of year.",
                        "Xiaoyi City, Fenyang City and Lishi District signed the largest amounts; Shilou County,"
                                + " Jiaokou County and Fangshan County each signed less than 8 hundred million yuan."),
                "Annex: investment promotion by unit, January to May 2024",
                heads,
                rows,
                "Basis: projects approved at city level, as of 2024-06-01 00:00; amounts in 100 million yuan; rules v3.",
                new BriefingDocument.Chart(
                        "Amount signed by unit",
                        "Amount signed",
                        "100 million yuan",
                        List.of("Lishi District", "Xiaoyi City"),
                        List.of(new BigDecimal("38.60"), new BigDecimal("52.80"))),
                "To: the principal leaders of the city's Party committee and government.",
                "Copied to: the county governments and the city's departments.",
                "Printed on 3 June 2024");
    }

    private static byte[] render(BriefingDocument d, String name) throws IOException {
        var out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        BriefingPdf.write(d, fonts, out);
        long ms = (System.nanoTime() - start) / 1_000_000;
        byte[] pdf = out.toByteArray();
        Files.write(OUT.resolve(name + ".pdf"), pdf);
        try (var old = Files.newDirectoryStream(OUT, name + "-*.png")) {
            for (Path p : old) {
                Files.delete(p); // pages of an earlier, longer rendering
            }
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, 100);
                ImageIO.write(
                        image, "png", OUT.resolve(name + "-" + (i + 1) + ".png").toFile());
            }
            System.out.printf(
                    "%s: %d pages, %.1f KB, rendered in %d ms%n",
                    name, doc.getNumberOfPages(), pdf.length / 1024.0, ms);
        }
        return pdf;
    }

    private static String text(PDDocument doc) throws IOException {
        return new PDFTextStripper().getText(doc);
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void theLvliangBriefingIsTextInEmbeddedFontsOnA4Pages() throws IOException {
        BriefingDocument d = lvliang(PARAGRAPHS, UNITS.length);
        byte[] pdf = render(d, "lvliang");
        assertThat(pdf.length).isLessThan(2 * 1024 * 1024);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            for (PDPage page : doc.getPages()) {
                PDRectangle box = page.getMediaBox();
                assertThat(box.getWidth()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.5f));
                assertThat(box.getHeight()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(0.5f));
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo(d.title());
            assertThat(doc.getDocumentInformation().getCreator()).isEqualTo("Yinfeng");

            String all = squeeze(text(doc));
            List<String> expected = new ArrayList<>(List.of(
                    d.briefingName(),
                    d.issue(),
                    d.issuer(),
                    d.date(),
                    d.title(),
                    d.tableHeading(),
                    d.basis(),
                    d.chart().title(),
                    d.sentTo(),
                    d.copiedTo(),
                    d.printed(),
                    "—1—",
                    "—2—",
                    "—3—",
                    "—4—"));
            expected.addAll(d.paragraphs());
            expected.addAll(d.heads());
            for (BriefingDocument.Row r : d.rows()) {
                expected.addAll(r.cells());
            }
            expected.addAll(d.chart().categories());
            for (BigDecimal v : d.chart().values()) {
                expected.add(v.toPlainString());
            }
            // the text as it flows: without the page numbers that come between a page's last line and the next's first
            String flow = all.replaceAll("—\\d+—", "");
            for (String s : expected) {
                assertThat(s.startsWith("—") ? all : flow).as(s).contains(squeeze(s));
            }
            assertThat(all).doesNotContain("—5—");

            // the long paragraph runs from page 1 onto page 2
            String long3 = squeeze(d.paragraphs().get(2));
            String page1 = squeeze(pageText(doc, 1));
            String page2 = squeeze(pageText(doc, 2));
            assertThat(page1).contains(long3.substring(0, 20)).doesNotContain(long3.substring(long3.length() - 20));
            assertThat(page2).contains(long3.substring(long3.length() - 20));
            // the table's head row on each page the table runs onto
            String last = squeeze(pageText(doc, doc.getNumberOfPages()));
            assertThat(last).contains(d.printed());
        }
    }

    private static String pageText(PDDocument doc, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(doc);
    }

    @Test
    void aShortBriefingFitsOnOnePage() throws IOException {
        String only = "1-5月，离石区、文水县、交城县新签约项目22个，签约金额85.75亿元，同比增长12.3%，完成年度目标的39.0%。";
        BriefingDocument d = lvliang(List.of(only), 3);
        byte[] pdf = render(d, "short");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String all = squeeze(text(doc));
            assertThat(all)
                    .contains(
                            squeeze(only),
                            "合计",
                            "85.75",
                            "—1—",
                            d.printed(),
                            squeeze(d.sentTo()),
                            d.chart().title());
        }
    }

    @Test
    void englishWrapsAtSpacesAndKeepsItsWords() throws IOException {
        BriefingDocument d = english();
        byte[] pdf = render(d, "english");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            String words = text.replaceAll("\\s+", " ");
            assertThat(words).contains("hundred million yuan", "percentage points behind", d.sentTo(), d.printed());
            List<String> tokens = Arrays.asList(text.split("\\s+"));
            for (String p : d.paragraphs()) {
                for (String w : p.split(" ")) {
                    assertThat(tokens).as(w).contains(w);
                }
            }
            // the text, the table and the basis on page 1; the chart and the 报尾 on page 2
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
        }
    }

    @Test
    void noLineStartsWithPunctuationThatCloses() throws IOException {
        byte[] pdf = render(lvliang(PARAGRAPHS, UNITS.length), "lvliang");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (String line : text(doc).split("\\R")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    assertThat("。，、；：）」").as(l).doesNotContain(l.substring(0, 1));
                }
            }
        }
    }

    @Test
    void aLongTableRepeatsItsHeadRowOnEveryPage() throws IOException {
        BriefingDocument one = lvliang(List.of(PARAGRAPHS.get(0)), UNITS.length);
        List<BriefingDocument.Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.addAll(one.rows().subList(0, UNITS.length));
        }
        rows.add(one.rows().get(UNITS.length));
        BriefingDocument d = new BriefingDocument(
                one.briefingName(),
                one.issue(),
                one.issuer(),
                one.date(),
                one.title(),
                one.paragraphs(),
                one.tableHeading(),
                one.heads(),
                rows,
                one.basis(),
                one.chart(),
                one.sentTo(),
                one.copiedTo(),
                one.printed());
        byte[] pdf = render(d, "long-table");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int tablePages = 0;
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                String page = squeeze(pageText(doc, p));
                if (page.contains("离石区")) {
                    tablePages++;
                    assertThat(page).as("page " + p).contains("单位", "投产项");
                }
            }
            assertThat(tablePages).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aTrueTypeFileServesLatinTextAndRefusesChineseItLacks() throws IOException {
        Path dejavu = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(dejavu), "fonts-dejavu-core");
        PdfFonts latin = PdfFonts.configured("", dejavu.toString(), "");
        var out = new ByteArrayOutputStream();
        BriefingPdf.write(english(), latin, out);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(text(doc).replaceAll("\\s+", " ")).contains("hundred million yuan");
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
        }
        assertThatThrownBy(() -> BriefingPdf.write(lvliang(PARAGRAPHS, 3), latin, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DejaVu")
                .hasMessageContaining("U+");
    }

    @Test
    void noInstalledDefaultNamesThePackagesToInstall() {
        assertThatThrownBy(() -> PdfFonts.resolve("title", " ", List.of(Path.of("/no/such/uming.ttc"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fonts-arphic-uming")
                .hasMessageContaining("fonts-wqy-microhei")
                .hasMessageContaining("yinfeng.report.pdf.fonts.title");
    }

    @Test
    void aCharacterTheFontCannotDrawIsRefusedByName() {
        BriefingDocument d = lvliang(List.of("1-5月，全市签约形势良好😀，继续努力。"), 3);
        assertThatThrownBy(() -> BriefingPdf.write(d, fonts, new ByteArrayOutputStream()))
                .isInstanceOf(MissingGlyphException.class)
                .hasMessageContaining("😀")
                .hasMessageContaining("U+1F600")
                .hasMessageContaining("UMing");
    }

    @Test
    void aConfiguredFontFileThatIsMissingIsRefusedWithItsProperty() {
        assertThatThrownBy(() -> PdfFonts.configured("", "/no/such.ttf", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yinfeng.report.pdf.fonts.body")
                .hasMessageContaining("/no/such.ttf");
    }

    @Test
    void blankSettingsTakeTheInstalledDefaults() {
        assertThat(fonts.title()).isEqualTo(firstInstalled(PdfFonts.TITLE_CANDIDATES));
        assertThat(fonts.body()).isEqualTo(firstInstalled(PdfFonts.BODY_CANDIDATES));
        assertThat(fonts.heading()).isEqualTo(firstInstalled(PdfFonts.HEADING_CANDIDATES));
    }

    private static Path firstInstalled(List<Path> candidates) {
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow();
    }
}
