package cn.yinfeng.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;

/** Sheets for import tests: a header row, then rows of text cells (null: an empty cell). */
final class TestSheets {

    private TestSheets() {}

    /** A row of {@code width} cells, filled at the given column indexes. */
    static String[] row(int width, Map<Integer, String> cells) {
        var r = new String[width];
        cells.forEach((c, v) -> r[c] = v);
        return r;
    }

    static byte[] workbook(String sheet, String[] header, List<String[]> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet(sheet);
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < header.length; c++) {
                if (rows.get(r)[c] != null) {
                    ws.value(r + 1, c, rows.get(r)[c]);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }
}
