package cn.yinfeng.ledger;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.ledger.sheet.AmountUnit;
import cn.yinfeng.ledger.sheet.ColumnMapper;
import cn.yinfeng.ledger.sheet.Header;
import cn.yinfeng.ledger.sheet.HeaderNames;
import cn.yinfeng.ledger.sheet.LedgerFiles;
import cn.yinfeng.ledger.sheet.Limits;
import cn.yinfeng.ledger.sheet.RowKind;
import cn.yinfeng.ledger.sheet.SheetChooser;
import cn.yinfeng.ledger.sheet.SheetTable;
import cn.yinfeng.ledger.sheet.WorkbookReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A ledger file read for a kind: whatever its format (xlsx, xls, csv), the sheet that looks like the kind's ledger,
 * its header (one row or two, found among the first rows), and its rows as field → text. Rows that are not data —
 * blank, 合计 / 小计, footers, the header printed again — are returned apart with their kind, to be reported as
 * skipped. A bare number in an amount column whose header or title names 亿元 or 元 gets that unit, so it is stored in
 * 万元 like a figure written "1.5亿".
 */
final class LedgerSheets {

    /** Fields that hold amounts in 万元 (a column's or the sheet's unit applies to them alone). */
    static final Set<String> AMOUNT_FIELDS =
            Set.of("totalInvestment", "contractAmount", "outOfProvinceAmount", "amount", "capital");

    /** A non-data row under the header: its number and why it is skipped. */
    record Skipped(int row, RowKind kind) {}

    /**
     * What was read: data rows (each with {@code _row}, its number in the sheet), skipped rows, and where the header
     * is and how wide the sheet is, for the annotated copy; the sheet's columns as the file names them
     * ({@code headers}: field → column name as written), the columns no field took ({@code unknownColumns}), the
     * workbook's sheets and which was read.
     */
    record Read(
            List<Map<String, String>> rows,
            List<Skipped> skipped,
            int sheet,
            String sheetName,
            String format,
            int headerFirstRow,
            int headerLastRow,
            int width,
            List<String> unknownColumns,
            String title,
            Set<String> fields,
            Map<String, String> headers,
            List<String> sheets) {}

    private LedgerSheets() {}

    static Read read(byte[] file, RowHandler handler, int maxRows, ImportProgress progress) {
        return read(file, handler, maxRows, progress, Map.of(), null);
    }

    /**
     * @param saved the user's mappings for this kind: column name as written → field or {@link ColumnMapper#IGNORE}
     * @param sheet the sheet the user chose (0-based), or null to pick the one that looks like the kind's ledger
     */
    static Read read(
            byte[] file,
            RowHandler handler,
            int maxRows,
            ImportProgress progress,
            Map<String, String> saved,
            Integer sheet) {
        var names = new HashMap<String, String>();
        handler.columns().forEach(c -> names.put(c.header(), c.field()));
        names.putAll(handler.synonyms());
        var mapper = new ColumnMapper(names);
        var savedByKey = new HashMap<String, String>();
        saved.forEach((k, v) -> savedByKey.put(HeaderNames.key(k), v));
        Function<String, String> fieldOf = name -> {
            String f = savedByKey.get(HeaderNames.key(name));
            return f != null ? (ColumnMapper.IGNORE.equals(f) ? null : f) : mapper.fieldOf(name);
        };
        WorkbookReader reader = LedgerFiles.open(file, new Limits(200, maxRows + 1_000, 50));
        var choice = (sheet == null || sheet < 0 || sheet >= reader.sheetNames().size()
                        ? SheetChooser.choose(reader, fieldOf, handler.keyField())
                        : SheetChooser.in(reader, sheet, fieldOf, handler.keyField()))
                .orElseThrow(() -> new InvalidInputException("file", "import.noHeader." + handler.kind()));
        Header header = choice.header();
        var mapping = mapper.map(header, saved);
        Map<Integer, String> fields = mapping.fields();
        Map<Integer, AmountUnit> units = new HashMap<>();
        for (var e : fields.entrySet()) {
            Header.Column column = header.column(e.getKey());
            if (AMOUNT_FIELDS.contains(e.getValue()) && column.unit() != null && column.unit() != AmountUnit.WAN) {
                units.put(e.getKey(), column.unit());
            }
        }
        SheetTable table = reader.read(choice.sheet());
        var rows = new ArrayList<Map<String, String>>();
        var skipped = new ArrayList<Skipped>();
        int width = 0;
        for (SheetTable.Row row : table.rows()) {
            width = Math.max(width, row.cells().length);
            if (row.number() <= header.lastRow()) {
                continue;
            }
            RowKind kind = RowKind.of(row, header, fields.keySet());
            if (kind != RowKind.DATA) {
                if (kind != RowKind.BLANK) {
                    skipped.add(new Skipped(row.number(), kind));
                }
                continue;
            }
            var values = new HashMap<String, String>();
            for (var e : fields.entrySet()) {
                String v = Spreadsheets.restore(row.cell(e.getKey()));
                if (v == null || v.isBlank()) {
                    continue;
                }
                v = v.trim();
                AmountUnit unit = units.get(e.getKey());
                if (unit != null && v.matches("[-+]?[0-9][0-9,，]*(\\.[0-9]+)?")) {
                    v = v + unit.label();
                }
                values.put(e.getValue(), v);
            }
            if (rows.size() >= maxRows) {
                throw new InvalidInputException("file", "import.tooManyRows", maxRows);
            }
            values.put("_row", String.valueOf(row.number()));
            rows.add(values);
            if (rows.size() % ImportProgress.EVERY == 0) {
                progress.done(rows.size());
            }
        }
        var unknown = mapping.unknown().stream().map(Header.Column::name).toList();
        var headers = new LinkedHashMap<String, String>();
        fields.forEach((index, field) -> headers.put(field, header.column(index).name()));
        return new Read(
                rows,
                skipped,
                choice.sheet(),
                choice.name(),
                reader.format(),
                header.firstRow(),
                header.lastRow(),
                width,
                unknown,
                header.title(),
                Set.copyOf(fields.values()),
                headers,
                reader.sheetNames());
    }
}
