package cn.yinfeng.ledger.sheet;

import cn.yinfeng.enterprises.CreditCode;
import java.nio.charset.Charset;
import java.time.LocalDate;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The other ledgers a county office keeps, cell by cell as a clerk types them (not our template, not our export):
 * a 重点招商企业名录 in .xls behind a 汇总 sheet, amounts in 亿元; a 项目资金到位情况表 in .xlsx with 到位资金(万元)
 * over 本月 | 累计 and a project merged down over two months; a 外出招商活动台账 saved by Excel on Chinese Windows as
 * GBK CSV, 带队领导 over 姓名 | 职务 and the trip's days in one cell; a 客商来访接待台账 in .xlsx, 接待领导 over
 * 姓名 | 职务 merged down over two visits and head counts as people write them. Each has a title and a subtitle
 * merged across, 序号 first, a blank row, a 小计 or 合计 row and a footer with the clerk's and the reviewer's names.
 * None names its county in a column: the title does (孝义市).
 */
public final class ClerkKindLedgers {

    private ClerkKindLedgers() {}

    /** The registered unified social credit codes of the register's first and third firms. */
    public static final String PENGFEI_CODE = code("91141181MA0KPF12X");

    public static final String STORAGE_CODE = code("91110108MA01XGC3Q");

    /** The two projects whose funds the fund ledger reports (the IT registers them first, as the county had). */
    public static final String HYDROGEN = "孝义鹏飞氢能装备制造项目";

    public static final String SOLAR = "孝义华晟光储一体化项目";

    private static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    // ------------------------------------------------------------------ 企业名录 (.xls, 单位：亿元)

