package cn.yinfeng.projects;

import cn.yinfeng.common.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves evidence files uploaded before V16 from {@code yinfeng.files.dir} into {@code project_file_content}, once,
 * at start-up (before the instance reports ready). A SQL migration cannot read files, and a Flyway Java migration
 * would load every file inside one transaction and run before the application's settings are bound; this step
 * moves one file per statement, so memory stays at one file and an interrupted start resumes where it stopped.
 *
 * <p>Idempotent and safe on several instances at once: only rows without content are looked at, and the insert does
 * nothing if another instance moved the file first. A file is moved only if its SHA-256 is the one recorded at
 * upload; a missing or altered file is left where it is and named in the log. The disk copy is not deleted (the
 * operator removes the directory once the log reports nothing left), but it is no longer read.
 */
@Component
@Order(10)
class ProjectFileMove implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProjectFileMove.class);

    /** The generated names the old store used; anything else is never resolved against the directory. */
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f-]{36}\\.(pdf|png|jpg)");

    private static final int BATCH = 100;

    /** What a run did. */
    record Result(int moved, List<Long> left) {}

    private final JdbcClient jdbc;
    private final ProjectFiles.FilesProperties properties;

    ProjectFileMove(JdbcClient jdbc, ProjectFiles.FilesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        moveAll();
    }

    private record Legacy(long id, String storedName, long size, String sha256) {}

    Result moveAll() {
        int moved = 0;
        List<Long> left = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Legacy> batch = jdbc.sql("""
                    select f.id, f.stored_name, f.size_bytes, f.sha256 from project_file f
                    where f.id > :after and f.stored_name is not null
                      and not exists (select 1 from project_file_content c where c.file_id = f.id)
                    order by f.id limit :n
                    """)
                    .param("after", after)
                    .param("n", BATCH)
                    .query((rs, n) -> new Legacy(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                    .list();
            for (Legacy f : batch) {
                after = f.id();
                Optional<byte[]> content = readFromDisk(f.id(), f.storedName(), f.size(), f.sha256());
                if (content.isEmpty()) {
                    left.add(f.id());
                    continue;
                }
                // the row may have gone (project deleted) or been moved by another instance meanwhile
                moved += jdbc.sql("""
                        insert into project_file_content (file_id, content)
                        select id, :c from project_file where id = :f
                        on conflict (file_id) do nothing
                        """)
                        .param("f", f.id())
                        .param("c", content.get())
                        .update();
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (!left.isEmpty()) {
            log.warn(
                    "Evidence files moved from {} into the database: {}; not moved (missing or altered): {} {}",
                    properties.dir().toAbsolutePath(),
                    moved,
                    left.size(),
                    left);
        } else if (moved > 0) {
            log.info(
                    "Evidence files moved from {} into the database: {}; none left, the directory is no longer read",
                    properties.dir().toAbsolutePath(),
                    moved);
        }
        return new Result(moved, left);
    }

    /**
     * The bytes of a file not yet moved, if its file is under the old directory and still has the size and SHA-256
     * recorded at upload (the size was within the limit then, so memory stays bounded).
     */
    Optional<byte[]> readFromDisk(long id, String storedName, long size, String sha256) {
        if (storedName == null || !STORED_NAME.matcher(storedName).matches()) {
            return Optional.empty();
        }
        Path path = properties.dir().resolve(storedName);
        try {
            if (!Files.isRegularFile(path)) {
                log.warn("Evidence file {} is not in {}", id, properties.dir());
                return Optional.empty();
            }
            byte[] bytes = Files.size(path) == size ? Files.readAllBytes(path) : null;
            if (bytes == null || !Sha256.hex(bytes).equals(sha256)) {
                log.warn(
                        "Evidence file {} in {} differs from what was uploaded (size or SHA-256); neither served nor moved",
                        id,
                        properties.dir());
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            log.warn("Evidence file {} cannot be read from {}: {}", id, properties.dir(), e.toString());
            return Optional.empty();
        }
    }
}
