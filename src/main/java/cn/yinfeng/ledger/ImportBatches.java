package cn.yinfeng.ledger;

import cn.yinfeng.ledger.sheet.HeaderNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The import batches as stored ({@code import_batch}) and the states they go through: an upload is
 * {@link Status#PREVIEWING} until its dry run stores a report ({@link Status#PREVIEWED}) or a reason
 * ({@link Status#FAILED}); a commit is {@link Status#COMMITTING} until it is {@link Status#COMMITTED} or back to
 * previewed. Each run claims its batch with the next attempt number and writes its outcome only while the attempt is
 * still its own. Also the columns a region mapped by hand ({@code import_column_mapping}).
 */
@Component
class ImportBatches {

    enum Status {
        PREVIEWING,
        PREVIEWED,
        COMMITTING,
        COMMITTED,
        FAILED;

        boolean running() {
            return this == PREVIEWING || this == COMMITTING;
        }
    }

    /** A batch's file as kept for its runs, with what the uploader said about it. */
    record Stored(ImportKind kind, byte[] file, ImportOptions options, String fileName) {}

    /** A batch locked for its commit: where it is, and its file. */
    record Locked(Status status, int attempt, Stored stored) {}

    private final JdbcClient jdbc;

    ImportBatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(
            ImportKind kind,
            long userId,
            String fileName,
            String sha256,
            byte[] file,
            Status status,
            ImportOptions options) {
        return jdbc.sql("""
                insert into import_batch (kind, user_id, file_name, sha256, content, status, options)
                values (:k, :u, :n, :h, :c, :s, :o::jsonb) returning id
                """)
                .param("k", kind.name())
                .param("u", userId)
                .param("n", fileName)
                .param("h", sha256)
                .param("c", file)
                .param("s", status.name())
                .param("o", options.json())
                .query(Long.class)
                .single();
    }

    /** Forgets a batch that never ran (its queue was full). */
    void delete(long id) {
        jdbc.sql("delete from import_batch where id = :id").param("id", id).update();
    }

    /** The file of a batch whose attempt {@code attempt} is in {@code status}; empty when another run took it over. */
    Optional<Stored> stored(long id, int attempt, Status status) {
        return jdbc.sql("select kind, content, options::text, file_name from import_batch where id = :id "
                        + "and attempt = :a and status = :s")
                .param("id", id)
                .param("a", attempt)
                .param("s", status.name())
                .query((rs, n) -> new Stored(
                        ImportKind.valueOf(rs.getString(1)),
                        rs.getBytes(2),
                        ImportOptions.parse(rs.getString(3)),
                        rs.getString(4)))
                .optional();
    }

    /** A user's batch in {@code status} with its file. */
    Optional<Stored> owned(long id, long userId, Status status) {
        return jdbc.sql("select kind, content, options::text, file_name from import_batch where id = :id "
                        + "and user_id = :u and status = :s")
                .param("id", id)
                .param("u", userId)
                .param("s", status.name())
                .query((rs, n) -> new Stored(
                        ImportKind.valueOf(rs.getString(1)),
                        rs.getBytes(2),
                        ImportOptions.parse(rs.getString(3)),
                        rs.getString(4)))
                .optional();
    }

    /** A user's batch's kind and options, whatever its status. */
    Optional<Map.Entry<ImportKind, ImportOptions>> options(long id, long userId) {
        return jdbc.sql("select kind, options::text from import_batch where id = :id and user_id = :u")
                .param("id", id)
                .param("u", userId)
                .query((rs, n) -> Map.entry(ImportKind.valueOf(rs.getString(1)), ImportOptions.parse(rs.getString(2))))
                .optional();
    }

    Optional<Status> status(long id, long userId) {
        return jdbc.sql("select status from import_batch where id = :id and user_id = :u")
                .param("id", id)
                .param("u", userId)
                .query(String.class)
                .optional()
                .map(Status::valueOf);
    }

    /** Whether a previewed batch's dry run found nothing to create or update. */
    boolean nothingToCommit(long id, long userId) {
        return jdbc.sql("select status = 'PREVIEWED' and created + updated = 0 from import_batch "
                        + "where id = :id and user_id = :u")
                .param("id", id)
                .param("u", userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Stores a dry run's counts, the rows its page lists and what it found in the file, if the batch is still this
     * attempt's; whether it was.
     */
    boolean previewed(long id, int attempt, Imports.Report report, String shownRows) {
        return jdbc.sql("""
                update import_batch set status = 'PREVIEWED', created = :cr, updated = :up, unchanged = :un,
                       rejected = :rj, report = :report::jsonb, sheet = :sheet::jsonb, error = null
                 where id = :id and status in ('PREVIEWING', 'PREVIEWED') and attempt = :a
                """)
                        .param("cr", report.created())
                        .param("up", report.updated())
                        .param("un", report.unchanged())
                        .param("rj", report.rejected())
                        .param("report", shownRows)
                        .param("sheet", Imports.JSON.writeValueAsString(report.sheet()))
                        .param("id", id)
                        .param("a", attempt)
                        .update()
                > 0;
    }

    /** A run that did not finish: the batch goes from {@code running} to {@code back}, with the reason. */
    void failed(long id, int attempt, Status running, Status back, String error) {
        jdbc.sql("update import_batch set status = :s, error = :e where id = :id and status = :r and attempt = :a")
                .param("s", back.name())
                .param("e", error.substring(0, Math.min(error.length(), 1000)))
                .param("id", id)
                .param("r", running.name())
                .param("a", attempt)
                .update();
    }

    /**
     * Moves the batch from {@code from}, or from {@code running} if the run there died (no heartbeat for
     * {@link ImportJobs#STALE}), to {@code running} with the next attempt number and a fresh heartbeat, in one
     * statement (and new options, when given); the new attempt, or null if the batch was neither. A batch row that is
     * locked is left alone: a commit holds it for as long as it runs, so it is alive whatever its heartbeat says, and
     * two clicks at once claim it once.
     */
    Integer claim(long id, long userId, Status from, Status running, ImportOptions options) {
        return jdbc.sql("""
                with target as (
                    select b.id from import_batch b
                     where b.id = :id and b.user_id = :u
                       and (b.status = :from or (b.status = :running and not exists (
                            select 1 from import_progress g
                             where g.batch_id = b.id and g.heartbeat_at > now() - make_interval(secs => :stale))))
                       for update of b skip locked),
                claimed as (
                    update import_batch b set status = :running, error = null, attempt = b.attempt + 1,
                           options = coalesce(cast(:options as jsonb), b.options)
                      from target where b.id = target.id
                    returning b.id, b.attempt),
                beat as (
                    insert into import_progress (batch_id, phase, heartbeat_at) select id, 'QUEUED', now() from claimed
                    on conflict (batch_id) do update set phase = 'QUEUED', rows_done = 0, rows_total = 0,
                                                         heartbeat_at = now())
                select attempt from claimed
                """)
                .param("id", id)
                .param("u", userId)
                .param("from", from.name())
                .param("running", running.name())
                .param("stale", ImportJobs.STALE.toSeconds())
                .param("options", options == null ? null : options.json())
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    /** A user's batch, its row locked until the transaction ends (the commit). */
    Optional<Locked> lock(long id, long userId) {
        return jdbc.sql("select status, attempt, kind, content, options::text, file_name from import_batch "
                        + "where id = :id and user_id = :u for update")
                .param("id", id)
                .param("u", userId)
                .query((rs, n) -> new Locked(
                        Status.valueOf(rs.getString(1)),
                        rs.getInt(2),
                        new Stored(
                                ImportKind.valueOf(rs.getString(3)),
                                rs.getBytes(4),
                                ImportOptions.parse(rs.getString(5)),
                                rs.getString(6))))
                .optional();
    }

    /** The commit's outcome: the file is no longer kept. */
    void committed(long id, Imports.Report report, String shownRows) {
        jdbc.sql("""
                update import_batch set status = 'COMMITTED', committed_at = now(), content = null, created = :c,
                       updated = :u, unchanged = :n, rejected = :r, report = :report::jsonb, error = null
                 where id = :id
                """)
                .param("c", report.created())
                .param("u", report.updated())
                .param("n", report.unchanged())
                .param("r", report.rejected())
                .param("report", shownRows)
                .param("id", id)
                .update();
    }

    // ------------------------------------------------------------------ columns mapped by hand

    /** The columns a region mapped by hand for a kind: column name as written → field or ignore. */
    Map<String, String> mappings(long regionId, ImportKind kind) {
        var saved = new LinkedHashMap<String, String>();
        jdbc.sql("select column_name, field from import_column_mapping where region_id = :r and kind = :k "
                        + "order by column_name")
                .param("r", regionId)
                .param("k", kind.name())
                .query((rs, n) -> saved.put(rs.getString(1), rs.getString(2)))
                .list();
        return saved;
    }

    /** Remembers (or, for a blank field, forgets) a region's mapping of a column for a kind. */
    void remember(long regionId, ImportKind kind, String column, String field, long userId) {
        String key = HeaderNames.key(column);
        key = key.length() > 200 ? key.substring(0, 200) : key;
        if (field == null || field.isBlank()) {
            jdbc.sql("delete from import_column_mapping where region_id = :r and kind = :k and column_key = :c")
                    .param("r", regionId)
                    .param("k", kind.name())
                    .param("c", key)
                    .update();
            return;
        }
        jdbc.sql("""
                insert into import_column_mapping (region_id, kind, column_key, column_name, field, updated_by)
                values (:r, :k, :c, :n, :f, :u)
                on conflict (region_id, kind, column_key) do update set column_name = :n, field = :f,
                       updated_by = :u, updated_at = now()
                """)
                .param("r", regionId)
                .param("k", kind.name())
                .param("c", key)
                .param("n", column.length() > 200 ? column.substring(0, 200) : column)
                .param("f", field)
                .param("u", userId)
                .update();
    }
}
