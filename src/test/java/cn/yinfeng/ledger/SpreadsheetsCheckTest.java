package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.Test;

class SpreadsheetsCheckTest {

    @Test
    void aWorkbookWrittenByAStreamingWriterPassesTheChecks() throws Exception {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        wb.newWorksheet("s").value(0, 0, "项目名称");
        wb.finish();
        byte[] bytes = out.toByteArray();
        assertThatCode(() -> Spreadsheets.check(bytes, 10_000_000)).doesNotThrowAnyException();
    }
}
