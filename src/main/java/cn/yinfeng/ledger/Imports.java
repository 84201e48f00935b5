package cn.yinfeng.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.ledger.sheet.AnnotatedCopy;
import cn.yinfeng.regions.Regions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The import framework every ledger kind shares. A file is checked ({@link Spreadsheets#check}), read with tolerant
 * headers, and every row goes through the kind's {@link RowHandler} (that is, the owning module's services and
 * rules) in its own savepoint: the dry run does all of it and rolls back, reporting per row what would be created,
 * updated, left unchanged or rejected (with the column and the reason); the commit runs the previewed file again and
 * keeps the accepted rows, all in one transaction. Rows match existing records by each kind's natural key, so the
 * same file twice changes nothing the second time. Each import is recorded in {@code import_batch}.
 */
@Service
public class Imports {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Imports.class);

    public enum Outcome { CREATE, UPDATE, UNCHANGED, REJECT, SKIP }

    /**
     * One row's outcome; {@code recordId}/{@code link} name the record it created, updated or matched;
     * {@code region} is where it lands (kinds with a region); {@code changes} what an update changes, old → new.
     */
    public record RowResult(int rowNumber, String name, Outcome outcome, Long recordId, String link,
            List<String> problems, String region, List<Change> changes, boolean duplicate) {

        public RowResult {
            problems = problems == null ? List.of() : problems;
            changes = changes == null ? List.of() : changes;
        }

        public RowResult(int rowNumber, String name, Outcome outcome, Long recordId, String link,
                List<String> problems) {
            this(rowNumber, name, outcome, recordId, link, problems, null, List.of(), false);
        }

        static RowResult of(int rowNumber, String name, Outcome outcome, Long recordId, String link) {
            return new RowResult(rowNumber, name, outcome, recordId, link, List.of());
        }

        RowResult withProblems(List<String> p) {
            return new RowResult(rowNumber, name, outcome, recordId, link, p, region, changes, duplicate);
        }

        RowResult withRegion(String r) {
            return new RowResult(rowNumber, name, outcome, recordId, link, problems, r, changes, duplicate);
        }

        RowResult withChanges(List<Change> c) {
            return new RowResult(rowNumber, name, outcome, recordId, link, problems, region, c, duplicate);
        }

        RowResult withRecord(Long id, String l) {
            return new RowResult(rowNumber, name, outcome, id, l, problems, region, changes, duplicate);
        }
    }

    /** A value an update changes: the column (as the file names it, else the field), the stored and the new value. */
    public record Change(String column, String from, String to) {}

    /**
     * What a run found in the file beside its rows: the sheet read (name, 0-based index) among the workbook's sheets,
     * its title, the columns as written that each field came from ({@code columns}: field → name), the columns no
     * field took, and where rows without a region column land ({@code landing}: the chosen region, or the one the
     * title or the file name names; null when neither).
     */
    public record SheetInfo(String name, int index, List<String> sheets, String title, Map<String, String> columns,
            List<String> unknownColumns, String landing) {}

    /**
     * A run's counts over the data rows ({@code rows}); {@code results} also lists the rows skipped as not data
     * (合计, 表尾 …, outcome {@link Outcome#SKIP}), which no count includes.
     */
    public record Report(Long batchId, ImportKind kind, String fileName, int rows, int created, int updated,
            int unchanged, int rejected, List<RowResult> results, boolean committed, SheetInfo sheet) {

        public long skipped() {
            return results.stream().filter(r -> r.outcome() == Outcome.SKIP).count();
        }
    }

    /** Rows between two {@code DISCARD PLANS} in a run (see {@link #run}). */
    static final int REPLAN_EVERY = 500;

    private final Map<ImportKind, RowHandler> handlers = new EnumMap<>(ImportKind.class);
    private final Regions regions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final AuditLog audit;
    private final TransactionTemplate outer;
    private final TransactionTemplate nested;
    private final long maxBytes;
    private final int maxRows;
    private final ImportJobs jobs;
    private final Parses parses;
    private final Spreadsheets.Limits limits;
    /** Whether kinds that can decide rows first do so and write new records together (see {@link RowHandler#decide}). */
    private boolean bulk;

    Imports(List<RowHandler> handlers, Regions regions, CurrentUser currentUser, JdbcClient jdbc,
            MessageSource messages, AuditLog audit, PlatformTransactionManager tx, ImportJobs jobs, Parses parses,
            @Value("${yinfeng.import.max-bytes:20971520}") long maxBytes,
            @Value("${yinfeng.import.max-rows:200000}") int maxRows,
            @Value("${yinfeng.import.bulk:true}") boolean bulk,
            @Value("${yinfeng.import.max-shared-strings:500000}") int maxSharedStrings,
            @Value("${yinfeng.import.max-shared-strings-size:64MB}") DataSize maxSharedStringsSize) {
        this.bulk = bulk;
        this.jobs = jobs;
        this.parses = parses;
        this.limits = new Spreadsheets.Limits(maxBytes, maxSharedStrings, maxSharedStringsSize.toBytes());
        handlers.forEach(h -> this.handlers.put(h.kind(), h));
        this.regions = regions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.messages = messages;
        this.audit = audit;
        this.outer = new TransactionTemplate(tx);
        this.nested = new TransactionTemplate(tx);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    /** For the tests that hold the row-by-row path and the bulk path to the same results. */
    void bulk(boolean on) {
        this.bulk = on;
    }

    RowHandler handler(ImportKind kind) {
        return handlers.get(kind);
    }

    long maxBytes() {
        return maxBytes;
    }

    int maxRows() {
        return maxRows;
    }

    /** Checks and runs the file without keeping anything; stores the file for the commit (the API: it waits). */
    public Report preview(ImportKind kind, String fileName, byte[] file, Locale locale) {
        return preview(kind, fileName, file, ImportOptions.NONE, locale);
    }

    public Report preview(ImportKind kind, String fileName, byte[] file, ImportOptions options, Locale locale) {
        requireWriter();
        Spreadsheets.check(file, limits);
        options = withSavedMapping(kind, checked(options));
        Report report = run(kind, file, locale, false, null, ImportProgress.NONE, false, options, fileName);
        long id = insertBatch(kind, fileName, file, "PREVIEWED", options);
        previewed(id, 0, kind, report);
        return new Report(id, kind, safeName(fileName), report.rows(), report.created(), report.updated(),
                report.unchanged(), report.rejected(), report.results(), false, report.sheet());
    }

    /** The options with the region checked against the caller's scope (a region outside it is the field's error). */
    private ImportOptions checked(ImportOptions options) {
        if (options.regionId() != null) {
            var region = regions.find(options.regionId());
            if (region.isEmpty() || !currentUser.scope().covers(region.get())) {
                throw new InvalidInputException("regionId", "import.regionOutOfScope", options.regionId());
            }
        }
        return options;
    }

    /** The columns the caller's region mapped by hand for the kind, under those the options map themselves. */
    private ImportOptions withSavedMapping(ImportKind kind, ImportOptions options) {
        var saved = new java.util.LinkedHashMap<String, String>();
        jdbc.sql("select column_name, field from import_column_mapping where region_id = :r and kind = :k "
                + "order by column_name").param("r", currentUser.require().region()).param("k", kind.name())
                .query((rs, n) -> saved.put(rs.getString(1), rs.getString(2))).list();
        saved.putAll(options.mapping());
        return options.withMapping(saved, options.sheet());
    }

    /**
     * The user's mapping of columns (name as written → field or {@link cn.yinfeng.ledger.sheet.ColumnMapper#IGNORE},
     * blank to forget one) and choice of sheet for a previewed batch: remembered for the caller's region and the kind,
     * then the dry run runs again with them. A field the kind does not have is the column's error.
     */
    public void remap(long batchId, Map<String, String> mapping, Integer sheet, java.util.Set<Integer> confirmed,
            Locale locale) {
        requireWriter();
        var row = jdbc.sql("select kind, options::text from import_batch where id = :id and user_id = :u")
                .param("id", batchId).param("u", currentUser.require().id())
                .query((rs, n) -> Map.entry(ImportKind.valueOf(rs.getString(1)), ImportOptions.parse(rs.getString(2))))
                .optional().orElseThrow(() -> new NotFoundException("import", batchId));
        RowHandler handler = handlers.get(row.getKey());
        var fields = new java.util.HashSet<String>();
        handler.columns().forEach(c -> fields.add(c.field()));
        fields.add(cn.yinfeng.ledger.sheet.ColumnMapper.IGNORE);
        var problems = new ArrayList<InvalidInputException.Problem>();
        var merged = new java.util.LinkedHashMap<>(row.getValue().mapping());
        mapping.forEach((column, field) -> {
            if (field == null || field.isBlank()) {
                merged.remove(column);
            } else if (!fields.contains(field)) {
                problems.add(new InvalidInputException.Problem(null, "import.mapping.unknownField", column, field));
            } else {
                merged.put(column, field);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long region = currentUser.require().region();
        mapping.forEach((column, field) -> {
            String key = cn.yinfeng.ledger.sheet.HeaderNames.key(column);
            if (field == null || field.isBlank()) {
                jdbc.sql("delete from import_column_mapping where region_id = :r and kind = :k and column_key = :c")
                        .param("r", region).param("k", row.getKey().name()).param("c", key).update();
            } else {
                jdbc.sql("""
                        insert into import_column_mapping (region_id, kind, column_key, column_name, field, updated_by)
                        values (:r, :k, :c, :n, :f, :u)
                        on conflict (region_id, kind, column_key) do update set column_name = :n, field = :f,
                               updated_by = :u, updated_at = now()
                        """).param("r", region).param("k", row.getKey().name()).param("c", key)
                        .param("n", column.length() > 200 ? column.substring(0, 200) : column).param("f", field)
                        .param("u", currentUser.require().id()).update();
            }
        });
        var options = row.getValue().withMapping(merged, sheet == null ? row.getValue().sheet() : sheet);
        if (confirmed != null) {
            options = options.withConfirmed(confirmed);
        }
        Integer attempt = claim(batchId, "PREVIEWED", "PREVIEWING", options);
        if (attempt == null) {
            attempt = claim(batchId, "FAILED", "PREVIEWING", options);
        }
        if (attempt == null) {
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        audit.record("IMPORT_MAPPING", "import_batch", batchId, cn.yinfeng.audit.Outcome.SUCCESS,
                row.getKey() + " " + mapping + (sheet == null ? "" : " sheet=" + sheet));
        if (confirmed != null) {
            audit.record("IMPORT_CONFIRM", "import_batch", batchId, cn.yinfeng.audit.Outcome.SUCCESS,
                    "not duplicates: rows " + new java.util.TreeSet<>(confirmed));
        }
        int a = attempt;
        queue(batchId, a, "PREVIEWING", "FAILED", locale, p -> runPreview(batchId, a, locale, p));
    }

    /**
     * Checks the file and starts its dry run in the background (the page: it shows the progress, then the report);
     * problems with the file as a whole that the quick check finds are thrown here, the rest end the run as FAILED.
     * A full queue keeps nothing.
     */
    public long startPreview(ImportKind kind, String fileName, byte[] file, Locale locale) {
        return startPreview(kind, fileName, file, ImportOptions.NONE, locale);
    }

    public long startPreview(ImportKind kind, String fileName, byte[] file, ImportOptions options, Locale locale) {
        requireWriter();
        Spreadsheets.check(file, limits);
        long id = insertBatch(kind, fileName, file, "PREVIEWING", withSavedMapping(kind, checked(options)));
        var progress = new ImportProgress();
        try {
            jobs.submit(id, progress, () -> runPreview(id, 0, locale, progress));
        } catch (InvalidInputException e) {
            jdbc.sql("delete from import_batch where id = :id").param("id", id).update();
            throw e;
        }
        return id;
    }

    /**
     * The dry run of attempt {@code attempt} of a batch, in a worker. The file is read from the batch here, not kept
     * by the queued task (twenty queued uploads would otherwise hold their files in memory while they wait).
     */
    private void runPreview(long id, int attempt, Locale locale, ImportProgress progress) {
        try {
            var batch = jdbc.sql("select kind, content, options::text, file_name from import_batch where id = :id "
                    + "and attempt = :a and status = 'PREVIEWING'").param("id", id).param("a", attempt)
                    .query((rs, n) -> new Stored(ImportKind.valueOf(rs.getString(1)), rs.getBytes(2),
                            ImportOptions.parse(rs.getString(3)), rs.getString(4))).optional();
            if (batch.isEmpty()) {
                return; // another run has taken it over
            }
            Stored b = batch.get();
            previewed(id, attempt, b.kind(), run(b.kind(), b.file(), locale, false, null, progress, true, b.options(),
                    b.fileName()));
        } catch (InvalidInputException e) {
            failed(id, attempt, "PREVIEWING", "FAILED", message(e, locale));
        } catch (RuntimeException | Error e) {
            // an Error too (out of memory on a huge file, say): the batch must not look as if still running
            LOG.error("Preview of import {} failed", id, e);
            failed(id, attempt, "PREVIEWING", "FAILED", messages.getMessage("import.failed", null, locale));
        }
    }

    /** A batch's file as kept for its runs, with what the uploader said about it. */
    private record Stored(ImportKind kind, byte[] file, ImportOptions options, String fileName) {}

    private long insertBatch(ImportKind kind, String fileName, byte[] file, String status, ImportOptions options) {
        return jdbc.sql("""
                insert into import_batch (kind, user_id, file_name, sha256, content, status, options)
                values (:k, :u, :n, :h, :c, :s, :o::jsonb) returning id
                """).param("k", kind.name()).param("u", currentUser.require().id()).param("n", safeName(fileName))
                .param("h", sha256(file)).param("c", file).param("s", status).param("o", options.json())
                .query(Long.class).single();
    }

    /** Stores a dry run's counts and the rows its page lists, if the batch is still this attempt's; audited. */
    private void previewed(long id, int attempt, ImportKind kind, Report report) {
        int stored = jdbc.sql("""
                update import_batch set status = 'PREVIEWED', created = :cr, updated = :up, unchanged = :un,
                       rejected = :rj, report = :report::jsonb, sheet = :sheet::jsonb, error = null
                 where id = :id and status in ('PREVIEWING', 'PREVIEWED') and attempt = :a
                """).param("cr", report.created()).param("up", report.updated()).param("un", report.unchanged())
                .param("rj", report.rejected()).param("report", JSON.writeValueAsString(shown(report.results())))
                .param("sheet", JSON.writeValueAsString(report.sheet()))
                .param("id", id).param("a", attempt).update();
        if (stored == 0) {
            return;
        }
        audit.record("IMPORT_PREVIEW", "import_batch", id, cn.yinfeng.audit.Outcome.SUCCESS,
                kind + " rows=" + report.rows() + " rejected=" + report.rejected());
    }

    /**
     * A run that did not finish: the batch goes from {@code running} to {@code status}, with the reason, if it is
     * still this attempt's.
     */
    private void failed(long id, int attempt, String running, String status, String error) {
        jdbc.sql("update import_batch set status = :s, error = :e where id = :id and status = :r and attempt = :a")
                .param("s", status).param("e", error.substring(0, Math.min(error.length(), 1000))).param("id", id)
                .param("r", running).param("a", attempt).update();
    }

    private String message(InvalidInputException e, Locale locale) {
        var out = new ArrayList<String>();
        FormErrors.resolve(e, messages, locale).values().forEach(out::addAll);
        return String.join(" ", out);
    }

    /** Rows a report page lists: rejected ones first, at most this many; the copy with results has all of them. */
    static final int SHOWN_ROWS = 1000;

    /**
     * The rows a report page lists, {@link #SHOWN_ROWS} at most: the rejected ones first (what the county has to fix,
     * however far down the file), then the others, each in file order.
     */
    static List<RowResult> shown(List<RowResult> results) {
        var shown = new ArrayList<RowResult>();
        results.stream().filter(r -> r.outcome() == Outcome.REJECT).limit(SHOWN_ROWS).forEach(shown::add);
        int rejected = shown.size();
        results.stream().filter(r -> r.outcome() != Outcome.REJECT).limit(SHOWN_ROWS - rejected).forEach(shown::add);
        shown.sort(java.util.Comparator.comparing((RowResult r) -> r.outcome() != Outcome.REJECT)
                .thenComparingInt(RowResult::rowNumber));
        return shown;
    }

    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /**
     * Applies the previewed file's accepted rows in one transaction, together with the batch's status and audit row;
     * only its own uploader may commit it, once (the batch row is locked, so two clicks cannot both apply it). Should
     * the ledger change under the commit so that a write fails (another import took a code, say), nothing is written
     * and the batch stays previewed, to be committed again.
     */
    public Report commit(long batchId, Locale locale) {
        return commit(batchId, locale, ImportProgress.NONE, null);
    }

    /**
     * Starts the commit of a previewed batch in the background (the page). A batch already committing or committed
     * is left alone (a second click); one whose commit died with its instance (nothing was written: the commit is one
     * transaction) is committed again.
     */
    public void startCommit(long batchId, Locale locale) {
        requireWriter();
        boolean nothing = jdbc.sql("select status = 'PREVIEWED' and created + updated = 0 from import_batch "
                + "where id = :id and user_id = :u").param("id", batchId).param("u", currentUser.require().id())
                .query(Boolean.class).optional().orElse(false);
        if (nothing) {
            throw new InvalidInputException(null, "import.nothingToCommit");
        }
        Integer attempt = claim(batchId, "PREVIEWED", "COMMITTING", null);
        if (attempt == null) {
            String status = jdbc.sql("select status from import_batch where id = :id and user_id = :u")
                    .param("id", batchId).param("u", currentUser.require().id()).query(String.class).optional()
                    .orElseThrow(() -> new NotFoundException("import", batchId));
            if (status.equals("COMMITTING") || status.equals("COMMITTED")) {
                return;
            }
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        queue(batchId, attempt, "COMMITTING", "PREVIEWED", locale, p -> runCommit(batchId, attempt, locale, p));
    }

    /** Queues a claimed run; a full queue puts the batch back to {@code back}, with the reason, and is thrown. */
    private void queue(long batchId, int attempt, String running, String back, Locale locale,
            java.util.function.Consumer<ImportProgress> run) {
        var progress = new ImportProgress();
        try {
            jobs.submit(batchId, progress, () -> run.accept(progress));
        } catch (InvalidInputException e) {
            failed(batchId, attempt, running, back, message(e, locale));
            throw e;
        }
    }

    /**
     * Moves the batch from {@code from}, or from {@code running} if the run there died (no heartbeat for
     * {@link ImportJobs#STALE}), to {@code running} with the next attempt number and a fresh heartbeat, in one
     * statement; the new attempt, or null if the batch was neither. A batch row that is locked is left alone: a
     * commit holds it for as long as it runs, so it is alive whatever its heartbeat says, and two clicks at once
     * claim it once.
     */
    private Integer claim(long batchId, String from, String running, ImportOptions options) {
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
                """).param("id", batchId).param("u", currentUser.require().id()).param("from", from)
                .param("running", running).param("stale", ImportJobs.STALE.toSeconds())
                .param("options", options == null ? null : options.json()).query(Integer.class)
                .optional().orElse(null);
    }

    /** Runs again a dry run that failed (the database was away, say) or whose instance died before it finished. */
    public void restartPreview(long batchId, Locale locale) {
        requireWriter();
        Integer attempt = claim(batchId, "FAILED", "PREVIEWING", null);
        if (attempt == null) {
            return; // still running, or finished meanwhile: the page shows which
        }
        queue(batchId, attempt, "PREVIEWING", "FAILED", locale, p -> runPreview(batchId, attempt, locale, p));
    }

    private void runCommit(long batchId, int attempt, Locale locale, ImportProgress progress) {
        try {
            commit(batchId, locale, progress, attempt);
        } catch (InvalidInputException e) {
            failed(batchId, attempt, "COMMITTING", "PREVIEWED", message(e, locale));
        } catch (RuntimeException | Error e) {
            LOG.error("Commit of import {} failed", batchId, e);
            failed(batchId, attempt, "COMMITTING", "PREVIEWED",
                    messages.getMessage("import.commitFailed", null, locale));
        }
    }

    /** The commit; {@code attempt} is the run's own (a background run), or null for the API's commit in the request. */
    private Report commit(long batchId, Locale locale, ImportProgress progress, Integer attempt) {
        requireWriter();
        try {
            return outer.execute(status -> commitInTransaction(batchId, locale, progress, attempt));
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            LOG.warn("Import {} not committed: {}", batchId, e.getMostSpecificCause().getMessage());
            // a code or credit code taken meanwhile is worth another try; anything else would fail the same way again
            throw new InvalidInputException(null, e instanceof org.springframework.dao.DuplicateKeyException
                    ? "import.commitClash" : "import.commitFailed");
        }
    }

    private Report commitInTransaction(long batchId, Locale locale, ImportProgress progress, Integer attempt) {
        var row = jdbc.sql("select *, options::text as options_text from import_batch where id = :id and user_id = :u "
                + "for update").param("id", batchId)
                .param("u", currentUser.require().id()).query().listOfRows();
        if (row.isEmpty()) {
            throw new NotFoundException("import", batchId);
        }
        Object status = row.get(0).get("status");
        if ("COMMITTED".equals(status)) {
            throw new InvalidInputException(null, "import.alreadyCommitted");
        }
        if (!"PREVIEWED".equals(status) && !"COMMITTING".equals(status)) {
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        if (attempt != null && ((Number) row.get(0).get("attempt")).intValue() != attempt) {
            LOG.info("Import {}: commit attempt {} was taken over by a later one", batchId, attempt);
            throw new InvalidInputException(null, "import.alreadyCommitted");
        }
        ImportKind kind = ImportKind.valueOf((String) row.get(0).get("kind"));
        byte[] file = (byte[]) row.get(0).get("content");
        ImportOptions options = ImportOptions.parse((String) row.get(0).get("options_text"));
        Report report = run(kind, file, locale, true, "import_batch " + batchId, progress, attempt != null, options,
                (String) row.get(0).get("file_name"));
        if (report.created() + report.updated() == 0) {
            // nothing would be written: the batch stays previewed (its rows' reasons are on its page)
            throw new InvalidInputException(null, "import.nothingToCommit");
        }
        jdbc.sql("""
                update import_batch set status = 'COMMITTED', committed_at = now(), content = null, created = :c,
                       updated = :u, unchanged = :n, rejected = :r, report = :report::jsonb, error = null
                 where id = :id
                """).param("c", report.created()).param("u", report.updated()).param("n", report.unchanged())
                .param("r", report.rejected()).param("report", JSON.writeValueAsString(shown(report.results())))
                .param("id", batchId).update();
        audit.record("IMPORT_COMMIT", "import_batch", batchId, cn.yinfeng.audit.Outcome.SUCCESS, kind
                + " created=" + report.created() + " updated=" + report.updated() + " rejected=" + report.rejected());
        return new Report(batchId, kind, (String) row.get(0).get("file_name"), report.rows(), report.created(),
                report.updated(), report.unchanged(), report.rejected(), report.results(), true, report.sheet());
    }

    /** {@code background}: a queued run, which waits its turn to parse; else a request's, which waits briefly. */
    private Report run(ImportKind kind, byte[] file, Locale locale, boolean keep, String source,
            ImportProgress progress, boolean background, ImportOptions options, String fileName) {
        RowHandler handler = handlers.get(kind);
        long t0 = System.nanoTime();
        progress.phase(ImportProgress.Phase.READING, 0);
        LedgerSheets.Read read = parses.run(background, () -> LedgerSheets.read(file, handler, maxRows, progress,
                options.mapping(), options.sheet()));
        List<Map<String, String>> rows = read.rows();
        long t1 = System.nanoTime();
        var user = currentUser.require();
        var importRun = new ImportRun(user, currentUser.scope(), regions, jdbc, source, options.clearBlanks(),
                options.confirmed());
        boolean regional = handler.columns().stream().anyMatch(c -> c.field().equals("region"));
        cn.yinfeng.regions.Region landing = null;
        if (regional && !read.fields().contains("region")) {
            // a county's own ledger has no region column: the region chosen on upload, else its title or file name
            // says whose it is ("孝义市2024年签约项目台账"); else each row is refused where the importer is above a county
            landing = options.regionId() != null ? regions.find(options.regionId()).orElse(null)
                    : importRun.inTitle(read.title()) != null ? importRun.inTitle(read.title())
                    : importRun.inTitle(fileName);
            if (landing != null) {
                String name = landing.name();
                rows.forEach(r -> r.putIfAbsent("region", name));
            }
        }
        var sheet = new SheetInfo(read.sheetName(), read.sheet(), read.sheets(), read.title(), read.headers(),
                read.unknownColumns(), landing == null ? null : landing.name());
        return outer.execute(status -> {
            // One transaction grows tables (audit log, projects …) far beyond the sizes that the statements the
            // services prepare were planned for: a generic plan made when the audit log held a few rows (the chain's
            // "latest hash" query has no parameter, so it always runs its generic plan) scans the table whole for
            // every row, which makes a large import quadratic. Custom plans for statements with parameters, and all
            // cached plans dropped every few hundred rows, keep plans in step with the sizes. Ends with the
            // transaction; planning costs a fraction of a millisecond per statement.
            // (Not for the bulk writes: the foreign-key checks of a COPY run through cached plans too, and re-planning
            // them for every row made writing 100,000 new projects three times slower.)
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            var results = new ArrayList<RowResult>(rows.size());
            var seen = new HashMap<String, Integer>();
            if (bulk) {
                progress.phase(ImportProgress.Phase.MATCHING, rows.size());
                handler.prefetch(rows, importRun);
            }
            long t2 = System.nanoTime();
            progress.phase(ImportProgress.Phase.CHECKING, rows.size());
            int done = 0;
            int applied = 0;
            for (Map<String, String> r : rows) {
                if (done % ImportProgress.EVERY == 0) {
                    progress.done(done);
                }
                if (++done % REPLAN_EVERY == 0 && applied > 0) {
                    jdbc.sql("discard plans").update();
                    applied = 0;
                }
                int number = Integer.parseInt(r.get("_row"));
                String label = handler.label(r);
                String key = handler.fileKey(r, importRun);
                if (key != null && seen.containsKey(key)) {
                    results.add(landed(new RowResult(number, label, Outcome.REJECT, null, null, List.of(
                            messages.getMessage("import.duplicateInFile." + kind, new Object[] {seen.get(key)},
                                    locale))), regional, r, importRun));
                    continue;
                }
                if (key != null) {
                    seen.put(key, number);
                }
                try {
                    RowResult decided = bulk ? handler.decide(number, r, importRun) : null;
                    if (decided == null) {
                        applied++;
                        decided = nested.execute(s -> handler.apply(number, r, importRun));
                    }
                    var warnings = importRun.takeWarnings(number);
                    if (!warnings.isEmpty()) {
                        var notes = new ArrayList<>(decided.problems());
                        FormErrors.resolve(new InvalidInputException(warnings), messages, locale).forEach(
                                (field, msgs) -> msgs.forEach(m -> notes.add(prefix(read, handler, field) + m)));
                        decided = decided.withProblems(notes);
                    }
                    if (!decided.changes().isEmpty()) {
                        decided = decided.withChanges(decided.changes().stream().map(c -> new Change(
                                read.headers().getOrDefault(c.column(), header(handler, c.column())), c.from(),
                                c.to())).toList());
                    }
                    results.add(landed(decided, regional, r, importRun));
                } catch (InvalidInputException e) {
                    importRun.takeWarnings(number);
                    var problems = new ArrayList<String>();
                    FormErrors.resolve(unmapped(e, read, handler), messages, locale).forEach((field, msgs) ->
                            msgs.forEach(m -> problems.add(prefix(read, handler, field) + m)));
                    boolean duplicate = e.problems().stream()
                            .anyMatch(x -> x.messageKey().equals("import.duplicateCandidate"));
                    results.add(landed(new RowResult(number, label, Outcome.REJECT, null, null, problems, null,
                            List.of(), duplicate), regional, r, importRun));
                } catch (AccessDeniedException | NotFoundException e) {
                    results.add(landed(new RowResult(number, label, Outcome.REJECT, null, null,
                            List.of(messages.getMessage("project.region.outOfScope", null, locale))), regional, r,
                            importRun));
                } catch (ConflictException e) {
                    results.add(landed(new RowResult(number, label, Outcome.REJECT, null, null,
                            List.of(messages.getMessage("error.409.title", null, locale))), regional, r, importRun));
                } catch (org.springframework.dao.DataIntegrityViolationException e) {
                    // a value the rules let through and the database refused (a text longer than its column, say):
                    // this row only, rolled back to its savepoint, instead of the whole import failing
                    // (its SQL state only: the database's message may quote the row, personal data included)
                    LOG.warn("Import row {} refused by the database: SQL state {}", number,
                            e.getMostSpecificCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : "-");
                    results.add(new RowResult(number, label, Outcome.REJECT, null, null,
                            List.of(messages.getMessage("import.rowRefused", null, locale))));
                }
            }
            progress.done(rows.size());
            for (LedgerSheets.Skipped skipped : read.skipped()) {
                results.add(new RowResult(skipped.row(), null, Outcome.SKIP, null, null, List.of(messages.getMessage(
                        "import.skipped." + skipped.kind(), null, locale))));
            }
            results.sort(java.util.Comparator.comparingInt(RowResult::rowNumber));
            long t3 = System.nanoTime();
            if (keep && bulk) {
                progress.phase(ImportProgress.Phase.WRITING, (int) results.stream()
                        .filter(x -> x.outcome() == Outcome.CREATE && x.recordId() == null).count());
                jdbc.sql("set local plan_cache_mode = auto").update();
                Map<Integer, Long> ids = handler.writeDeferred(importRun, source);
                if (!ids.isEmpty()) {
                    results.replaceAll(x -> x.outcome() == Outcome.CREATE && x.recordId() == null
                            ? x.withRecord(ids.get(x.rowNumber()), handler.link(ids.get(x.rowNumber())))
                            : x);
                }
            }
            if (!keep) {
                status.setRollbackOnly();
            }
            LOG.info("{} {} rows ({}): read {} ms, matched {} ms, decided and applied {} ms, written together {} ms",
                    keep ? "Committed" : "Previewed", rows.size(), kind, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
            int[] counts = new int[Outcome.values().length];
            results.forEach(x -> counts[x.outcome().ordinal()]++);
            return new Report(null, kind, null, rows.size(), counts[0], counts[1], counts[2], counts[3], results, keep,
                    sheet);
        });
    }

    /** The row's result with the region it lands in, for kinds with a region (the preview shows it for every row). */
    private static RowResult landed(RowResult result, boolean regional, Map<String, String> row, ImportRun run) {
        if (!regional || result.region() != null) {
            return result;
        }
        var region = run.region(row.get("region"));
        return result.withRegion(region != null ? region.name() : row.get("region"));
    }

    /**
     * "列名：" for a field, the column as the file names it ("投资额(万元)/总投资"), else as the template does; nothing
     * for problems of the whole row.
     */
    private static String prefix(LedgerSheets.Read read, RowHandler handler, String field) {
        if (field == null || field.equals(FormErrors.GLOBAL)) {
            return "";
        }
        String written = read.headers().get(field);
        if (written != null) {
            return written + "：";
        }
        String header = header(handler, field);
        return header.equals(field) ? "" : header + "：";
    }

    /** The template's header of a field, or the field itself when the kind has no such column. */
    private static String header(RowHandler handler, String field) {
        for (RowHandler.Column c : handler.columns()) {
            if (c.field().equals(field)) {
                return c.header();
            }
        }
        return field;
    }

    /**
     * A required field that no column of the file gave, while some columns were not recognised, is not "required"
     * on a filled cell: it says which columns to map ("未识别的列“投资规模”：请在下方选择对应字段").
     */
    private static InvalidInputException unmapped(InvalidInputException e, LedgerSheets.Read read,
            RowHandler handler) {
        if (read.unknownColumns().isEmpty()) {
            return e;
        }
        String unknown = String.join("”“", read.unknownColumns());
        return new InvalidInputException(e.problems().stream().map(p -> p.messageKey().equals("validation.required")
                && p.field() != null && !read.fields().contains(p.field())
                ? new InvalidInputException.Problem(null, "import.fieldNotMapped", header(handler, p.field()), unknown)
                : p).toList());
    }

    /** The data rows of a ledger file as the kind reads them (see {@link LedgerSheets}). */
    List<Map<String, String>> read(byte[] file, RowHandler handler) {
        return LedgerSheets.read(file, handler, maxRows, ImportProgress.NONE).rows();
    }

    /** The template of a kind (see {@link LedgerTemplates}). */
    public void writeTemplate(ImportKind kind, OutputStream out) throws IOException {
        LedgerTemplates.write(handlers.get(kind), out);
    }

    static String sheetName(ImportKind kind) {
        return LedgerTemplates.sheetName(kind);
    }

    /** Where a file goes once it is known to exist: the response is only made an attachment then. */
    @FunctionalInterface
    public interface Target {
        /** @param format the file's format, as its extension: xlsx, xls or csv */
        OutputStream open(String format) throws IOException;
    }

    /**
     * The clerk's own file back, in its own format and layout, with a 导入结果 column after the last: each data row's
     * outcome and reasons, and why a 合计 or footer row was skipped (see {@link AnnotatedCopy}). A batch that is not
     * the caller's, is missing or has no report (any more) is not found before {@code target} is opened, so the
     * answer is a plain 404.
     */
    public void writeErrors(long batchId, Locale locale, Target target) throws IOException {
        var row = jdbc.sql("select kind, content, options::text, file_name from import_batch where id = :id "
                + "and user_id = :u and status = 'PREVIEWED'").param("id", batchId)
                .param("u", currentUser.require().id())
                .query((rs, n) -> new Stored(ImportKind.valueOf(rs.getString(1)), rs.getBytes(2),
                        ImportOptions.parse(rs.getString(3)), rs.getString(4))).optional()
                .orElseThrow(() -> new NotFoundException("import", batchId));
        ImportKind kind = row.kind();
        RowHandler handler = handlers.get(kind);
        byte[] file = row.file();
        Report report = run(kind, file, locale, false, null, ImportProgress.NONE, false, row.options(),
                row.fileName());
        var read = parses.run(false, () -> LedgerSheets.read(file, handler, maxRows, ImportProgress.NONE,
                row.options().mapping(), row.options().sheet()));
        var texts = new java.util.HashMap<Integer, String>();
        for (RowResult r : report.results()) {
            String outcome = messages.getMessage("import.outcome." + r.outcome(), null, locale);
            var notes = new ArrayList<String>();
            String blank = messages.getMessage("ledger.blank", null, locale);
            r.changes().forEach(c -> notes.add(messages.getMessage("ledger.change", new Object[] {c.column(),
                    c.from().isEmpty() ? blank : c.from(), c.to().isEmpty() ? blank : c.to()}, locale)));
            notes.addAll(r.problems());
            texts.put(r.rowNumber(), notes.isEmpty() ? outcome : outcome + "：" + String.join("；", notes));
        }
        byte[] copy = parses.run(false, () -> AnnotatedCopy.of(file, read.sheet(), read.width(),
                messages.getMessage("import.resultColumn", null, locale), read.headerFirstRow(), texts, List.of()));
        try (OutputStream out = target.open(read.format())) {
            out.write(copy);
        }
    }

    private void requireWriter() {
        var u = currentUser.require();
        if (!u.hasRole(Role.COUNTY_STAFF) && !u.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("imports need county or city staff");
        }
    }

    /** The name as stored and shown: its last path segment, control characters (NUL included) removed. */
    static String safeName(String name) {
        String n = cn.yinfeng.common.FileNames.safe(name);
        return n.isEmpty() ? "upload.xlsx" : n;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
