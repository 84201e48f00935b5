package cn.yinfeng.ledger.sheet;

import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a row under the header is: data, or one of the rows clerks put into ledgers that are not data — blank
 * separator rows, 合计 / 小计 / 总计 rows, footers (填表人：… 审核人：… 联系电话：…) and the header printed again.
 * Such rows are skipped and reported with their reason, never imported and never rejected.
 */
public enum RowKind {
    DATA,
    BLANK,
    TOTAL,
    FOOTER,
    HEADER_AGAIN;

    private static final Pattern TOTAL_CELL = Pattern.compile("(.{0,8})(合计|小计|总计|累计|共计)");
    private static final List<String> FOOTER_STARTS = List.of(
            "填表人", "填报人", "制表人", "制表", "审核人", "审核", "负责人", "分管领导", "联系人", "联系电话", "电话", "填表日期", "填报日期", "制表日期", "报送日期",
            "注", "说明", "备注", "附注");

    /**
     * @param dataColumns the columns mapped to fields: a row with nothing in them is blank, whatever else it holds
     *     (a 序号 alone, a stray note)
     */
    public static RowKind of(SheetTable.Row row, Header header, Collection<Integer> dataColumns) {
        int filled = 0;
        String first = null;
        int firstColumn = -1;
        for (int c = 0; c < row.cells().length; c++) {
            String v = row.cell(c);
            if (v != null && !v.isBlank()) {
                filled++;
                if (first == null) {
                    first = v;
                    firstColumn = c;
                }
            }
        }
        if (filled == 0) {
            return BLANK;
        }
        int checked = 0;
        for (int c = 0; c < row.cells().length && checked < 3; c++) {
            String v = row.cell(c);
            if (v == null || v.isBlank()) {
                continue;
            }
            checked++;
            if (TOTAL_CELL.matcher(compact(v)).matches()) {
                return TOTAL;
            }
        }
        String lead = compact(first);
        if (filled <= 4) {
            for (String f : FOOTER_STARTS) {
                if (lead.startsWith(f + ":") || (f.length() >= 3 && lead.startsWith(f))) {
                    return FOOTER;
                }
            }
        }
        int same = 0;
        int named = 0;
        for (Header.Column col : header.columns()) {
            String v = row.cell(col.index());
            if (v == null || v.isBlank()) {
                continue;
            }
            named++;
            if (col.parts().contains(v.strip())) {
                same++;
            }
        }
        if (named >= 2 && same == named) {
            return HEADER_AGAIN;
        }
        boolean any = false;
        for (int c : dataColumns) {
            String v = row.cell(c);
            if (v != null && !v.isBlank()) {
                any = true;
                break;
            }
        }
        return any ? DATA : BLANK;
    }

    private static String compact(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }
}
