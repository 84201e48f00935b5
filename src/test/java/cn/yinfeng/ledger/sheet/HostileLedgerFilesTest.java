package cn.yinfeng.ledger.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The refusals of the old and odd formats: an .xls that is a bomb of sheets, columns or rows is refused by name
 * while it is read (never held whole), as is a "CSV" that is a binary; a WPS .et (the OLE workbook WPS saves) is
 * read by its content whatever its name says.
 */
class HostileLedgerFilesTest {

    private static byte[] xls(int sheets, int rows, int columns) throws Exception {
        try (var wb = new HSSFWorkbook()) {
            for (int s = 0; s < sheets; s++) {
                var sheet = wb.createSheet("表" + s);
                for (int r = 0; r < rows; r++) {
                    var row = sheet.createRow(r);
                    for (int c = 0; c < columns; c++) {
                        row.createCell(c).setCellValue(r == 0 ? "列" + c : "1");
                    }
                }
            }
            var out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void refused(byte[] file, Limits limits, String key) {
        assertThatThrownBy(() -> {
                    var reader = LedgerFiles.open(file, limits);
                    for (int s = 0; s < reader.sheetNames().size(); s++) {
                        reader.read(s);
                    }
                })
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).messageKey()).isEqualTo(key));
    }

    @Test
    void anXlsBombIsRefusedByWhatItHasTooMuchOf() throws Exception {
        refused(xls(6, 2, 2), new Limits(200, 100, 5), "import.tooManySheets");
        refused(xls(1, 2, 220), new Limits(200, 100, 5), "import.tooManyColumns");
        refused(xls(1, 150, 2), new Limits(200, 100, 5), "import.tooManyRows");
    }

    @Test
    void aBinaryCalledCsvAndMarkupAreNotLedgers() {
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1};
        refused(png, Limits.DEFAULT, "import.unreadable.binary");
        byte[] html =
                "<html><body><table><tr><td>项目名称</td></tr></table></body></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LedgerFiles.open(html, Limits.DEFAULT).read(0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aWpsEtWorkbookIsReadByItsContent() {
        // WPS 表格 saves .et as the same OLE2/BIFF8 workbook as .xls; the name is never trusted, the bytes are
        WorkbookReader reader = LedgerFiles.open(ClerkLedgers.xls(), Limits.DEFAULT);
        assertThat(reader.format()).isEqualTo("xls");
        assertThat(reader.sheetNames()).containsExactly("汇总", "签约项目台账");
        assertThat(reader.read(1).rows()).anySatisfy(r -> assertThat(r.cell(1)).isEqualTo("储能电站"));
    }
}
