package cn.yinfeng.ledger.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

/** The clerk's file comes back in its own layout with a 导入结果 column; nothing of theirs is lost. */
class AnnotatedCopyTest {

    private static final Map<Integer, String> RESULTS =
            Map.of(5, "新增", 6, "拒绝：包联领导：找不到“市委常委、副市长刘晋萍”", 7, "无变化", 9, "跳过（合计行）", 11, "跳过（表尾）");

    @Test
    void xlsxKeepsTitleMergesFormulasAndTheSummarySheet() throws Exception {
        byte[] copy = AnnotatedCopy.of(ClerkLedgers.xlsx(), 1, 10, "导入结果", 3, RESULTS, List.of());
        try (var wb = WorkbookFactory.create(new ByteArrayInputStream(copy))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getSheetAt(0).getRow(2).getCell(2).getStringCellValue())
                    .isEqualTo("66500");
            Sheet s = wb.getSheetAt(1);
            assertClerkLayoutKept(s);
            assertThat(s.getRow(8).getCell(4).getCellFormula()).isEqualTo("SUM(E5:E7)");
        }
        // and it reads again like the original, with one column more
        var reader = LedgerFiles.open(copy, Limits.DEFAULT);
        assertThat(reader.read(1).rows().get(4).cell(10)).isEqualTo("新增");
    }

    @Test
    void xlsGetsACommentOnTheCellWithTheProblem() throws Exception {
        byte[] copy = AnnotatedCopy.of(
                ClerkLedgers.xls(),
                1,
                10,
                "导入结果",
                3,
                RESULTS,
                List.of(new AnnotatedCopy.CellNote(6, 7, "系统中没有这位包联领导，请填写领导账号的姓名。")));
        try (var wb = WorkbookFactory.create(new ByteArrayInputStream(copy))) {
            Sheet s = wb.getSheetAt(1);
            assertClerkLayoutKept(s);
            assertThat(s.getRow(5).getCell(7).getCellComment().getString().getString())
                    .isEqualTo("系统中没有这位包联领导，请填写领导账号的姓名。");
            assertThat(s.getRow(5).getCell(7).getStringCellValue()).isEqualTo("市委常委、副市长刘晋萍");
        }
    }

    @Test
    void csvKeepsItsEncodingAndGainsAColumn() {
        byte[] copy = AnnotatedCopy.of(ClerkLedgers.csvGbk(), 0, 10, "导入结果", 3, RESULTS, List.of());
        String text = new String(copy, Charset.forName("GBK"));
        assertThat(text).startsWith("孝义市2024年签约项目台账");
        String[] lines = text.split("\r\n");
        assertThat(lines[2]).endsWith(",备注,导入结果");
        assertThat(lines[4]).isEqualTo("1,年产5万吨氢能装备制造项目,山东华能装备有限公司,新能源,50000,30000.5,已签约,刘市长,孝义市发改局," + "2024年3月签约,新增");
        assertThat(lines[5]).contains("\"光伏组件二期（含\"\"储能\"\"）\"").endsWith(",拒绝：包联领导：找不到“市委常委、副市长刘晋萍”");
    }

    private static void assertClerkLayoutKept(Sheet s) {
        assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("孝义市2024年签约项目台账");
        assertThat(s.getMergedRegions()).hasSize(13);
        assertThat(s.getRow(2).getCell(10).getStringCellValue()).isEqualTo("导入结果");
        assertThat(s.getRow(2).getCell(9).getStringCellValue()).isEqualTo("备注");
        assertThat(s.getRow(4).getCell(10).getStringCellValue()).isEqualTo("新增");
        assertThat(s.getRow(4).getCell(9).getStringCellValue()).isEqualTo("2024年3月签约");
        assertThat(s.getRow(8).getCell(10).getStringCellValue()).isEqualTo("跳过（合计行）");
    }
}
