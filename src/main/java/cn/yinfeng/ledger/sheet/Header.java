package cn.yinfeng.ledger.sheet;

import java.util.List;

/**
 * Where a sheet's header is and what its columns are called. A header of two rows (投资额(万元) merged over 总投资 and
 * 其中省外资金) gives one name per column, its parts joined with "/" ({@code 投资额(万元)/总投资}). {@code unit} is the
 * column's own (from its header) or else the sheet's (from the title rows), null when neither says.
 */
public record Header(int firstRow, int lastRow, List<Column> columns, AmountUnit sheetUnit, String title) {

    public record Column(int index, String name, List<String> parts, AmountUnit unit) {}

    public Column column(int index) {
        for (Column c : columns) {
            if (c.index() == index) {
                return c;
            }
        }
        return null;
    }
}
