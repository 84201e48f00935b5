package cn.yinfeng.ledger.sheet;

/** Bounds every reader keeps whatever the file says: columns of a row, rows of a sheet, sheets of a workbook. */
public record Limits(int maxColumns, int maxRows, int maxSheets) {

    public static final Limits DEFAULT = new Limits(200, 200_010, 50);
}
