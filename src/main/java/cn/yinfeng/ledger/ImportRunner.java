package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Sha256;
import cn.yinfeng.ledger.Imports.Change;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.ledger.Imports.SheetInfo;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of a ledger file for a kind: the file read ({@link LedgerSheets}, with the uploader's mapping and sheet),
 * rows without a region given where they land, and every row through the kind's {@link RowHandler} in its own
 * savepoint, its outcome, landing region, changes and problems (each naming the column as the file does) collected
 * in file order with the skipped rows. A dry run rolls the transaction back; a commit keeps it and writes the records
 * the kind kept for the end.
 */
@Component
class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    /** Rows between two {@code DISCARD PLANS} in a run (see {@link #run}). */
    static final int REPLAN_EVERY = 500;

    private final Map<ImportKind, RowHandler> handlers = new EnumMap<>(ImportKind.class);
    private final Regions regions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final TransactionTemplate outer;
    private final TransactionTemplate nested;
    private final Parses parses;
    private final int maxRows;
    private final AuditLog audit;
    private final DryRuns dryRuns;
    /** Whether kinds that can decide rows first do so and write new records together (see {@link RowHandler#decide}). */
    private boolean bulk;

    ImportRunner(
            List<RowHandler> handlers,
            Regions regions,
            CurrentUser currentUser,
            JdbcClient jdbc,
            MessageSource messages,
            PlatformTransactionManager tx,
            Parses parses,
            AuditLog audit,
            DryRuns dryRuns,
            @Value("${yinfeng.import.max-rows:200000}") int maxRows,
            @Value("${yinfeng.import.bulk:true}") boolean bulk) {
        handlers.forEach(h -> this.handlers.put(h.kind(), h));
        this.regions = regions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.messages = messages;
        this.outer = new TransactionTemplate(tx);
        this.nested = new TransactionTemplate(tx);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.parses = parses;
        this.maxRows = maxRows;
        this.audit = audit;
        this.dryRuns = dryRuns;
        this.bulk = bulk;
    }

    void bulk(boolean on) {
        this.bulk = on;
    }

    RowHandler handler(ImportKind kind) {
        return handlers.get(kind);
    }

    /** The file as the kind reads it with the uploader's options (for the annotated copy). */
    LedgerSheets.Read read(ImportKind kind, byte[] file, ImportOptions options, boolean background) {
        return parses.run(
                background,
                () -> LedgerSheets.read(
                        file, handlers.get(kind), maxRows, ImportProgress.NONE, options.mapping(), options.sheet()));
    }

    /**
     * {@code background}: a queued run, which waits its turn to parse; else a request's, which waits briefly.
     * {@code decisions}, for a dry run whose commit may come: receives what it decided, where the kind's decisions
     * can be written later ({@link RowHandler#decisionsOutliveTheRun}); null to keep nothing.
     */
    Imports.Report run(
            ImportKind kind,
            byte[] file,
            Locale locale,
            boolean keep,
            String source,
            ImportProgress progress,
            boolean background,
            ImportOptions options,
            String fileName,
            Consumer<DryRuns.Decided> decisions) {
        RowHandler handler = handlers.get(kind);
        long t0 = System.nanoTime();
        progress.phase(ImportProgress.Phase.READING, 0);
        LedgerSheets.Read read = parses.run(
                background,
                () -> LedgerSheets.read(file, handler, maxRows, progress, options.mapping(), options.sheet()));
        List<Map<String, String>> rows = read.rows();
        long t1 = System.nanoTime();
        var user = currentUser.require();
        var importRun = new ImportRun(
                user,
                currentUser.scope(),
                regions,
                jdbc,
                source,
                options.clearBlanks(),
                options.confirmed(),
                options.backfill());
        boolean regional = handler.columns().stream().anyMatch(c -> c.field().equals("region"));
        Region landing = null;
        if (regional && !read.fields().contains("region")) {
            // a county's own ledger has no region column: the region chosen on upload, else its title or file name
            // says whose it is ("孝义市2024年签约项目台账"); else each row is refused where the importer is above a county
            landing = options.regionId() != null
                    ? regions.find(options.regionId()).orElse(null)
                    : importRun.inTitle(read.title()) != null
                            ? importRun.inTitle(read.title())
                            : importRun.inTitle(fileName);
            if (landing != null) {
                String name = landing.name();
                rows.forEach(r -> r.putIfAbsent("region", name));
            }
        }
        var sheet = new SheetInfo(
                read.sheetName(),
                read.sheet(),
                read.sheets(),
                read.title(),
                read.headers(),
                read.unknownColumns(),
                landing == null ? null : landing.name());
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
            boolean keepDecisions = decisions != null && !keep && bulk && handler.decisionsOutliveTheRun();
            long since = keepDecisions ? audit.latestId() : 0;
            var results = new ArrayList<RowResult>(rows.size());
            var applied = new ArrayList<Map<String, String>>();
            var seen = new HashMap<String, Integer>();
            if (bulk) {
                progress.phase(ImportProgress.Phase.MATCHING, rows.size());
                handler.prefetch(rows, importRun);
            }
            long t2 = System.nanoTime();
            progress.phase(ImportProgress.Phase.CHECKING, rows.size());
            int done = 0;
            int sinceReplan = 0;
            for (Map<String, String> r : rows) {
                if (done % ImportProgress.EVERY == 0) {
                    progress.done(done);
                }
                if (++done % REPLAN_EVERY == 0 && sinceReplan > 0) {
                    jdbc.sql("discard plans").update();
                    sinceReplan = 0;
                }
                int number = Integer.parseInt(r.get("_row"));
                String key = handler.fileKey(r, importRun);
                if (key != null && seen.containsKey(key)) {
                    results.add(landed(
                            reject(number, handler.label(r), "import.duplicateInFile." + kind, locale, seen.get(key)),
                            regional,
                            r,
                            importRun));
                    continue;
                }
                if (key != null) {
                    seen.put(key, number);
                }
                int before = applied.size();
                results.add(row(handler, number, r, importRun, read, regional, locale, applied));
                sinceReplan += applied.size() - before;
            }
            progress.done(rows.size());
            for (LedgerSheets.Skipped skipped : read.skipped()) {
                results.add(new RowResult(
                        skipped.row(),
                        null,
                        Outcome.SKIP,
                        null,
                        null,
                        List.of(messages.getMessage("import.skipped." + skipped.kind(), null, locale))));
            }
            results.sort(Comparator.comparingInt(RowResult::rowNumber));
            long t3 = System.nanoTime();
            if (keep && bulk) {
                writeDeferred(handler, importRun, results, source, progress);
            }
            if (!keep) {
                status.setRollbackOnly();
            }
            if (keepDecisions) {
                decisions.accept(new DryRuns.Decided(
                        since,
                        user.id(),
                        kind,
                        Sha256.hex(file),
                        locale,
                        importRun,
                        List.copyOf(results),
                        applied,
                        withRows(read, applied),
                        sheet,
                        rows.size(),
                        regional));
            }
            LOG.info(
                    "{} {} rows ({}): read {} ms, matched {} ms, decided and applied {} ms, written together {} ms",
                    keep ? "Committed" : "Previewed",
                    rows.size(),
                    kind,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000,
                    (System.nanoTime() - t3) / 1_000_000);
            return report(kind, rows.size(), results, keep, sheet);
        });
    }

    /**
     * The commit of a previewed batch: from its dry run's decisions when they are kept here, were made by the same
     * user in the same language, and nothing has been written since the dry run began (the audit log records every
     * write); the rows that changed records are applied again and the kept new records written. Else the file is
     * read and every row decided again, as in {@link #run}.
     */
    Imports.Report commit(
            long batchId, ImportBatches.Stored b, Locale locale, ImportProgress progress, boolean background) {
        String source = "import_batch " + batchId;
        DryRuns.Decided d = dryRuns.take(batchId);
        if (d != null
                && bulk
                && d.kind() == b.kind()
                && d.fileHash().equals(Sha256.hex(b.file()))
                && d.user() == currentUser.require().id()
                && d.locale().equals(locale)
                && !audit.recordedSince(d.since(), READS)) {
            dryRuns.countReuse();
            return fromDecisions(d, source, progress);
        }
        return run(b.kind(), b.file(), locale, true, source, progress, background, b.options(), b.fileName(), null);
    }

    /**
     * Audit actions that write nothing a row's decision reads: signing in and out, exports and downloads, list
     * settings, other batches' dry runs and mappings.
     */
    static final List<String> READS = List.of(
            "LOGIN",
            "LOGOUT",
            "LOGIN_NAME_LOCKED",
            "EXPORT",
            "RECONCILE_EXPORT",
            "PROJECT_FILE_DOWNLOAD",
            "NOT_FOUND",
            "LIST_PREF",
            "LIST_FILTER_SAVE",
            "LIST_FILTER_DELETE",
            "IMPORT_PREVIEW",
            "IMPORT_MAPPING",
            "IMPORT_CONFIRM",
            "TALENT_PII_REVEAL");

    private Imports.Report fromDecisions(DryRuns.Decided d, String source, ImportProgress progress) {
        RowHandler handler = handlers.get(d.kind());
        return outer.execute(status -> {
            long t0 = System.nanoTime();
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            ImportRun importRun = d.run().committing(source);
            progress.phase(ImportProgress.Phase.CHECKING, d.applied().size());
            var again = new HashMap<Integer, RowResult>();
            var applied = new ArrayList<Map<String, String>>();
            int done = 0;
            for (Map<String, String> r : d.applied()) {
                if (++done % REPLAN_EVERY == 0) {
                    jdbc.sql("discard plans").update();
                }
                int number = Integer.parseInt(r.get("_row"));
                again.put(number, row(handler, number, r, importRun, d.read(), d.regional(), d.locale(), applied));
            }
            progress.done(d.applied().size());
            var results = new ArrayList<>(d.results());
            results.replaceAll(x -> again.getOrDefault(x.rowNumber(), x));
            long t1 = System.nanoTime();
            handler.reopen(importRun);
            writeDeferred(handler, importRun, results, source, progress);
            LOG.info(
                    "Committed {} rows ({}) from the dry run's decisions: {} applied again in {} ms, written together"
                            + " {} ms",
                    d.rows(),
                    d.kind(),
                    d.applied().size(),
                    (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            return report(d.kind(), d.rows(), results, true, d.sheet());
        });
    }

    /** Writes the records the kind kept for the end; the created rows' results get their record. */
    private void writeDeferred(
            RowHandler handler, ImportRun importRun, List<RowResult> results, String source, ImportProgress progress) {
        progress.phase(ImportProgress.Phase.WRITING, (int) results.stream()
                .filter(x -> x.outcome() == Outcome.CREATE && x.recordId() == null)
                .count());
        jdbc.sql("set local plan_cache_mode = auto").update();
        Map<Integer, Long> ids = handler.writeDeferred(importRun, source);
        if (!ids.isEmpty()) {
            results.replaceAll(x -> x.outcome() == Outcome.CREATE && x.recordId() == null
                    ? x.withRecord(ids.get(x.rowNumber()), handler.link(ids.get(x.rowNumber())))
                    : x);
        }
    }

    private static Imports.Report report(
            ImportKind kind, int rows, List<RowResult> results, boolean keep, SheetInfo sheet) {
        int[] counts = new int[Outcome.values().length];
        results.forEach(x -> counts[x.outcome().ordinal()]++);
        return new Imports.Report(
                null, kind, null, rows, counts[0], counts[1], counts[2], counts[3], results, keep, sheet);
    }

    /** The reading of a file with only the given rows (what a kept dry run needs of it). */
    private static LedgerSheets.Read withRows(LedgerSheets.Read read, List<Map<String, String>> rows) {
        return new LedgerSheets.Read(
                rows,
                read.skipped(),
                read.sheet(),
                read.sheetName(),
                read.format(),
                read.headerFirstRow(),
                read.headerLastRow(),
                read.width(),
                read.unknownColumns(),
                read.title(),
                read.fields(),
                read.headers(),
                read.sheets());
    }

    /**
     * One row decided where the kind can (without writing), else applied in its own savepoint (then added to
     * {@code applied}); its result with warnings, changes in the file's own column names, and problems.
     */
    private RowResult row(
            RowHandler handler,
            int number,
            Map<String, String> r,
            ImportRun importRun,
            LedgerSheets.Read read,
            boolean regional,
            Locale locale,
            List<Map<String, String>> applied) {
        String label = handler.label(r);
        try {
            RowResult decided = bulk ? handler.decide(number, r, importRun) : null;
            if (decided == null) {
                applied.add(r);
                decided = nested.execute(s -> handler.apply(number, r, importRun));
            }
            var warnings = importRun.takeWarnings(number);
            if (!warnings.isEmpty()) {
                var notes = new ArrayList<>(decided.problems());
                FormErrors.resolve(new InvalidInputException(warnings), messages, locale)
                        .forEach((field, msgs) -> msgs.forEach(m -> notes.add(prefix(read, handler, field) + m)));
                decided = decided.withProblems(notes);
            }
            if (!decided.changes().isEmpty()) {
                decided = decided.withChanges(decided.changes().stream()
                        .map(c -> new Change(
                                read.headers().getOrDefault(c.column(), header(handler, c.column())), c.from(), c.to()))
                        .toList());
            }
            return landed(decided, regional, r, importRun);
        } catch (InvalidInputException e) {
            importRun.takeWarnings(number);
            var problems = new ArrayList<String>();
            FormErrors.resolve(unmapped(e, read, handler), messages, locale)
                    .forEach((field, msgs) -> msgs.forEach(m -> problems.add(prefix(read, handler, field) + m)));
            boolean duplicate =
                    e.problems().stream().anyMatch(x -> x.messageKey().equals("import.duplicateCandidate"));
            return landed(
                    new RowResult(number, label, Outcome.REJECT, null, null, problems, null, List.of(), duplicate),
                    regional,
                    r,
                    importRun);
        } catch (AccessDeniedException | NotFoundException e) {
            return landed(reject(number, label, "project.region.outOfScope", locale), regional, r, importRun);
        } catch (ConflictException e) {
            return landed(reject(number, label, "error.409.title", locale), regional, r, importRun);
        } catch (DataIntegrityViolationException e) {
            // a value the rules let through and the database refused (a text longer than its column, say):
            // this row only, rolled back to its savepoint, instead of the whole import failing
            // (its SQL state only: the database's message may quote the row, personal data included)
            LOG.warn(
                    "Import row {} refused by the database: SQL state {}",
                    number,
                    e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "-");
            return reject(number, label, "import.rowRefused", locale);
        }
    }

    private RowResult reject(int number, String label, String messageKey, Locale locale, Object... args) {
        return new RowResult(
                number, label, Outcome.REJECT, null, null, List.of(messages.getMessage(messageKey, args, locale)));
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
    private static InvalidInputException unmapped(InvalidInputException e, LedgerSheets.Read read, RowHandler handler) {
        if (read.unknownColumns().isEmpty()) {
            return e;
        }
        String unknown = String.join("”“", read.unknownColumns());
        return new InvalidInputException(e.problems().stream()
                .map(p -> p.messageKey().equals("validation.required")
                                && p.field() != null
                                && !read.fields().contains(p.field())
                        ? new InvalidInputException.Problem(
                                null, "import.fieldNotMapped", header(handler, p.field()), unknown)
                        : p)
                .toList());
    }
}
