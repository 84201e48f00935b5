package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checklist #34: the shared-strings table, which the reader keeps in memory, is bounded before any parser sees the
 * workbook: by the count it declares, by the string items it holds (whatever the part is called) and by its size.
 * The workbooks are zipped by hand here, not written by the exporter under test elsewhere.
 */
class SharedStringsBoundTest {

    static final Spreadsheets.Limits LIMITS = new Spreadsheets.Limits(20_000_000, 1_000, 1024 * 1024);

    /** A minimal xlsx whose shared-strings part, named {@code sstName}, is {@code sst}. */
    static byte[] workbook(String sstName, String sst) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            put(
                    zip,
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                            + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/" + sstName
                            + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                            + "</Types>");
            put(
                    zip,
                    "xl/workbook.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas"
                            + ".openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>");
            put(zip, sstName, sst);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String sst(String declared, int items, String eachText) {
        var s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://schemas"
                + ".openxmlformats.org/spreadsheetml/2006/main\" count=\"" + declared + "\" uniqueCount=\"" + declared
                + "\">");
        for (int i = 0; i < items; i++) {
            s.append(i % 2 == 0 ? "<si><t>" : "<si>\n<t xml:space=\"preserve\">")
                    .append(eachText)
                    .append(i)
                    .append("</t></si>");
        }
        return s.append("</sst>").toString();
    }

    private static InvalidInputException.Problem refusal(byte[] file) {
        try {
            Spreadsheets.check(file, LIMITS);
        } catch (InvalidInputException e) {
            return e.problems().get(0);
        }
        return null;
    }

    @Test
    void aTableWithinTheLimitsPasses() throws IOException {
        assertThatCode(() -> Spreadsheets.check(workbook("xl/sharedStrings.xml", sst("1000", 1000, "项目")), LIMITS))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("checklist #34: a table declaring more distinct strings than the limit is refused, naming the limit")
    void aTableDeclaringMoreStringsThanTheLimitIsRefused() throws IOException {
        var p = refusal(workbook("xl/sharedStrings.xml", sst("1500000", 3, "x")));
        assertThat(p).isNotNull();
        assertThat(p.messageKey()).isEqualTo("import.sharedStrings.tooMany");
        assertThat(p.args()).containsExactly(1_000);
        // absurd declarations too
        assertThat(refusal(workbook("xl/sharedStrings.xml", sst("99999999999999999999999999", 3, "x")))
                        .messageKey())
                .isEqualTo("import.sharedStrings.tooMany");
    }

    @Test
    @DisplayName("checklist #34: a table holding more strings than the limit is refused whatever it declares")
    void aTableHoldingMoreStringsThanItDeclaresIsRefused() throws IOException {
        assertThat(refusal(workbook("xl/sharedStrings.xml", sst("3", 1_001, "x")))
                        .messageKey())
                .isEqualTo("import.sharedStrings.tooMany");
        // under another part name (the content types decide which part the reader takes as the table)
        assertThat(refusal(workbook("xl/strings7.xml", sst("3", 1_001, "x"))).messageKey())
                .isEqualTo("import.sharedStrings.tooMany");
    }

    @Test
    @DisplayName("checklist #34: a table larger than the limit unpacked is refused, naming the limit in MB")
    void aTableLargerThanTheLimitIsRefused() throws IOException {
        // 1.2 MB of varied text (so that it is no zip bomb by ratio) in ten strings
        var random = new Random(16);
        var text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append((char) (0x4e00 + random.nextInt(3_000)));
        }
        var p = refusal(workbook("xl/sharedStrings.xml", sst("10", 10, text.toString())));
        assertThat(p).isNotNull();
        assertThat(p.messageKey()).isEqualTo("import.sharedStrings.tooLarge");
        assertThat(p.args()).containsExactly(1L);
    }

    @Test
    void theDefaultsLetAnOrdinaryLedgerThrough() throws Exception {
        assertThatCode(() -> Spreadsheets.check(LedgerIT.countyLedger(), 20_000_000))
                .doesNotThrowAnyException();
        assertThat(Spreadsheets.MAX_SHARED_STRINGS).isEqualTo(500_000);
    }
}
