package cn.yinfeng.ledger;

import java.util.List;
import java.util.Map;

/**
 * One kind of ledger row (projects, enterprises, funds, trips, delegations): its template columns, the header
 * variants people write, the natural key that makes a re-import idempotent, and how one row goes through the owning
 * module's public service. {@link Imports} does the rest (checks, reading, savepoints, preview, commit, copies).
 */
interface RowHandler {

    /** A template column: the field it fills, its Chinese header, whether it is required, its pick list (or empty). */
    record Column(String field, String header, boolean required, List<String> options) {

        static Column of(String field, String header) {
            return new Column(field, header, false, List.of());
        }

        static Column required(String field, String header) {
            return new Column(field, header, true, List.of());
        }

        Column pick(String... values) {
            return new Column(field, header, required, List.of(values));
        }
    }

    /**
     * What a kind's sheet looks like: its columns (in template order), the header variants people write (normalised
     * by {@link Spreadsheets#header}; the template headers are added), the field a header row must contain (with at
     * least two others, and whose value labels a row by default) and the lines of the instructions sheet.
     */
    record Sheet(
            ImportKind kind,
            List<Column> columns,
            Map<String, String> synonyms,
            String keyField,
            List<String> instructions) {}

    Sheet sheet();

    default ImportKind kind() {
        return sheet().kind();
    }

    default List<Column> columns() {
        return sheet().columns();
    }

    default Map<String, String> synonyms() {
        return sheet().synonyms();
    }

    default String keyField() {
        return sheet().keyField();
    }

    default List<String> instructions() {
        return sheet().instructions();
    }

    /** What the preview shows for a row: by default the value of its key field (a name or title). */
    default String label(Map<String, String> row) {
        return row.getOrDefault(keyField(), "");
    }

    /**
     * The natural key within the file, to refuse a second row for the same record; null to skip the check. The run's
     * look-ups are there for kinds whose key names a region (written two ways, it is still one region).
     */
    String fileKey(Map<String, String> row, ImportRun run);

    /**
     * Applies one row through the owning module's services (create, update, or nothing if equal) and says what it
     * did. Problems are thrown as {@link cn.yinfeng.common.InvalidInputException} with the row's field names.
     */
    Imports.RowResult apply(int rowNumber, Map<String, String> row, ImportRun run);

    // ---- optional: kinds that decide all rows first and write their new records together

    /** Looks up what {@link #decide} needs for all rows at once (the records they match), before any row runs. */
    default void prefetch(List<Map<String, String>> rows, ImportRun run) {}

    /**
     * Decides a row without writing, where the kind can: {@code UNCHANGED}, or {@code CREATE} kept for
     * {@link #writeDeferred} (problems are thrown, as in {@link #apply}); null when the row changes a record and must
     * go through {@link #apply}.
     */
    default Imports.RowResult decide(int rowNumber, Map<String, String> row, ImportRun run) {
        return null;
    }

    /** Writes the records {@link #decide} kept, together; their ids by row number. {@code source} is for the audit. */
    default Map<Integer, Long> writeDeferred(ImportRun run, String source) {
        return Map.of();
    }

    /**
     * Whether the decisions of a dry run still hold in a later transaction when nothing was written in between, so
     * that its commit may write them without deciding again (see {@link ImportRunner#commit}): true only for kinds
     * that write nothing while deciding, or that {@link #reopen} can set right.
     */
    default boolean decisionsOutliveTheRun() {
        return false;
    }

    /** Makes a dry run's kept records fit for a new transaction (what the rolled-back one had written is gone). */
    default void reopen(ImportRun run) {}

    /** The page of a record written by {@link #writeDeferred}. */
    default String link(Long id) {
        return null;
    }
}
