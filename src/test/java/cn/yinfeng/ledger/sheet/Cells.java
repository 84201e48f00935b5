package cn.yinfeng.ledger.sheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Typing a hand-made ledger cell by cell, as the fixtures do: a row of texts, a number, the workbook's bytes. */
final class Cells {

    private Cells() {}

    /** Row {@code index} with a text in each cell given (null leaves the cell empty). */
    static Row row(Sheet s, int index, String... values) {
        Row r = s.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                r.createCell(c).setCellValue(values[c]);
            }
        }
        return r;
    }

    static void number(Row r, int c, double v) {
        r.createCell(c).setCellValue(v);
    }

    /** The workbook's bytes, its formulas evaluated (as Excel saves their values); the workbook is closed. */
    static byte[] bytes(Workbook wb) {
        try (wb) {
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            var out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
