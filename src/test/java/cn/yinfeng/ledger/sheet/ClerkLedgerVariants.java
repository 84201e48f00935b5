package cn.yinfeng.ledger.sheet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * More ledgers as county offices keep them, typed cell by cell: a 推进表 whose amount column is called 投资规模 (a
 * name no template uses, so the user maps it once), the same office's later sheet that fills only what changed, and a
 * city office's list with no region column and a title that names no county.
 */
public final class ClerkLedgerVariants {

    /** 山东鲁达铸造 (registered in 济南) and a company registered in 孝义 itself. */
    public static final String SHANDONG_CODE = "91370100MA3C5T2X1D";

    public static final String XIAOYI_CODE = "91141181MA0K7PQ30J";

    private ClerkLedgerVariants() {}

    /**
     * 孝义市2025年重点招商项目推进表: 投资规模（万元） for the total, 资金来源 and 项目类型 not kept at all, a 合计 row and
     * the footer. {@code suffix} keeps the names of one test's projects apart from another's.
     */
    public static byte[] scaleColumn(String suffix) {
        return scaleColumn("孝义市", suffix, "山东鲁达铸造有限公司", SHANDONG_CODE, XIAOYI_CODE);
    }

    /**
     * {@link #scaleColumn(String)} as another county's office keeps it ({@code county} in its title), with its own
     * investors (one registered in another province, one in the county).
     */
    public static byte[] scaleColumn(
            String county, String suffix, String outOfProvinceInvestor, String outOfProvinceCode, String localCode) {
        return write(wb -> {
            Sheet s = wb.createSheet("推进表");
            Cells.row(s, 0, county + "2025年重点招商项目推进表");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
            Cells.row(s, 1, "序号", "项目名称", "投资方", "统一社会信用代码", "投资规模（万元）", "项目进展", "签约时间", "备注");
            Row r = Cells.row(
                    s,
                    2,
                    null,
                    "高端铸造产业园" + suffix,
                    outOfProvinceInvestor,
                    outOfProvinceCode,
                    null,
                    "正在洽谈",
                    null,
                    "省外客商，刘市长带队对接");
            Cells.number(r, 0, 1);
            Cells.number(r, 4, 8000);
            r = Cells.row(s, 3, null, "文旅康养小镇" + suffix, county + "城投文旅有限公司", localCode, null, "谋划中", null, null);
            Cells.number(r, 0, 2);
            Cells.number(r, 4, 25000);
            r = Cells.row(s, 4, null, "农产品冷链物流园" + suffix, "晋中某物流企业（洽谈中）", null, null, "正在洽谈", null, "信用代码待企业提供");
            Cells.number(r, 0, 3);
            Cells.number(r, 4, 3200);
            r = Cells.row(s, 5, "合计");
            r.createCell(4).setCellFormula("SUM(E3:E5)");
            Cells.row(s, 7, "填表人：王芳", null, null, "审核人：赵局长", null, "报送日期：2025年4月3日");
            return s;
        });
    }

    /**
     * The same office's sheet a month later: only the figures that changed are filled in — 总投资 of the foundry
     * rose, it was signed (with its date), the 签约金额 cell is left blank; the 康养小镇 row has only its name.
     */
    public static byte[] laterSheet(String suffix, String signedOn, String total, String contract) {
        return write(wb -> {
            Sheet s = wb.createSheet("Sheet1");
            Cells.row(s, 0, "孝义市重点招商项目推进表（5月更新）");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
            Cells.row(s, 1, "填报单位：孝义市投资促进中心                单位：万元");
            s.addMergedRegion(new CellRangeAddress(1, 1, 0, 6));
            Cells.row(s, 2, "序号", "项目名称", "投资方", "统一社会信用代码", "总投资", "签约金额", "项目进展", "签约日期");
            Cells.row(s, 3, "1", "高端铸造产业园" + suffix, "鲁达铸造", SHANDONG_CODE, total, contract, "已签约", signedOn);
            Cells.row(s, 4, "2", "文旅康养小镇" + suffix);
            return s;
        });
    }

    /** The city bureau's own list of leads: no region column, a title that names no county. */
    public static byte[] cityLeads(String suffix) {
        return write(wb -> {
            Sheet s = wb.createSheet("在谈项目");
            Cells.row(s, 0, "全市在谈项目清单");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
            Cells.row(s, 1, "序号", "项目名称", "投资方", "总投资（亿元）", "项目进展");
            Cells.row(s, 2, "1", "煤层气综合利用" + suffix, "华北某能源集团", "1.2", "正在洽谈");
            Cells.row(s, 3, "2", "锂电材料基地" + suffix, "某新能源科技公司", "3", "在谈");
            return s;
        });
    }

    private interface Filler {
        Sheet fill(Workbook wb);
    }

    private static byte[] write(Filler filler) {
        Workbook wb = new XSSFWorkbook();
        filler.fill(wb);
        return Cells.bytes(wb);
    }
}
