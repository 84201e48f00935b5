package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.FileNames;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Sha256;
import cn.yinfeng.ledger.ImportBatches.Status;
import cn.yinfeng.ledger.sheet.ColumnMapper;
import cn.yinfeng.regions.Regions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import framework every ledger kind shares. A file is checked ({@link Spreadsheets#check}), read with tolerant
 * headers, and every row goes through the kind's {@link RowHandler} (that is, the owning module's services and
 * rules) in its own savepoint: the dry run does all of it and rolls back, reporting per row what would be created,
 * updated, left unchanged or rejected (with the column and the reason); the commit runs the previewed file again and
 * keeps the accepted rows, all in one transaction. Rows match existing records by each kind's natural key, so the
 * same file twice changes nothing the second time. Each import is recorded in {@code import_batch}
 * ({@link ImportBatches}: its states and attempts); {@link ImportRunner} runs a file.
 */
@Service
public class Imports {

    public enum Outcome {
        CREATE,
        UPDATE,
        UNCHANGED,
        REJECT,
        SKIP
    }

    /**
     * One row's outcome; {@code recordId}/{@code link} name the record it created, updated or matched;
     * {@code region} is where it lands (kinds with a region); {@code changes} what an update changes, old → new.
     */
    public record RowResult(
            int rowNumber,
            String name,
            Outcome outcome,
            Long recordId,
            String link,
            List<String> problems,
            String region,
            List<Change> changes,
            boolean duplicate) {

        public RowResult {
            problems = problems == null ? List.of() : problems;
            changes = changes == null ? List.of() : changes;
        }

        public RowResult(
                int rowNumber, String name, Outcome outcome, Long recordId, String link, List<String> problems) {
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
    public record SheetInfo(
            String name,
            int index,
            List<String> sheets,
            String title,
            Map<String, String> columns,
            List<String> unknownColumns,
            String landing) {}

    /**
     * A run's counts over the data rows ({@code rows}); {@code results} also lists the rows skipped as not data
     * (合计, 表尾 …, outcome {@link Outcome#SKIP}), which no count includes.
     */
    public record Report(
            Long batchId,
            ImportKind kind,
            String fileName,
            int rows,
            int created,
            int updated,
            int unchanged,
            int rejected,
            List<RowResult> results,
            boolean committed,
            SheetInfo sheet) {

        public long skipped() {
            return results.stream().filter(r -> r.outcome() == Outcome.SKIP).count();
        }
    }

    private final ImportRunner runner;
    private final DryRuns dryRuns;
    private final ImportBatches batches;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final long maxBytes;
    private final int maxRows;
    private final ImportJobs jobs;
    private final ImportQueue queue;
    private final Spreadsheets.Limits limits;

    Imports(
            ImportRunner runner,
            DryRuns dryRuns,
            ImportBatches batches,
            Regions regions,
            CurrentUser currentUser,
            AuditLog audit,
            ImportJobs jobs,
            ImportQueue queue,
            @Value("${yinfeng.import.max-bytes:20971520}") long maxBytes,
            @Value("${yinfeng.import.max-rows:200000}") int maxRows,
            @Value("${yinfeng.import.max-shared-strings:500000}") int maxSharedStrings,
            @Value("${yinfeng.import.max-shared-strings-size:64MB}") DataSize maxSharedStringsSize) {
        this.runner = runner;
        this.dryRuns = dryRuns;
        this.batches = batches;
        this.jobs = jobs;
        this.queue = queue;
        this.limits = new Spreadsheets.Limits(maxBytes, maxSharedStrings, maxSharedStringsSize.toBytes());
        this.regions = regions;
        this.currentUser = currentUser;
        this.audit = audit;
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    /** For the tests that hold the row-by-row path and the bulk path to the same results. */
    void bulk(boolean on) {
        runner.bulk(on);
    }

    RowHandler handler(ImportKind kind) {
        return runner.handler(kind);
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
        var decided = new AtomicReference<DryRuns.Decided>();
        Report report = runner.run(
                kind, file, locale, false, null, ImportProgress.NONE, false, options, fileName, decided::set);
        long id = batches.insert(
                kind,
                currentUser.require().id(),
                safeName(fileName),
                Sha256.hex(file),
                file,
                Status.PREVIEWED,
                options);
        if (previewed(id, 0, kind, report) && decided.get() != null) {
            dryRuns.keep(id, decided.get());
        }
        return new Report(
                id,
                kind,
                safeName(fileName),
                report.rows(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected(),
                report.results(),
                false,
                report.sheet());
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
        var saved = batches.mappings(currentUser.require().region(), kind);
        saved.putAll(options.mapping());
        return options.withMapping(saved, options.sheet());
    }

    /**
     * The user's mapping of columns (name as written → field or {@link ColumnMapper#IGNORE}, blank to forget one),
     * choice of sheet and rows confirmed not to be duplicates, for a previewed batch: the mapping is remembered for
     * the caller's region and the kind, then the dry run runs again with them. A field the kind does not have is the
     * column's error.
     */
    public void remap(long batchId, Map<String, String> mapping, Integer sheet, Set<Integer> confirmed, Locale locale) {
        requireWriter();
        var user = currentUser.require();
        var row = batches.options(batchId, user.id()).orElseThrow(() -> new NotFoundException("import", batchId));
        ImportKind kind = row.getKey();
        var fields = new HashSet<String>();
        runner.handler(kind).columns().forEach(c -> fields.add(c.field()));
        fields.add(ColumnMapper.IGNORE);
        var problems = new ArrayList<InvalidInputException.Problem>();
        var merged = new LinkedHashMap<>(row.getValue().mapping());
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
        mapping.forEach((column, field) -> batches.remember(user.region(), kind, column, field, user.id()));
        var options = row.getValue()
                .withMapping(merged, sheet == null ? row.getValue().sheet() : sheet);
        if (confirmed != null) {
            options = options.withConfirmed(confirmed);
        }
        dryRuns.forget(batchId); // decided under the options replaced here
        Integer attempt = batches.claim(batchId, user.id(), Status.PREVIEWED, Status.PREVIEWING, options);
        if (attempt == null) {
            attempt = batches.claim(batchId, user.id(), Status.FAILED, Status.PREVIEWING, options);
        }
        if (attempt == null) {
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        audit.record(
                "IMPORT_MAPPING",
                "import_batch",
                batchId,
                cn.yinfeng.audit.Outcome.SUCCESS,
                kind + " " + mapping + (sheet == null ? "" : " sheet=" + sheet));
        if (confirmed != null) {
            audit.record(
                    "IMPORT_CONFIRM",
                    "import_batch",
                    batchId,
                    cn.yinfeng.audit.Outcome.SUCCESS,
                    "not duplicates: rows " + new TreeSet<>(confirmed));
        }
        int a = attempt;
        queue.queue(batchId, a, Status.PREVIEWING, Status.FAILED, locale, p -> runPreview(batchId, a, locale, p));
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
        long id = batches.insert(
                kind,
                currentUser.require().id(),
                safeName(fileName),
                Sha256.hex(file),
                file,
                Status.PREVIEWING,
                withSavedMapping(kind, checked(options)));
        var progress = new ImportProgress();
        try {
            jobs.submit(id, progress, () -> runPreview(id, 0, locale, progress));
        } catch (InvalidInputException e) {
            batches.delete(id);
            throw e;
        }
        return id;
    }

    /**
     * The dry run of attempt {@code attempt} of a batch, in a worker. The file is read from the batch here, not kept
     * by the queued task (twenty queued uploads would otherwise hold their files in memory while they wait).
     */
    private void runPreview(long id, int attempt, Locale locale, ImportProgress progress) {
        queue.guarded(id, attempt, Status.PREVIEWING, Status.FAILED, locale, "import.failed", () -> {
            var batch = batches.stored(id, attempt, Status.PREVIEWING);
            if (batch.isEmpty()) {
                return; // another run has taken it over
            }
            ImportBatches.Stored b = batch.get();
            var decided = new AtomicReference<DryRuns.Decided>();
            Report report = runner.run(
                    b.kind(), b.file(), locale, false, null, progress, true, b.options(), b.fileName(), decided::set);
            if (previewed(id, attempt, b.kind(), report) && decided.get() != null) {
                dryRuns.keep(id, decided.get());
            }
        });
    }

    /** Stores a dry run's report if the batch is still this attempt's (says whether it was); audited. */
    private boolean previewed(long id, int attempt, ImportKind kind, Report report) {
        if (!batches.previewed(id, attempt, report, JSON.writeValueAsString(shown(report.results())))) {
            return false;
        }
        audit.record(
                "IMPORT_PREVIEW",
                "import_batch",
                id,
                cn.yinfeng.audit.Outcome.SUCCESS,
                kind + " rows=" + report.rows() + " rejected=" + report.rejected());
        return true;
    }

    /** Rows a report page lists: rejected ones first, at most this many; the copy with results has all of them. */
    static final int SHOWN_ROWS = 1000;

    /**
     * The rows a report page lists, {@link #SHOWN_ROWS} at most: the rejected ones first (what the county has to fix,
     * however far down the file), then the others, each in file order.
     */
    static List<RowResult> shown(List<RowResult> results) {
        var shown = new ArrayList<RowResult>();
        results.stream()
                .filter(r -> r.outcome() == Outcome.REJECT)
                .limit(SHOWN_ROWS)
                .forEach(shown::add);
        int rejected = shown.size();
        results.stream()
                .filter(r -> r.outcome() != Outcome.REJECT)
                .limit(SHOWN_ROWS - rejected)
                .forEach(shown::add);
        shown.sort(Comparator.comparing((RowResult r) -> r.outcome() != Outcome.REJECT)
                .thenComparingInt(RowResult::rowNumber));
        return shown;
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs again a dry run that failed (the database was away, say) or whose instance died before it finished. */
    public void restartPreview(long batchId, Locale locale) {
        requireWriter();
        Integer attempt = batches.claim(batchId, currentUser.require().id(), Status.FAILED, Status.PREVIEWING, null);
        if (attempt == null) {
            return; // still running, or finished meanwhile: the page shows which
        }
        queue.queue(
                batchId,
                attempt,
                Status.PREVIEWING,
                Status.FAILED,
                locale,
                p -> runPreview(batchId, attempt, locale, p));
    }

    /** The data rows of a ledger file as the kind reads them (see {@link LedgerSheets}). */
    List<Map<String, String>> read(byte[] file, RowHandler handler) {
        return LedgerSheets.read(file, handler, maxRows, ImportProgress.NONE).rows();
    }

    /** The template of a kind (see {@link LedgerTemplates}). */
    public void writeTemplate(ImportKind kind, OutputStream out) throws IOException {
        LedgerTemplates.write(runner.handler(kind), out);
    }

    static String sheetName(ImportKind kind) {
        return LedgerTemplates.sheetName(kind);
    }

    private void requireWriter() {
        currentUser.requireStaff("imports need county or city staff");
    }

    /** The name as stored and shown: its last path segment, control characters (NUL included) removed. */
    static String safeName(String name) {
        String n = FileNames.safe(name);
        return n.isEmpty() ? "upload.xlsx" : n;
    }
}
