package cn.yinfeng.projects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.RegionScope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Evidence files of a project (contract, licence, photos). The type is decided by the file's first bytes, never by
 * its name; files are stored under generated names in {@code yinfeng.files.dir}, so a name like
 * {@code ../../x.pdf} is only ever a label.
 */
@Service
public class ProjectFiles {

    public enum Kind { CONTRACT, LICENCE, PHOTO, OTHER }

    public record StoredFile(long id, Kind kind, String originalName, String contentType, long size, String sha256,
            String uploadedBy, Instant at) {}

    /** What a download needs. */
    public record Download(StoredFile file, Path path) {}

    /**
     * @param dir where files are kept (every instance must see the same directory)
     * @param maxSize largest file accepted
     */
    @ConfigurationProperties("yinfeng.files")
    public record FilesProperties(@DefaultValue("data/files") Path dir, @DefaultValue("10MB") DataSize maxSize) {}

    private static final byte[] PDF = "%PDF-".getBytes();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Projects projects;
    private final AuditLog audit;
    private final FilesProperties properties;

    ProjectFiles(JdbcClient jdbc, CurrentUser currentUser, Projects projects, AuditLog audit,
            FilesProperties properties) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.projects = projects;
        this.audit = audit;
        this.properties = properties;
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
        var user = currentUser.require();
        if (!user.hasRole(Role.COUNTY_STAFF) && !user.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("uploads need county or city staff");
        }
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
            throw new InvalidInputException("file", "file.tooLarge", properties.maxSize().toMegabytes());
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new InvalidInputException("file", "file.type");
        }
        String stored = UUID.randomUUID() + switch (type) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
        String label = originalName == null || originalName.isBlank() ? stored
                : Path.of(originalName.replace('\\', '/')).getFileName().toString();
        label = label.replaceAll("\\p{Cntrl}", "");
        label = label.substring(0, Math.min(label.length(), 200));
        try {
            Files.createDirectories(properties.dir());
            Files.write(properties.dir().resolve(stored), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = jdbc.sql("""
                insert into project_file (project_id, kind, original_name, stored_name, content_type, size_bytes,
                                          sha256, uploaded_by)
                values (:p, :k, :o, :s, :t, :n, :h, :u) returning id
                """).param("p", projectId).param("k", (kind == null ? Kind.OTHER : kind).name()).param("o", label)
                .param("s", stored).param("t", type).param("n", bytes.length).param("h", sha256(bytes))
                .param("u", user.id()).query(Long.class).single();
        audit.record("PROJECT_FILE_UPLOAD", "project", projectId, Outcome.SUCCESS, label + " (" + type + ")");
        return id;
    }

    public List<StoredFile> list(long projectId) {
        projects.find(projectId);
        return jdbc.sql("select f.*, u.display_name from project_file f left join app_user u on u.id = f.uploaded_by "
                + "where f.project_id = :p order by f.id desc").param("p", projectId).query(ProjectFiles::map).list();
    }

    public Download open(long projectId, long fileId) {
        RegionScope scope = currentUser.scope();
        var row = scope.bind(jdbc.sql("select f.*, u.display_name from project_file f join project p on p.id = "
                + "f.project_id left join app_user u on u.id = f.uploaded_by where f.id = :f and f.project_id = :p and "
                + Projects.readable(scope))).param("f", fileId).param("p", projectId)
                .query((rs, n) -> new Object[] {map(rs, n), rs.getString("stored_name")}).optional()
                .orElseThrow(() -> new NotFoundException("file", fileId));
        audit.record("PROJECT_FILE_DOWNLOAD", "project", projectId, Outcome.SUCCESS, "file " + fileId);
        return new Download((StoredFile) row[0], properties.dir().resolve((String) row[1]));
    }

    static StoredFile map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredFile(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("original_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("display_name"), rs.getTimestamp("at").toInstant());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
