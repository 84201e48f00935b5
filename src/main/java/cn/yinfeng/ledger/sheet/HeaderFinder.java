package cn.yinfeng.ledger.sheet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the header of a ledger among the first rows of a sheet: the row block whose column names a kind recognises
 * best (its key column among them, three columns at least). Title and subtitle rows above it give the sheet's unit
 * and title; merged ranges that start on the header row and reach down make it a header of two or three rows, and
 * so does a header cell merged across columns with names under it.
 */
public final class HeaderFinder {

    /** Rows searched for the header: titles, subtitles and notes above it fit in these. */
    public static final int SCAN = 15;

    private HeaderFinder() {}

    /**
     * @param fieldOf the kind's field for a column name (as written, parts joined with "/"), or null
     * @param keyField the field a header must contain
     */
    public static Optional<Header> find(SheetTable sheet, Function<String, String> fieldOf, String keyField) {
        List<SheetTable.Row> rows = sheet.rows();
        Header best = null;
        int bestScore = 0;
        for (int i = 0; i < rows.size() && i < SCAN; i++) {
            SheetTable.Row row = rows.get(i);
            if (row.blank() || oneText(row)) {
                // a title or subtitle merged across ("填报单位：…  单位：万元") is no header, nor the parent of one:
                // taken as one, its names below tie with the real two-row header and the sub-header became data
                continue;
            }
            int span = span(sheet, i);
            Header candidate = header(sheet, i, span);
            if (span == 1 && continues(rows, i, candidate, fieldOf, keyField)) {
                // a header of two rows whose merges the file lost (CSV, or a clerk who did not merge): the names
                // below go under the nearest name to their left
                candidate = header(sheet, i, 2);
            }
            var fields = new LinkedHashSet<String>();
            for (Header.Column c : candidate.columns()) {
                String f = fieldOf.apply(c.name());
                if (f != null) {
                    fields.add(f);
                }
            }
            if (fields.contains(keyField) && fields.size() >= 3 && fields.size() > bestScore) {
                best = candidate;
                bestScore = fields.size();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether every filled cell of the row says the same (one text, or one merged cell across). */
    private static boolean oneText(SheetTable.Row row) {
        String seen = null;
        for (String v : row.cells()) {
            if (v == null || v.isBlank()) {
                continue;
            }
            if (seen != null && !seen.equals(v.strip())) {
                return false;
            }
            seen = v.strip();
        }
        return true;
    }

    /** For a blank top header cell with a name below it, the nearest top name to its left that also has one. */
    private static String leftParent(List<SheetTable.Row> rows, int i, int span, int c) {
        boolean named = false;
        for (int r = i + 1; r < i + span && r < rows.size(); r++) {
            String v = rows.get(r).cell(c);
            named |= v != null && !v.isBlank();
        }
        if (!named) {
            return null;
        }
        for (int left = c - 1; left >= 0; left--) {
            String v = rows.get(i).cell(left);
            if (v != null && !v.isBlank()) {
                String below = rows.get(i + 1).cell(left);
                return below != null && !below.isBlank() ? v : null;
            }
        }
        return null;
    }

    /** How many rows the header starting at row index {@code i} takes (1 to 3). */
    static int span(SheetTable sheet, int i) {
        List<SheetTable.Row> rows = sheet.rows();
        int number = rows.get(i).number();
        int last = number;
        boolean acrossWithNamesBelow = false;
        for (SheetTable.Merge m : sheet.merges()) {
            if (m.firstRow() != number) {
                continue;
            }
            last = Math.max(last, m.lastRow());
            if (m.horizontal() && m.lastRow() == number && i + 1 < rows.size()) {
                SheetTable.Row below = rows.get(i + 1);
                if (below.number() == number + 1) {
                    for (int c = m.firstColumn(); c <= m.lastColumn(); c++) {
                        String v = below.cell(c);
                        if (v != null && !v.isBlank()) {
                            acrossWithNamesBelow = true;
                        }
                    }
                }
            }
        }
        if (acrossWithNamesBelow) {
            last = Math.max(last, number + 1);
        }
        return Math.min(3, last - number + 1);
    }

    /**
     * Whether the row under a one-row header candidate is its second header row: it follows at once, holds only
     * words (no number), nothing under the key column, and a name under a header cell left blank.
     */
    static boolean continues(
            List<SheetTable.Row> rows, int i, Header candidate, Function<String, String> fieldOf, String keyField) {
        if (i + 1 >= rows.size() || rows.get(i + 1).number() != rows.get(i).number() + 1) {
            return false;
        }
        SheetTable.Row top = rows.get(i);
        SheetTable.Row below = rows.get(i + 1);
        Integer key = null;
        for (Header.Column c : candidate.columns()) {
            if (keyField.equals(fieldOf.apply(c.name()))) {
                key = c.index();
            }
        }
        if (key == null
                || below.blank()
                || (below.cell(key) != null && !below.cell(key).isBlank())) {
            return false;
        }
        boolean underBlank = false;
        for (int c = 0; c < below.cells().length; c++) {
            String v = below.cell(c);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (v.strip().matches("[-+]?[0-9.,%]+")) {
                return false;
            }
            String above = top.cell(c);
            if (above == null || above.isBlank()) {
                underBlank = true;
            }
        }
        return underBlank;
    }

    private static Header header(SheetTable sheet, int i, int span) {
        List<SheetTable.Row> rows = sheet.rows();
        int width = 0;
        for (int r = i; r < i + span && r < rows.size(); r++) {
            width = Math.max(width, rows.get(r).cells().length);
        }
        AmountUnit sheetUnit = null;
        String title = null;
        for (int r = 0; r < i; r++) {
            for (String cell : rows.get(r).cells()) {
                if (cell == null || cell.isBlank()) {
                    continue;
                }
                if (title == null) {
                    title = cell.strip();
                }
                if (sheetUnit == null) {
                    sheetUnit = AmountUnit.inTitle(cell);
                }
            }
        }
        var columns = new ArrayList<Header.Column>();
        for (int c = 0; c < width; c++) {
            var parts = new ArrayList<String>();
            for (int r = i; r < i + span && r < rows.size(); r++) {
                String v = rows.get(r).cell(c);
                if ((v == null || v.isBlank()) && r == i && span > 1) {
                    v = leftParent(rows, i, span, c);
                }
                if (v != null && !v.isBlank()) {
                    String t = v.strip().replaceAll("\\s*[\\r\\n]+\\s*", "");
                    if (!parts.contains(t)) {
                        parts.add(t);
                    }
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            AmountUnit unit = null;
            for (String p : parts) {
                AmountUnit u = AmountUnit.inHeader(p);
                if (u != null) {
                    unit = u;
                }
            }
            columns.add(
                    new Header.Column(c, String.join("/", parts), List.copyOf(parts), unit != null ? unit : sheetUnit));
        }
        int first = rows.get(i).number();
        int lastRow = rows.get(Math.min(rows.size() - 1, i + span - 1)).number();
        return new Header(first, lastRow, List.copyOf(columns), sheetUnit, title);
    }
}
