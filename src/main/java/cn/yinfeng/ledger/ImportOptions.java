package cn.yinfeng.ledger;

import java.util.Map;
import java.util.Set;

/**
 * What the uploader said about a file, kept with its batch so that the commit runs exactly what was previewed:
 * {@code regionId}, where rows without a region column land (else the title or the file name says, else the row is
 * refused for a user above county level); {@code clearBlanks}, whether a blank cell clears an existing project's value
 * (else it leaves it as it is); {@code mapping}, the columns the user mapped (column name as written → field, or
 * {@link cn.yinfeng.ledger.sheet.ColumnMapper#IGNORE}); {@code sheet}, the sheet the user chose (else the one that
 * looks like the kind's ledger); {@code confirmed}, the rows the user confirmed are not the duplicates the preview
 * suspected; {@code backfill}, the file is an old ledger loaded afterwards (补录): the projects it creates and the fund
 * records it adds are marked back-filled, so "as of" figures before they were recorded read them.
 */
public record ImportOptions(
        Long regionId,
        boolean clearBlanks,
        Map<String, String> mapping,
        Integer sheet,
        Set<Integer> confirmed,
        boolean backfill) {

    public static final ImportOptions NONE = new ImportOptions(null, false, Map.of(), null, null, false);

    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        confirmed = confirmed == null ? Set.of() : Set.copyOf(confirmed);
    }

    public ImportOptions(Long regionId, boolean clearBlanks) {
        this(regionId, clearBlanks, false);
    }

    public ImportOptions(Long regionId, boolean clearBlanks, boolean backfill) {
        this(regionId, clearBlanks, null, null, null, backfill);
    }

    ImportOptions withMapping(Map<String, String> m, Integer s) {
        return new ImportOptions(regionId, clearBlanks, m, s, confirmed, backfill);
    }

    ImportOptions withConfirmed(Set<Integer> rows) {
        return new ImportOptions(regionId, clearBlanks, mapping, sheet, rows, backfill);
    }

    static ImportOptions parse(String json) {
        return json == null ? NONE : Imports.JSON.readValue(json, ImportOptions.class);
    }

    String json() {
        return Imports.JSON.writeValueAsString(this);
    }
}
