package cn.yinfeng.ledger.sheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Ledgers laid out the way a county clerk keeps them in Excel or WPS, cell by cell as a person would type them (not
 * our template, not our export): a 汇总 sheet in front, a title and a subtitle with the unit merged across, a header
 * of two rows with 投资额(万元) over 总投资 and 其中省外资金, 序号 first, an 产业链 merged down over three projects,
 * a blank separator row, a 合计 row of formulas and a footer with the clerk's and the reviewer's names.
 */
public final class ClerkLedgers {

    private ClerkLedgers() {}

    public static byte[] xlsx() {
        return write(new XSSFWorkbook());
    }

    public static byte[] xls() {
        return write(new HSSFWorkbook());
    }

    private static byte[] write(Workbook wb) {
        try (wb) {
            Sheet summary = wb.createSheet("汇总");
            Cells.row(summary, 0, "孝义市招商引资汇总表");
            Cells.row(summary, 1, "类别", "个数", "金额");
            Cells.row(summary, 2, "签约项目", "3", "66500");

            Sheet s = wb.createSheet("签约项目台账");
            Cells.row(s, 0, "孝义市2024年签约项目台账");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 9));
            Cells.row(s, 1, "填报单位:孝义市商务局                    单位:万元");
            s.addMergedRegion(new CellRangeAddress(1, 1, 0, 9));
            Cells.row(s, 2, "序号", "项目名称", "投资方", "产业链", "投资额(万元)", null, "项目进展", "包联领导", "责任单位", "备注");
            Cells.row(s, 3, null, null, null, null, "总投资", "其中省外资金");
            for (int c : new int[] {0, 1, 2, 3, 6, 7, 8, 9}) {
                s.addMergedRegion(new CellRangeAddress(2, 3, c, c));
            }
            s.addMergedRegion(new CellRangeAddress(2, 2, 4, 5));
            Row r = Cells.row(
                    s, 4, null, "年产5万吨氢能装备制造项目", "山东华能装备有限公司", "新能源", null, null, "已签约", "刘市长", "孝义市发改局", "2024年3月签约");
            Cells.number(r, 0, 1);
            Cells.number(r, 4, 50000);
            Cells.number(r, 5, 30000.5);
            r = Cells.row(s, 5, null, "光伏组件二期", "晋能光伏科技有限公司", null, null, null, "开工建设", "市委常委、副市长刘晋萍", "孝义市工信局", null);
            Cells.number(r, 0, 2);
            Cells.number(r, 4, 12000);
            Cells.number(r, 5, 0);
            r = Cells.row(s, 6, null, "储能电站", "北京远景储能有限公司", null, "4500", "4500", "正在洽谈", "王县长", null, null);
            Cells.number(r, 0, 3);
            s.addMergedRegion(new CellRangeAddress(4, 6, 3, 3));
            Cells.row(s, 7);
            r = Cells.row(s, 8, "合计");
            r.createCell(4).setCellFormula("SUM(E5:E7)");
            r.createCell(5).setCellFormula("SUM(F5:F7)");
            s.addMergedRegion(new CellRangeAddress(8, 8, 0, 3));
            Cells.row(s, 10, "填表人：张三", null, null, "审核人：李四", null, null, "联系电话：0358-7223456");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            var out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same ledger saved by Excel on Chinese Windows as "CSV (逗号分隔)": GBK, merged cells left empty. */
    public static byte[] csvGbk() {
        String text = """
                孝义市2024年签约项目台账,,,,,,,,,
                填报单位:孝义市商务局  单位:万元,,,,,,,,,
                序号,项目名称,投资方,产业链,投资额(万元),,项目进展,包联领导,责任单位,备注
                ,,,,总投资,其中省外资金,,,,
                1,年产5万吨氢能装备制造项目,山东华能装备有限公司,新能源,50000,30000.5,已签约,刘市长,孝义市发改局,2024年3月签约
                2,"光伏组件二期（含""储能""）",晋能光伏科技有限公司,,12000,0,开工建设,市委常委、副市长刘晋萍,孝义市工信局,
                3,储能电站,北京远景储能有限公司,,4500,4500,正在洽谈,王县长,,
                ,,,,,,,,,
                合计,,,,66500,34500.5,,,,
                ,,,,,,,,,
                填表人：张三,,,审核人：李四,,,联系电话：0358-7223456,,,
                """.replace("\n", "\r\n");
        return text.getBytes(Charset.forName("GBK"));
    }
}
