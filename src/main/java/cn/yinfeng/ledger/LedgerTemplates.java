package cn.yinfeng.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import org.dhatim.fastexcel.Workbook;

/** The import template of each kind, as counties download it from the ledger page. */
final class LedgerTemplates {

    private LedgerTemplates() {}

    /**
     * The template of a kind: Chinese headers (required ones marked *), pick lists from an options sheet as data
     * validation, and an instructions sheet.
     */
    static void write(RowHandler handler, OutputStream out) throws IOException {
        ImportKind kind = handler.kind();
        var columns = handler.columns();
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet(sheetName(kind));
        var lists = wb.newWorksheet("选项");
        for (int c = 0; c < columns.size(); c++) {
            ws.value(0, c, columns.get(c).header() + (columns.get(c).required() ? "*" : ""));
            ws.width(c, 16);
        }
        ws.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("FDE2E1").set();
        int listColumn = 0;
        for (int c = 0; c < columns.size(); c++) {
            var options = columns.get(c).options();
            if (options.isEmpty()) {
                continue;
            }
            lists.value(0, listColumn, columns.get(c).header());
            for (int j = 0; j < options.size(); j++) {
                lists.value(j + 1, listColumn, options.get(j));
            }
            ws.range(1, c, 5000, c).validateWithList(lists.range(1, listColumn, options.size(), listColumn));
            listColumn++;
        }
        var help = wb.newWorksheet("填写说明");
        var lines = new ArrayList<String>();
        lines.add("带 * 的列必填。列的顺序可以调整，表头上方可以有标题行，常见的表头写法和全角字符都能识别。");
        lines.addAll(handler.instructions());
        lines.add("上传后先预览：逐行显示将新增、将更新、无变化和被拒绝的行及原因，确认后一次性提交（全部写入或全部不写）。");
        lines.add("只能导入本人管辖区域的数据；写了其他县区的行会被逐行拒绝。");
        for (int i = 0; i < lines.size(); i++) {
            help.value(i, 0, lines.get(i));
        }
        help.width(0, 110);
        wb.finish();
    }

    static String sheetName(ImportKind kind) {
        return switch (kind) {
            case PROJECTS -> "项目台账";
            case ENTERPRISES -> "企业库";
            case FUNDS -> "到位资金";
            case TRIPS -> "外出招商";
            case DELEGATIONS -> "接待考察";
            case ACTUALS -> "履约实际";
        };
    }
}
