package cn.yinfeng.ledger.sheet;

import java.util.List;

/**
 * A ledger file of one format (xlsx, xls, csv) read as sheets of text cells with their merged ranges; one
 * implementation per format, chosen by {@link LedgerFiles#open} from the file's content, never its name. Cells are
 * text as the reader gives it: numbers in plain notation (a date cell as Excel's day number), a formula's cached
 * value, null for an empty cell.
 */
public interface WorkbookReader {

    /** The file's format as users know it: xlsx, xls, csv. */
    String format();

    /** Names of the sheets in the file's order (a CSV has one). */
    List<String> sheetNames();

    /**
     * A sheet's rows, blank ones included as the file has them, merged values filled in. Beyond the limits' rows it
     * throws {@link cn.yinfeng.common.InvalidInputException} ({@code import.tooManyRows}); so does a file it cannot
     * read.
     */
    SheetTable read(int sheet);

    /** The first {@code rows} rows of a sheet, to judge what it holds (no error for a longer sheet). */
    SheetTable head(int sheet, int rows);
}
