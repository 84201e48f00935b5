package cn.yinfeng.ledger.sheet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The sheet the city sends round each year and counties fill, cell by cell as a clerk types it: a 签约项目履约情况
 * 统计表 with its title and unit line merged across, 序号 first, the project by name, the year written "2026年",
 * amounts as numbers, with thousands separators or in 亿, jobs as "420人", an estimate the clerk has not confirmed,
 * a row for last year (closed by now), a blank row, a 合计 row with its formulas and the footer with the clerk's and
 * the reviewer's names. Not our template: its headers are the county's (完成投资, 实缴税金, 用工人数).
 */
public final class ClerkActualLedger {

    private ClerkActualLedger() {}

    public static final String STEEL = "孝义精密铸锻产业园项目";

    public static final String BATTERY = "孝义钠电池储能材料项目";

    /** @param year the year reported (this year, open); {@code year - 1} is closed by now */
    public static byte[] xlsx(int year) {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("履约情况");
        Cells.row(s, 0, "孝义市" + year + "年度签约项目履约情况统计表");
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
        Cells.row(s, 1, "填报单位：孝义市投资促进中心（盖章）                    单位：万元、人");
        s.addMergedRegion(new CellRangeAddress(1, 1, 0, 7));
        Cells.row(s, 2, "序号", "项目名称", "年度", "完成投资（万元）", "产值（万元）", "实缴税金（万元）", "用工人数", "备注");
        Row r = Cells.row(s, 3, null, STEEL, year + "年", null, null, null, "420人", "一期投产");
        Cells.number(r, 0, 1);
        Cells.number(r, 3, 52000);
        Cells.number(r, 4, 18500.5);
        Cells.number(r, 5, 640.25);
        r = Cells.row(s, 4, null, BATTERY, year + "年", "1.2亿", "3,600", null, null, "税收未入库");
        Cells.number(r, 0, 2);
        // an estimate: refused, saying what to write
        r = Cells.row(s, 5, null, BATTERY + "（二期）", year + "年", "约3000", null, null, null, "待核实");
        Cells.number(r, 0, 3);
        // last year's figure sent late: the year is closed, the county cannot change it
        r = Cells.row(s, 6, null, STEEL, (year - 1) + "年", "30000", null, null, null, "补报");
        Cells.number(r, 0, 4);
        Cells.row(s, 7);
        r = Cells.row(s, 8, "合计");
        s.addMergedRegion(new CellRangeAddress(8, 8, 0, 2));
        r.createCell(3).setCellFormula("SUM(D4:D7)");
        r.createCell(4).setCellFormula("SUM(E4:E7)");
        Cells.row(s, 10, "填表人：赵敏", null, null, "审核人：孙强", null, null, "填报日期：" + year + "年12月5日");
        return Cells.bytes(wb);
    }
}
