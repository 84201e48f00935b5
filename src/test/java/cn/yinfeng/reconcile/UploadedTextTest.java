package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Uploads judged by content: text in UTF-8 or GB18030, the body of a .docx, and the hostile files refused. */
class UploadedTextTest {

    static byte[] docx(String body) throws IOException {
        return docx(body, "");
    }

    static byte[] docx(String body, String doctype) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype
                            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                            + body + "</w:body></w:document>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static String problem(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.problems().get(0).messageKey();
        }
        return null;
    }

    @Test
    void readsTheParagraphsOfADocx() throws IOException {
        String text = UploadedText.read(docx("<w:p><w:r><w:t>1-10月份，签约项目</w:t></w:r><w:r><w:t>117个。</w:t></w:r>"
                + "</w:p><w:p><w:r><w:t>第二段</w:t><w:tab/><w:t>表格</w:t></w:r></w:p>"));
        assertThat(text).isEqualTo("1-10月份，签约项目117个。\n第二段\t表格\n");
    }

    @Test
    void readsUtf8AndGb18030Text() {
        assertThat(UploadedText.read("签约项目117个".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("签约项目117个");
        assertThat(UploadedText.read("签约项目117个".getBytes(Charset.forName("GB18030"))))
                .isEqualTo("签约项目117个");
        assertThat(UploadedText.read("\uFEFF签约".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("签约");
    }

    @Test
    void refusesRenamedHtmlBinaryAndOleFiles() {
        assertThat(problem(() -> UploadedText.read("<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("reconcile.file.type");
        assertThat(problem(() -> UploadedText.read(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0})))
                .isEqualTo("reconcile.file.type");
        assertThat(problem(() -> UploadedText.read(new byte[] {'a', 0, 'b'}))).isEqualTo("reconcile.file.type");
        assertThat(problem(() -> UploadedText.read(new byte[0]))).isEqualTo("reconcile.file.empty");
        assertThat(problem(() -> UploadedText.read(new byte[(int) UploadedText.MAX_BYTES + 1])))
                .isEqualTo("reconcile.file.tooLarge");
    }

    @Test
    void refusesADoctypeSoNoExternalEntityIsRead() throws IOException {
        byte[] xxe = docx(
                "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
        assertThat(problem(() -> UploadedText.read(xxe))).isEqualTo("reconcile.file.doctype");
    }

    @Test
    void refusesAZipBombFastWhileUnpacking() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 60; i++) {
                zip.write(zeros); // 60 MB of zeros compress to about 60 KB
            }
        }
        long t0 = System.nanoTime();
        assertThat(problem(() -> UploadedText.read(out.toByteArray()))).isEqualTo("reconcile.file.bomb");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);

        var many = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(many)) {
            for (int i = 0; i <= UploadedText.MAX_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
            }
        }
        assertThat(problem(() -> UploadedText.read(many.toByteArray()))).isEqualTo("reconcile.file.bomb");
    }

    @Test
    void aDocxWithoutABodyIsNoText() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> UploadedText.read(out.toByteArray())).isInstanceOf(InvalidInputException.class);
    }
}
