package cn.yinfeng.briefing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.Units;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPBdr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;

/**
 * The monthly 简报 as a Word document in the layout of GB/T 9704 (党政机关公文格式): A4, margins 37 mm top, 35 mm
 * bottom, 28 mm left, 26 mm right; the 报头 (the briefing's name in red, 期号, issuing unit and date) over a red rule;
 * the title in 二号 (22 pt) 小标宋-style type, the body in 三号 (16 pt) 仿宋-style type; the figures as a table and as a
 * native Word bar chart whose data sits in its embedded workbook (editable in Word and WPS); the 报尾 with 报送, 抄送
 * and the print date between two rules. Fonts are named in configuration (the reader's machine substitutes what it
 * has). Everything comes from one {@link BriefingDocument}.
 */
final class BriefingDocx {

    private static final String RED = "C00000";
    /** Twips per millimetre (1 inch = 1440 twips = 25.4 mm). */
    private static final double TWIPS_PER_MM = 1440 / 25.4;

    private BriefingDocx() {}

    static void write(BriefingDocument d, BriefingDocument.Fonts fonts, OutputStream out) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            page(doc);

            // 报头: the briefing's name in red, the issue, the unit and date, then the red rule
            XWPFParagraph name = centred(doc);
            run(name, d.briefingName(), fonts.title(), 36, true).setColor(RED);
            XWPFParagraph number = centred(doc);
            run(number, d.issue(), fonts.body(), 16, false);
            XWPFParagraph unit = doc.createParagraph();
            unit.setAlignment(ParagraphAlignment.BOTH);
            run(unit, d.issuer() + "\t" + d.date(), fonts.body(), 16, false);
            rightTab(unit);
            rule(unit, RED, true, 12);

            // title and body
            XWPFParagraph title = centred(doc);
            title.setSpacingBefore((int) mm(4));
            run(title, d.title(), fonts.title(), 22, false);
            for (String para : d.paragraphs()) {
                XWPFParagraph p = doc.createParagraph();
                p.setIndentationFirstLine(640); // two characters of 三号
                p.setSpacingBetween(28, LineSpacingRule.EXACT);
                run(p, para, fonts.body(), 16, false);
            }
            chart(doc, d.chart(), fonts);
            XWPFParagraph heading = doc.createParagraph();
            heading.setIndentationFirstLine(640);
            run(heading, d.tableHeading(), fonts.heading(), 16, false);
            table(doc, d, fonts);
            XWPFParagraph basis = doc.createParagraph();
            run(basis, d.basis(), fonts.body(), 10, false);

