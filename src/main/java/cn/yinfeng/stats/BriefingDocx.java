package cn.yinfeng.stats;

import cn.yinfeng.common.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
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

/**
 * The monthly 简报 as a Word document in the layout of GB/T 9704 (党政机关公文格式): A4, margins 37 mm top, 35 mm
 * bottom, 28 mm left, 26 mm right; the 报头 (the briefing's name in red, 期号, issuing unit and date) over a red rule;
 * the title in 二号 (22 pt) 小标宋-style type, the body in 三号 (16 pt) 仿宋-style type; the figures as a table; the
 * 报尾 with 报送, 抄送 and the print date between two rules. Fonts are named in configuration (the reader's machine
 * substitutes what it has). Everything comes from one {@link MonthlyReport.Report}, built from a publication's
 * frozen figures.
 */
final class BriefingDocx {

    /** Fonts and the units named in the 报头 and 报尾. */
    record Settings(
            String titleFont,
            String bodyFont,
            String headingFont,
            String briefingName,
            String issuer,
            String sentTo,
            String copiedTo) {}

    private static final String RED = "C00000";
    /** Twips per millimetre (1 inch = 1440 twips = 25.4 mm). */
    private static final double TWIPS_PER_MM = 1440 / 25.4;

    private BriefingDocx() {}

    static void write(MonthlyReport.Report report, int issue, Instant printedAt, Settings s, OutputStream out)
            throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            page(doc);
            String region = report.region().name();
            String issuer = s.issuer().replace("{region}", region);

            // 报头: the briefing's name in red, the issue, the unit and date, then the red rule
            XWPFParagraph name = centred(doc);
            run(name, s.briefingName(), s.titleFont(), 36, true).setColor(RED);
            XWPFParagraph number = centred(doc);
            run(number, "第" + issue + "期", s.bodyFont(), 16, false);
            XWPFParagraph unit = doc.createParagraph();
            unit.setAlignment(ParagraphAlignment.BOTH);
            run(unit, issuer, s.bodyFont(), 16, false);
            run(unit, "\t" + Times.format(printedAt, "yyyy年M月d日"), s.bodyFont(), 16, false);
            rightTab(unit);
            rule(unit, RED, true, 12);

            // title and body
            XWPFParagraph title = centred(doc);
            title.setSpacingBefore((int) mm(4));
            run(title, title(report), s.titleFont(), 22, false);
            for (String para : report.briefing().split("\n")) {
                XWPFParagraph p = doc.createParagraph();
                p.setIndentationFirstLine(640); // two characters of 三号
                p.setSpacingBetween(28, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
                run(p, para, s.bodyFont(), 16, false);
            }
            XWPFParagraph heading = doc.createParagraph();
            heading.setIndentationFirstLine(640);
            run(
                    heading,
                    "附：" + region + report.year() + "年1-" + report.month() + "月招商引资工作进展情况表",
                    s.headingFont(),
                    16,
                    false);
            table(doc, report, s);
            XWPFParagraph basis = doc.createParagraph();
            run(
                    basis,
                    "数据口径：经市级审核通过的项目，截至 " + Times.format(report.asOf(), "yyyy-MM-dd HH:mm") + "；金额单位：亿元；认定规则第 "
                            + report.ruleVersion() + " 版。",
                    s.bodyFont(),
                    10,
                    false);

            // 报尾
            XWPFParagraph sent = doc.createParagraph();
            sent.setSpacingBefore((int) mm(10));
            rule(sent, "000000", false, 8);
            run(sent, "报送：" + s.sentTo(), s.bodyFont(), 14, false);
            XWPFParagraph copied = doc.createParagraph();
            run(copied, "抄送：" + s.copiedTo(), s.bodyFont(), 14, false);
            XWPFParagraph printed = doc.createParagraph();
            printed.setAlignment(ParagraphAlignment.BOTH);
            run(printed, issuer, s.bodyFont(), 14, false);
            run(printed, "\t" + Times.format(printedAt, "yyyy年M月d日") + "印发", s.bodyFont(), 14, false);
            rightTab(printed);
            rule(printed, "000000", true, 8);
            doc.write(out);
        }
    }

    static String title(MonthlyReport.Report report) {
        return report.region().name() + report.year() + "年1-" + report.month() + "月招商引资工作进展情况";
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
        tab.setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc.RIGHT);
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

    private static final String[] HEADS = {
        "单位", "签约项目（个）", "签约金额", "亿元以上项目（个）", "到位资金", "开工（个）", "投产（个）", "履约率", "开工率", "签约金额同比", "年度目标", "完成率"
    };

    private static void table(XWPFDocument doc, MonthlyReport.Report report, Settings s) {
        List<MonthlyReport.Row> rows = report.rows();
        XWPFTable t = doc.createTable(rows.size() + 1, HEADS.length);
        t.setWidth("100%");
        for (int c = 0; c < HEADS.length; c++) {
            cell(t.getRow(0), c, HEADS[c], s.headingFont(), true);
        }
        for (int i = 0; i < rows.size(); i++) {
            MonthlyReport.Row row = rows.get(i);
            var v = row.values();
            String[] cells = {
                row.total() ? "合计" : row.regionName(),
                MonthlyReport.count(v.get("SIGNED_COUNT")),
                yi(v.get("SIGNED_AMOUNT")),
                MonthlyReport.count(v.get("SIGNED_1YI_COUNT")),
                yi(v.get("FUNDS")),
                MonthlyReport.count(v.get("STARTED_COUNT")),
                MonthlyReport.count(v.get("PRODUCING_COUNT")),
                percent(v.get("PERFORMANCE_RATE")),
                percent(v.get("START_RATE")),
                percent(row.signedAmountYoy()),
                row.signedAmountTarget() == null ? "—" : yi(row.signedAmountTarget()),
                percent(row.signedAmountCompletion())
            };
            for (int c = 0; c < cells.length; c++) {
                cell(t.getRow(i + 1), c, cells[c], s.bodyFont(), row.total());
            }
        }
    }

    private static void cell(XWPFTableRow row, int c, String text, String font, boolean bold) {
        XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
        p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
        run(p, text, font, 9, bold);
    }

    /** 万元 as 亿元 with two decimals, as the report's table shows them. */
    static String yi(BigDecimal wan) {
        return wan == null
                ? "0.00"
                : wan.movePointLeft(4).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String percent(BigDecimal rate) {
        return rate == null
                ? "—"
                : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
