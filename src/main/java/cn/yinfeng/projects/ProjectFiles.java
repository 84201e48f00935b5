package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.FileNames;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Sha256;
import cn.yinfeng.regions.RegionScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Evidence files of a project (contract, licence, photos). The type is decided by the file's first bytes, never by
 * its name, which is only ever a label (a name like {@code ../../x.pdf} names nothing). The bytes are kept in
 * PostgreSQL ({@code project_file_content}), so every instance behind the load balancer serves every file; files
 * uploaded before that, still under {@code yinfeng.files.dir}, are moved in at start-up by {@link ProjectFileMove}
 * and served from the directory until then.
 */
@Service
public class ProjectFiles {

    public enum Kind {
        CONTRACT,
        LICENCE,
        PHOTO,
        OTHER
    }

    public record StoredFile(
            long id,
            Kind kind,
            String originalName,
            String contentType,
            long size,
            String sha256,
            String uploadedBy,
            Instant at) {}

    /** What a download needs: at most {@code yinfeng.files.max-size} bytes. */
    public record Download(StoredFile file, byte[] content) {}

    /**
     * @param dir deprecated: where files were kept before they moved into the database; read only to move what is
     *     left there (and to serve it until it is moved). Nothing is written to it any more.
     * @param maxSize largest file accepted
     */
    @ConfigurationProperties("yinfeng.files")
    public record FilesProperties(
            @DefaultValue("data/files") Path dir,
            @DefaultValue("10MB") DataSize maxSize) {}

    private static final byte[] PDF = "%PDF-".getBytes();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Projects projects;
    private final AuditLog audit;
    private final FilesProperties properties;
    private final ProjectFileMove legacy;

    ProjectFiles(
            JdbcClient jdbc,
            CurrentUser currentUser,
            Projects projects,
            AuditLog audit,
            FilesProperties properties,
            ProjectFileMove legacy) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.projects = projects;
        this.audit = audit;
        this.properties = properties;
        this.legacy = legacy;
    }

    /** The content type the bytes really are, or null when they are none of PDF, PNG, JPEG. */
    static String sniff(byte[] head) {
        if (startsWith(head, PDF)) {
            return "application/pdf";
        }
        if (startsWith(head, PNG)) {
            return "image/png";
        }
        if (startsWith(head, JPEG)) {
            return "image/jpeg";
        }
        return null;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    @Transactional
    public long store(long projectId, Kind kind, String originalName, InputStream content) {
        var user = currentUser.requireStaff("uploads need county or city staff");
        Project p = projects.find(projectId);
        if (!projects.canWrite(p)) {
            throw new AccessDeniedException("project lands outside the caller's region");
        }
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) properties.maxSize().toBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw new InvalidInputException("file", "file.empty");
        }
        if (bytes.length > properties.maxSize().toBytes()) {
            throw new InvalidInputException(
                    "file", "file.tooLarge", properties.maxSize().toMegabytes());
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new InvalidInputException("file", "file.type");
        }
        // a label only, never a path: a NUL or a control character in the client's name is dropped, not a 500
        String label = FileNames.safe(originalName);
        if (label.isEmpty()) {
            label = UUID.randomUUID()
                    + switch (type) {
                        case "application/pdf" -> ".pdf";
                        case "image/png" -> ".png";
                        default -> ".jpg";
                    };
        }
        long id = jdbc.sql("""
                insert into project_file (project_id, kind, original_name, content_type, size_bytes, sha256,
                                          uploaded_by)
                values (:p, :k, :o, :t, :n, :h, :u) returning id
                """)
                .param("p", projectId)
                .param("k", (kind == null ? Kind.OTHER : kind).name())
                .param("o", label)
                .param("t", type)
                .param("n", bytes.length)
                .param("h", Sha256.hex(bytes))
                .param("u", user.id())
                .query(Long.class)
                .single();
        jdbc.sql("insert into project_file_content (file_id, content) values (:f, :c)")
                .param("f", id)
                .param("c", bytes)
                .update();
        audit.record("PROJECT_FILE_UPLOAD", "project", projectId, Outcome.SUCCESS, label + " (" + type + ")");
        return id;
    }

    public List<StoredFile> list(long projectId) {
        projects.find(projectId);
        return jdbc.sql("select f.*, u.display_name from project_file f left join app_user u on u.id = f.uploaded_by "
                        + "where f.project_id = :p order by f.id desc")
                .param("p", projectId)
                .query(ProjectFiles::map)
                .list();
    }

    private record Row(StoredFile file, String storedName, byte[] content) {}

    /** The file with its bytes, from the database or, for a file not moved in yet, from the old directory. */
    public Download open(long projectId, long fileId) {
        RegionScope scope = currentUser.scope();
        Row row = scope.bind(jdbc.sql("select f.*, u.display_name, c.content from project_file f join project p on "
                        + "p.id = f.project_id left join app_user u on u.id = f.uploaded_by left join project_file_content c "
                        + "on c.file_id = f.id where f.id = :f and f.project_id = :p and "
                        + ProjectRecords.readable(scope)))
                .param("f", fileId)
                .param("p", projectId)
                .query((rs, n) -> new Row(map(rs, n), rs.getString("stored_name"), rs.getBytes("content")))
                .optional()
                .orElseThrow(() -> new NotFoundException("file", fileId));
        byte[] content = row.content() != null
                ? row.content()
                : legacy.readFromDisk(
                                fileId,
                                row.storedName(),
                                row.file().size(),
                                row.file().sha256())
                        .orElseThrow(() -> new NotFoundException("file", fileId));
        audit.record("PROJECT_FILE_DOWNLOAD", "project", projectId, Outcome.SUCCESS, "file " + fileId);
        return new Download(row.file(), content);
    }

    static StoredFile map(ResultSet rs, int n) throws SQLException {
        return new StoredFile(
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("original_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("display_name"),
                rs.getTimestamp("at").toInstant());
    }
}
