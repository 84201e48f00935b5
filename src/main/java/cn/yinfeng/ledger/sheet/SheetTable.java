package cn.yinfeng.ledger.sheet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * One sheet as its cells read: rows numbered as the spreadsheet shows them (from 1), each cell's text as the reader
 * gives it (numbers in plain notation, a formula's cached value), and the sheet's merged ranges. Built with
 * {@link #filled}, every cell a merged range covers carries the range's value, so a 产业链 merged down over three
 * projects belongs to each of them and a header merged across two columns names both.
 */
public record SheetTable(String name, int index, List<Row> rows, List<Merge> merges) {

    /** A row as the spreadsheet numbers it; {@code cells[c]} is null where the cell is empty. */
    public record Row(int number, String[] cells) {

        public String cell(int column) {
            return column < cells.length ? cells[column] : null;
        }

        public boolean blank() {
            for (String c : cells) {
                if (c != null && !c.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A merged range: rows as numbered in the sheet (from 1), columns from 0, both inclusive. */
    public record Merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {

        public boolean covers(int row, int column) {
            return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
        }

        public boolean horizontal() {
            return lastColumn > firstColumn;
        }

        /** Parses an A1 range such as {@code B3:D4}; null for anything else. */
        public static Merge parse(String ref) {
            int colon = ref.indexOf(':');
            if (colon < 0) {
                return null;
            }
            int[] a = address(ref.substring(0, colon));
            int[] b = address(ref.substring(colon + 1));
            return a == null || b == null
                    ? null
                    : new Merge(Math.min(a[0], b[0]), Math.max(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[1], b[1]));
        }

        private static int[] address(String s) {
            int i = 0;
            int col = 0;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                col = col * 26 + (Character.toUpperCase(s.charAt(i)) - 'A' + 1);
                i++;
            }
            if (i == 0 || i == s.length() || col > 16_384) {
                return null;
            }
            try {
                return new int[] {Integer.parseInt(s.substring(i)), col - 1};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * The sheet with every merged cell given the value of its range's top-left cell (rows that the range covers
     * but the file left out are not invented: only rows present are filled).
     */
    public static SheetTable filled(String name, int index, List<Row> rows, List<Merge> merges) {
        if (merges.isEmpty() || rows.isEmpty()) {
            return new SheetTable(name, index, List.copyOf(rows), List.copyOf(merges));
        }
        var byNumber = new HashMap<Integer, Row>();
        rows.forEach(r -> byNumber.put(r.number(), r));
        var out = new ArrayList<Row>(rows.size());
        var widened = new HashMap<Integer, String[]>();
        for (Merge m : merges) {
            Row top = byNumber.get(m.firstRow());
            String value = top == null ? null : top.cell(m.firstColumn());
            if (value == null) {
                continue;
            }
            for (int r = m.firstRow(); r <= m.lastRow(); r++) {
                Row row = byNumber.get(r);
                if (row == null) {
                    continue;
                }
                String[] cells = widened.computeIfAbsent(r, k -> row.cells());
                if (cells.length <= m.lastColumn()) {
                    cells = Arrays.copyOf(cells, m.lastColumn() + 1);
                    widened.put(r, cells);
                }
                for (int c = m.firstColumn(); c <= m.lastColumn(); c++) {
                    if (cells[c] == null) {
                        cells[c] = value;
                    }
                }
            }
        }
        for (Row r : rows) {
            String[] cells = widened.get(r.number());
            out.add(cells == null ? r : new Row(r.number(), cells));
        }
        return new SheetTable(name, index, out, List.copyOf(merges));
    }
}
