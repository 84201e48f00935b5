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
 * suspected.
 */
public record ImportOptions(
        Long regionId, boolean clearBlanks, Map<String, String> mapping, Integer sheet, Set<Integer> confirmed) {

    public static final ImportOptions NONE = new ImportOptions(null, false, Map.of(), null, null);

    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        confirmed = confirmed == null ? Set.of() : Set.copyOf(confirmed);
    }

    public ImportOptions(Long regionId, boolean clearBlanks) {
        this(regionId, clearBlanks, null, null, null);
    }

    ImportOptions withMapping(Map<String, String> m, Integer s) {
        return new ImportOptions(regionId, clearBlanks, m, s, confirmed);
    }

    ImportOptions withConfirmed(Set<Integer> rows) {
        return new ImportOptions(regionId, clearBlanks, mapping, sheet, rows);
    }

    static ImportOptions parse(String json) {
        return json == null ? NONE : Imports.JSON.readValue(json, ImportOptions.class);
    }

    String json() {
        return Imports.JSON.writeValueAsString(this);
    }
}