    public static byte[] enterprisesXls() {
        Workbook wb = new HSSFWorkbook();
        Sheet summary = wb.createSheet("汇总");
        Cells.row(summary, 0, "孝义市2023年重点招商引资企业汇总");
        Cells.row(summary, 1, "类别", "户数", "注册资本（亿元）");
        Cells.row(summary, 2, "新材料", "2", "1.25");
        Cells.row(summary, 3, "储能", "1", "0.8");

        Sheet s = wb.createSheet("企业名录");
        Cells.row(s, 0, "孝义市2023年重点招商引资企业名录");
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, 9));
        Cells.row(s, 1, "填报单位：孝义市投资促进中心                          单位：亿元");
        s.addMergedRegion(new CellRangeAddress(1, 1, 0, 9));
        Cells.row(s, 2, "序号", "企业名称", "统一社会信用代码", "注册资本", "所属行业", "企业总部", null, "联系人", null, "引进方式");
        Cells.row(s, 3, null, null, null, null, null, "省份", "城市", "姓名", "电话");
        for (int c : new int[] {0, 1, 2, 3, 4, 9}) {
            s.addMergedRegion(new CellRangeAddress(2, 3, c, c));
        }
        s.addMergedRegion(new CellRangeAddress(2, 2, 5, 6));
        s.addMergedRegion(new CellRangeAddress(2, 2, 7, 8));
        Row r = Cells.row(
                s, 4, null, "山西鹏飞新材料有限公司", PENGFEI_CODE, null, "新材料", "山西省", "太原市", "王建国", "13812345678", "以商招商");
        Cells.number(r, 0, 1);
        Cells.number(r, 3, 1.2);
        // no code yet: the clerk writes 无
        r = Cells.row(s, 5, null, "孝义市华晟商贸有限公司", "无", null, null, "山西省", "吕梁市", "李梅", "0358-7221234", "外出招商");
        Cells.number(r, 0, 2);
        Cells.number(r, 3, 0.05);
        s.addMergedRegion(new CellRangeAddress(4, 5, 4, 4)); // 新材料 over both
        Cells.row(s, 6);
        r = Cells.row(s, 7, "小计");
        s.addMergedRegion(new CellRangeAddress(7, 7, 0, 2));
        r.createCell(3).setCellFormula("SUM(D5:D6)");
        // typed with its own unit: 万元 wins over the sheet's 亿元
        r = Cells.row(
                s, 8, null, "北京中关村储能科技有限公司", STORAGE_CODE, "8000万元", "储能", "北京市", "北京市", "张伟", "13900001111", "中介推荐");
        Cells.number(r, 0, 3);
        r = Cells.row(s, 9, "合计");
        s.addMergedRegion(new CellRangeAddress(9, 9, 0, 2));
        Cells.number(r, 3, 2.05);
        Cells.row(s, 11, "填表人：赵敏", null, null, null, "审核人：孙强", null, null, "联系电话：0358-7221234");
        return Cells.bytes(wb);
    }

    // ------------------------------------------------------------------ 资金到位情况表 (.xlsx, 单位：万元)

    public static byte[] fundsXlsx() {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("到位资金");
        Cells.row(s, 0, "孝义市2023年一季度招商引资项目资金到位情况表");
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
        Cells.row(s, 1, "填报单位：孝义市投资促进中心                    单位：万元");
        s.addMergedRegion(new CellRangeAddress(1, 1, 0, 6));
        Cells.row(s, 2, "序号", "项目名称", "资金来源", "到位月份", "到位资金(万元)", null, "备注");
        Cells.row(s, 3, null, null, null, null, "本月", "累计");
        for (int c : new int[] {0, 1, 2, 3, 6}) {
            s.addMergedRegion(new CellRangeAddress(2, 3, c, c));
        }
        s.addMergedRegion(new CellRangeAddress(2, 2, 4, 5));
        Row r = Cells.row(s, 4, null, HYDROGEN, "国内省外", "2023年1月");
        Cells.number(r, 0, 1);
        Cells.number(r, 4, 1200);
        Cells.number(r, 5, 1200);
        r = Cells.row(s, 5, null, null, "境外", "2023年2月", null, null, "外资首笔");
        Cells.number(r, 0, 2);
        Cells.number(r, 4, 350.5);
        r.createCell(5).setCellFormula("F5+E6");
        s.addMergedRegion(new CellRangeAddress(4, 5, 1, 1)); // the project over its two months
        r = Cells.row(s, 6, "小计");
        s.addMergedRegion(new CellRangeAddress(6, 6, 0, 3));
        r.createCell(4).setCellFormula("SUM(E5:E6)");
        r = Cells.row(s, 7, null, SOLAR, "省外", "2023.3", "0.12亿", "1200");
        Cells.number(r, 0, 3);
        // an estimate, not a figure: the row is refused and says what to write
        r = Cells.row(s, 8, null, SOLAR, "省内市外", "2023年3月", "约300", null, "待核实");
        Cells.number(r, 0, 4);
        Cells.row(s, 9);
        r = Cells.row(s, 10, "合计");
        s.addMergedRegion(new CellRangeAddress(10, 10, 0, 3));
        r.createCell(4).setCellFormula("E7+E8");
        Cells.row(s, 12, "填表人：赵敏", null, "审核人：孙强", null, "联系电话：0358-7221234");
        return Cells.bytes(wb);
    }

    // ------------------------------------------------------------------ 外出招商活动台账 (GBK CSV)

    /** Saved by Excel on Chinese Windows as "CSV (逗号分隔)": GBK, merged cells left empty. */
    public static byte[] tripsCsvGbk() {
        String text = """
                孝义市2023年外出招商活动台账,,,,,,,,
                填报单位：孝义市投资促进中心,,,,,,,,
                序号,外出时间,招商事由,带队领导,,随行人员,考察地点,对接企业,活动成效
                ,,,姓名,职务,,,,
                1,2023.3.12-3.15,赴长三角开展新材料产业链招商,刘晋萍,副市长,王科长、李干事,上海、苏州,"上海华谊新材料有限公司、苏州纳微科技股份有限公司",达成投资意向2个
                2,2023年4月8日-10日,赴深圳对接电子信息企业,张明,商务局局长,李干事,深圳,深圳华星光电技术有限公司,
                3,2023年5月20日至5月18日,赴北京对接储能企业,张明,商务局局长,,北京,北京远景储能有限公司,
                ,,,,,,,,
                合计,共3次,,,,,,,
                填表人：赵敏,,审核人：孙强,,,联系电话：0358-7221234,,,
                """.replace("\n", "\r\n");
        return text.getBytes(Charset.forName("GBK"));
    }

    // ------------------------------------------------------------------ 客商来访接待台账 (.xlsx)

    public static byte[] delegationsXlsx() {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("来访接待");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
        Cells.row(s, 0, "孝义市2023年客商来访接待台账");
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
        Cells.row(s, 1, "填报单位：孝义市投资促进中心              统计时间：2023年5月—7月");
        s.addMergedRegion(new CellRangeAddress(1, 1, 0, 8));
        Cells.row(s, 2, "序号", "来访时间", "来访单位", "来访企业", "来访人数", "接待领导", null, "考察地点", "洽谈成果");
        Cells.row(s, 3, null, null, null, null, null, "姓名", "职务");
        for (int c : new int[] {0, 1, 2, 3, 4, 7, 8}) {
            s.addMergedRegion(new CellRangeAddress(2, 3, c, c));
        }
        s.addMergedRegion(new CellRangeAddress(2, 2, 5, 6));
        Row r = Cells.row(
                s, 4, null, null, "山东华能集团考察团", "山东华能装备有限公司", null, "刘晋萍", "副市长", "孝义经济技术开发区、梧桐新材料园区", "签订合作框架协议");
        Cells.number(r, 0, 1);
        r.createCell(1).setCellValue(LocalDate.of(2023, 5, 18));
        r.getCell(1).setCellStyle(date);
        Cells.number(r, 4, 12);
        r = Cells.row(s, 5, null, "2023年6月3日", "北京远景储能考察团", "北京远景储能有限公司、远景能源有限公司", "十二人", null, null, "孝义市储能产业园");
        Cells.number(r, 0, 2);
        s.addMergedRegion(new CellRangeAddress(4, 5, 5, 5)); // one host received both
        s.addMergedRegion(new CellRangeAddress(4, 5, 6, 6));
        r = Cells.row(s, 6, null, "2023.6.20", "深圳客商联谊考察团", "深圳比亚迪股份有限公司", "五十余人", "张明", "商务局局长", "孝义市新能源汽车产业园");
        Cells.number(r, 0, 3);
        r = Cells.row(s, 7, null, "2023.7.2", "太原重工考察团", "太原重工股份有限公司", null, "张明", "商务局局长", "孝义市装备制造园");
        Cells.number(r, 0, 4);
        Cells.row(s, 8);
        r = Cells.row(s, 9, "合计");
        s.addMergedRegion(new CellRangeAddress(9, 9, 0, 3));
        r.createCell(4).setCellFormula("SUM(E5:E8)");
        Cells.row(s, 11, "填表人：赵敏", null, null, "审核人：孙强");
        return Cells.bytes(wb);
    }

    // ------------------------------------------------------------------ cells

}
