package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** Evidence files: type by content, kept in the database, name only a label, region scope on download. */
class ProjectFilesIT extends IntegrationTest {

    private long project() {
        return jdbc.sql("select p.id from project p join region r on r.id = p.region_id where r.code = '141181' "
                        + "order by p.id limit 1")
                .query(Long.class)
                .single();
    }

    @Test
    void pdfIsStoredInTheDatabaseAndOnlyItsRegionCanDownloadIt() throws Exception {
        long id = project();
        byte[] pdf = "%PDF-1.4\n% test contract\n".getBytes(StandardCharsets.US_ASCII);
        long filesOnDisk = filesIn(Path.of("target/test-files"));
        String body = mvc.perform(multipart("/api/v1/projects/" + id + "/files")
                        .file(new MockMultipartFile("file", "../../合同.pdf", "application/pdf", pdf))
                        .param("kind", "CONTRACT")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long fileId = ((Number) JsonPath.read(body, "$.id")).longValue();
        var row = jdbc.sql("select original_name, stored_name, content_type, size_bytes from project_file "
                        + "where id = :id")
                .param("id", fileId)
                .query()
                .singleRow();
        assertThat(row.get("original_name")).isEqualTo("合同.pdf");
        assertThat(row.get("content_type")).isEqualTo("application/pdf");
        assertThat(row.get("size_bytes")).isEqualTo((long) pdf.length);
        // the bytes are in PostgreSQL, nothing is written to a directory
        assertThat(row.get("stored_name")).isNull();
        assertThat(filesIn(Path.of("target/test-files"))).isEqualTo(filesOnDisk);
        assertThat(jdbc.sql("select content from project_file_content where file_id = :id")
                        .param("id", fileId)
                        .query(byte[].class)
                        .single())
                .isEqualTo(pdf);

        var download = mvc.perform(get("/api/v1/projects/" + id + "/files/" + fileId)
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(download.getContentAsByteArray()).isEqualTo(pdf);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getContentType()).isEqualTo("application/pdf");
        mvc.perform(get("/api/v1/projects/" + id + "/files/" + fileId)
                        .header("Authorization", "Bearer demo-token-zhongyang"))
                .andExpect(status().isNotFound());
    }

    @Test
    void htmlRenamedToPdfIsRefused() throws Exception {
        long id = project();
        long before =
                jdbc.sql("select count(*) from project_file").query(Long.class).single();
        mvc.perform(multipart("/api/v1/projects/" + id + "/files")
                        .file(new MockMultipartFile(
                                "file",
                                "licence.pdf",
                                "application/pdf",
                                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "LICENCE")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value("只接受 PDF、PNG、JPEG 文件（按文件内容判断，不看扩展名）。"));
        assertThat(jdbc.sql("select count(*) from project_file")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aFileAboveTheLimitIsRefused() throws Exception {
        long id = project();
        long before = jdbc.sql("select count(*) from project_file_content")
                .query(Long.class)
                .single();
        byte[] big = Arrays.copyOf("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 10 * 1024 * 1024 + 1);
        mvc.perform(multipart("/api/v1/projects/" + id + "/files")
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", big))
                        .param("kind", "CONTRACT")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value("文件过大，最大 10 MB。"));
        assertThat(jdbc.sql("select count(*) from project_file_content")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private static long filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    @Test
    void anotherCountyCannotUpload() throws Exception {
        mvc.perform(multipart("/api/v1/projects/" + project() + "/files")
                        .file(new MockMultipartFile("file", "a.png", "image/png", new byte[] {
                            (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0
                        }))
                        .param("kind", "PHOTO")
                        .header("Authorization", "Bearer demo-token-zhongyang"))
                .andExpect(status().isNotFound());
    }

    @Test
    void sniffsByContent() {
        assertThat(ProjectFiles.sniff("%PDF-1.7".getBytes())).isEqualTo("application/pdf");
        assertThat(ProjectFiles.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}))
                .isEqualTo("image/jpeg");
        assertThat(ProjectFiles.sniff("GIF89a".getBytes())).isNull();
        assertThat(ProjectFiles.sniff(new byte[0])).isNull();
    }
}
