package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Files uploaded before V16 sit in the old directory with a project_file row and no content row: they are served
 * from the directory until the start-up step moves them into the database, after which the directory is not read.
 */
class ProjectFileMoveIT extends IntegrationTest {

    @Autowired
    ProjectFileMove move;

    @Autowired
    ProjectFiles.FilesProperties properties;

    private long project() {
        return jdbc.sql("select p.id from project p join region r on r.id = p.region_id where r.code = '141181' "
                        + "order by p.id limit 1")
                .query(Long.class)
                .single();
    }

    /** A row and a file as the disk store wrote them; the file's recorded hash is of {@code recorded}. */
    private long legacyFile(long projectId, byte[] recorded, byte[] onDisk) throws Exception {
        String stored = UUID.randomUUID() + ".pdf";
        Files.createDirectories(properties.dir());
        Files.write(properties.dir().resolve(stored), onDisk);
        return jdbc.sql("""
                insert into project_file (project_id, kind, original_name, stored_name, content_type, size_bytes, sha256)
                values (:p, 'CONTRACT', '旧合同.pdf', :s, 'application/pdf', :n, :h) returning id
                """)
                .param("p", projectId)
                .param("s", stored)
                .param("n", recorded.length)
                .param("h", Sha256.hex(recorded))
                .query(Long.class)
                .single();
    }

    private byte[] download(long projectId, long fileId) throws Exception {
        return mvc.perform(get("/api/v1/projects/" + projectId + "/files/" + fileId)
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private String storedName(long fileId) {
        return jdbc.sql("select stored_name from project_file where id = :f")
                .param("f", fileId)
                .query(String.class)
                .single();
    }

    private long contentRows(long fileId) {
        return jdbc.sql("select count(*) from project_file_content where file_id = :f")
                .param("f", fileId)
                .query(Long.class)
                .single();
    }

    @Test
    void aFileOnDiskIsServedThenMovedIntoTheDatabaseOnce() throws Exception {
        long p = project();
        byte[] pdf = ("%PDF-1.4\n% contract uploaded before V16 "
                        + HexFormat.of().formatHex(new byte[] {1, 2, (byte) 0xff}) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        long fileId = legacyFile(p, pdf, pdf);
        byte[] altered = "%PDF-1.4\n% changed on disk after upload\n".getBytes(StandardCharsets.US_ASCII);
        long alteredId = legacyFile(p, "%PDF-1.4\n% what was uploaded\n".getBytes(StandardCharsets.US_ASCII), altered);
        try {
            // not yet moved: still downloadable, from the directory
            assertThat(contentRows(fileId)).isZero();
            assertThat(download(p, fileId)).isEqualTo(pdf);
            // a file that no longer has its recorded hash is neither served nor moved
            mvc.perform(get("/api/v1/projects/" + p + "/files/" + alteredId)
                            .header("Authorization", "Bearer demo-token-xiaoyi"))
                    .andExpect(status().isNotFound());

            ProjectFileMove.Result result = move.moveAll();
            assertThat(result.moved()).isEqualTo(1);
            assertThat(result.left()).containsExactly(alteredId);
            assertThat(jdbc.sql("select content from project_file_content where file_id = :f")
                            .param("f", fileId)
                            .query(byte[].class)
                            .single())
                    .isEqualTo(pdf);
            assertThat(contentRows(alteredId)).isZero();

            // the disk copy is no longer read: without it the file downloads byte for byte from the database
            Files.delete(properties.dir().resolve(storedName(fileId)));
            assertThat(download(p, fileId)).isEqualTo(pdf);

            // a second run (another instance, the next start) changes nothing
            result = move.moveAll();
            assertThat(result.moved()).isZero();
            assertThat(result.left()).containsExactly(alteredId);
            assertThat(contentRows(fileId)).isEqualTo(1);
        } finally {
            // leave no unmovable row behind for the other tests' start-up steps
            Files.deleteIfExists(properties.dir().resolve(storedName(alteredId)));
            jdbc.sql("delete from project_file where id = :f")
                    .param("f", alteredId)
                    .update();
        }
    }

    @Test
    void onlyGeneratedNamesAreResolvedAgainstTheDirectory() {
        assertThat(move.readFromDisk(1, "../../etc/passwd", 1, "x")).isEmpty();
        assertThat(move.readFromDisk(1, null, 1, "x")).isEmpty();
    }
}
