package cn.yinfeng.stats;

import cn.yinfeng.common.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The monthly report as an xlsx workbook in the layout offices send: the title, two header rows with merged groups,
 * one row per unit with the report's number formats, the paragraph and the basis under the table, and the page set
 * for print.
 */
final class ReportWorkbook {

    private ReportWorkbook() {}

    /**
     * The sheet prints as offices send it: A4 landscape, every column on one page wide, the two header rows on each
     * page, the region and period at the top, and the print time (local) and "第 x 页，共 y 页" at the foot.
     */
    static void printSetup(Worksheet ws, MonthlyReport.Report report, Instant printedAt) {
        ws.paperSize(PaperSize.A4_PAPER);
        ws.pageOrientation("landscape");
        ws.fitToWidth((short) 1);
        ws.fitToHeight((short) 0);
        ws.repeatRows(1, 2);
        ws.leftMargin(0.4f);
        ws.rightMargin(0.4f);
        ws.topMargin(0.7f);
        ws.bottomMargin(0.7f);
        ws.header(
                report.region().name() + " " + report.year() + "年1-" + report.month() + "月", Position.CENTER, "宋体", 10);
        ws.footer("打印于 " + Times.format(printedAt, "yyyy-MM-dd HH:mm"), Position.LEFT, "宋体", 9);
        ws.footer("第 &P 页，共 &N 页", Position.RIGHT, "宋体", 9);
    }

    /** Writes the workbook; {@code printedAt} goes into the print footer. */
    static void write(MonthlyReport.Report report, Instant printedAt, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        Worksheet ws = wb.newWorksheet("1-" + report.month() + "月");
        String title = report.region().name() + report.year() + "年1-" + report.month() + "月招商引资工作进展情况表";
        ws.value(0, 0, title);
        ws.range(0, 0, 0, 11).merge();
        ws.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
        String[][] groups = {
            {"单位", "0", "0"},
            {"签约情况", "1", "3"},
            {"到位资金", "4", "4"},
            {"项目落地", "5", "6"},
            {"履约情况", "7", "8"},
            {"同比与目标", "9", "11"}
        };
        for (String[] g : groups) {
            int c1 = Integer.parseInt(g[1]);
            int c2 = Integer.parseInt(g[2]);
            ws.value(1, c1, g[0]);
            if (c2 > c1) {
                ws.range(1, c1, 1, c2).merge();
            }
        }
        ws.range(1, 0, 2, 0).merge();
        String[] heads = {
            "",
            "签约项目数（个）",
            "签约金额（亿元）",
            "亿元以上项目（个）",
            "到位资金（亿元）",
            "开工项目（个）",
            "投产项目（个）",
            "履约率",
            "开工率",
            "签约金额同比",
            "签约金额年度目标（亿元）",
            "目标完成率"
        };
        for (int c = 1; c < heads.length; c++) {
            ws.value(2, c, heads[c]);
        }
        ws.range(1, 0, 2, 11)
                .style()
                .bold()
                .horizontalAlignment("center")
                .wrapText(true)
                .fillColor("F2F2F2")
                .borderStyle("thin")
                .set();
        int r = 3;
        for (MonthlyReport.Row row : report.rows()) {
            var v = row.values();
            ws.value(r, 0, row.total() ? "合计" : row.regionName());
            ws.value(r, 1, v.get("SIGNED_COUNT"));
            ws.value(r, 2, v.get("SIGNED_AMOUNT").movePointLeft(4));
            ws.value(r, 3, v.get("SIGNED_1YI_COUNT"));
            ws.value(r, 4, v.get("FUNDS").movePointLeft(4));
            ws.value(r, 5, v.get("STARTED_COUNT"));
            ws.value(r, 6, v.get("PRODUCING_COUNT"));
            if (v.get("PERFORMANCE_RATE") != null) {
                ws.value(r, 7, v.get("PERFORMANCE_RATE"));
            }
            if (v.get("START_RATE") != null) {
                ws.value(r, 8, v.get("START_RATE"));
            }
            if (row.signedAmountYoy() != null) {
                ws.value(r, 9, row.signedAmountYoy());
            }
            if (row.signedAmountTarget() != null) {
                ws.value(r, 10, row.signedAmountTarget().movePointLeft(4));
            }
            if (row.signedAmountCompletion() != null) {
                ws.value(r, 11, row.signedAmountCompletion());
            }
            ws.range(r, 2, r, 2).style().format("0.00").set();
            ws.range(r, 4, r, 4).style().format("0.00").set();
            ws.range(r, 10, r, 10).style().format("0.00").set();
            ws.range(r, 7, r, 9).style().format("0.0%").set();
            ws.range(r, 11, r, 11).style().format("0.0%").set();
            if (row.total()) {
                ws.range(r, 0, r, 11).style().bold().set();
            }
            r++;
        }
        ws.value(r + 1, 0, report.briefing());
        ws.range(r + 1, 0, r + 1, 11).merge();
        ws.value(r + 2, 0, "数据口径：经市级审核通过的项目，截至 " + Times.format(report.asOf(), "yyyy-MM-dd HH:mm") + "；金额单位亿元。");
        ws.range(r + 2, 0, r + 2, 11).merge();
        ws.width(0, 22);
        for (int c = 1; c <= 11; c++) {
            ws.width(c, 13);
        }
        ws.freezePane(1, 3);
        printSetup(ws, report, printedAt);
        wb.finish();
    }
}