            // 报尾
            XWPFParagraph sent = doc.createParagraph();
            sent.setSpacingBefore((int) mm(10));
            rule(sent, "000000", false, 8);
            run(sent, d.sentTo(), fonts.body(), 14, false);
            XWPFParagraph copied = doc.createParagraph();
            run(copied, d.copiedTo(), fonts.body(), 14, false);
            XWPFParagraph printed = doc.createParagraph();
            printed.setAlignment(ParagraphAlignment.BOTH);
            run(printed, d.issuer() + "\t" + d.printed(), fonts.body(), 14, false);
            rightTab(printed);
            rule(printed, "000000", true, 8);
            doc.write(out);
        }
    }

    /**
     * A column chart of the document's chart data: the categories and values written to the chart's embedded
     * workbook and referenced from the series, so "edit data" in Word or WPS opens them.
     */
    private static void chart(XWPFDocument doc, BriefingDocument.Chart c, BriefingDocument.Fonts fonts)
            throws IOException {
        XWPFParagraph caption = centred(doc);
        run(caption, c.title(), fonts.heading(), 14, false);
        XWPFChart chart;
        try {
            chart = doc.createChart(Units.toEMU(440), Units.toEMU(250));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        int n = c.categories().size();
        XSSFSheet sheet;
        try {
            sheet = chart.getWorkbook().getSheetAt(0);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        sheet.createRow(0).createCell(1).setCellValue(c.seriesName());
        for (int i = 0; i < n; i++) {
            var row = sheet.createRow(i + 1);
            row.createCell(0).setCellValue(c.categories().get(i));
            row.createCell(1).setCellValue(c.values().get(i).doubleValue()); // a workbook cell holds a double
        }
        XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromArray(
                c.categories().toArray(new String[0]), chart.formatRange(new CellRangeAddress(1, n, 0, 0)), 0);
        XDDFNumericalDataSource<BigDecimal> values = XDDFDataSourcesFactory.fromArray(
                c.values().toArray(new BigDecimal[0]), chart.formatRange(new CellRangeAddress(1, n, 1, 1)), 1);
        XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
        left.setCrosses(AxisCrosses.AUTO_ZERO);
        left.setCrossBetween(AxisCrossBetween.BETWEEN);
        XDDFChartData data = chart.createData(ChartTypes.BAR, bottom, left);
        data.setVaryColors(false);
        XDDFChartData.Series series = data.addSeries(categories, values);
        series.setTitle(c.seriesName(), new CellReference(sheet.getSheetName(), 0, 1, true, true));
        series.setShapeProperties(fill("C00000"));
        ((XDDFBarChartData) data).setBarDirection(BarDirection.COL);
        chart.plot(data);
    }

    private static XDDFShapeProperties fill(String rgb) {
        var props = new XDDFShapeProperties();
        props.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(hex(rgb))));
        return props;
    }

    private static byte[] hex(String rgb) {
        return new byte[] {
            (byte) Integer.parseInt(rgb.substring(0, 2), 16),
            (byte) Integer.parseInt(rgb.substring(2, 4), 16),
            (byte) Integer.parseInt(rgb.substring(4, 6), 16)
        };
    }

    private static long mm(double mm) {
        return Math.round(mm * TWIPS_PER_MM);
    }

    private static void page(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906)); // A4, 210 mm
        size.setH(BigInteger.valueOf(16838)); // 297 mm
        CTPageMar margins = sect.addNewPgMar();
        margins.setTop(BigInteger.valueOf(mm(37)));
        margins.setBottom(BigInteger.valueOf(mm(35)));
        margins.setLeft(BigInteger.valueOf(mm(28)));
        margins.setRight(BigInteger.valueOf(mm(26)));
        margins.setHeader(BigInteger.valueOf(mm(15)));
        margins.setFooter(BigInteger.valueOf(mm(28)));
    }

    private static XWPFParagraph centred(XWPFDocument doc) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        return p;
    }

    private static XWPFRun run(XWPFParagraph p, String text, String font, int points, boolean bold) {
        XWPFRun r = p.createRun();
        String[] parts = text.split("\t", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                r.addTab();
            }
            r.setText(parts[i], i);
        }
        r.setFontFamily(font);
        r.getCTR().getRPr().getRFontsArray(0).setEastAsia(font);
        r.setFontSize(points);
        r.setBold(bold);
        return r;
    }

    /** A right-aligned tab at the right margin (the date at the end of the unit's line). */
    private static void rightTab(XWPFParagraph p) {
        var ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        var tab = (ppr.isSetTabs() ? ppr.getTabs() : ppr.addNewTabs()).addNewTab();
        tab.setPos(BigInteger.valueOf(mm(156)));
        tab.setVal(STTabJc.RIGHT);
    }

    /** A rule under ({@code below}) or over the paragraph, in eighths of a point. */
    private static void rule(XWPFParagraph p, String colour, boolean below, int eighths) {
        var ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        CTPBdr borders = ppr.isSetPBdr() ? ppr.getPBdr() : ppr.addNewPBdr();
        CTBorder b = below ? borders.addNewBottom() : borders.addNewTop();
        b.setVal(STBorder.SINGLE);
        b.setSz(BigInteger.valueOf(eighths));
        b.setSpace(BigInteger.valueOf(4));
        b.setColor(colour);
    }

    private static void table(XWPFDocument doc, BriefingDocument d, BriefingDocument.Fonts fonts) {
        List<BriefingDocument.Row> rows = d.rows();
        XWPFTable t = doc.createTable(rows.size() + 1, d.heads().size());
        t.setWidth("100%");
        t.getRow(0).setRepeatHeader(true);
        for (int c = 0; c < d.heads().size(); c++) {
            cell(t.getRow(0), c, d.heads().get(c), fonts.heading(), true);
        }
        for (int i = 0; i < rows.size(); i++) {
            BriefingDocument.Row row = rows.get(i);
            for (int c = 0; c < row.cells().size(); c++) {
                cell(t.getRow(i + 1), c, row.cells().get(c), fonts.body(), row.total());
            }
        }
    }

    private static void cell(XWPFTableRow row, int c, String text, String font, boolean bold) {
        XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
        p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
        run(p, text, font, 9, bold);
    }
}
