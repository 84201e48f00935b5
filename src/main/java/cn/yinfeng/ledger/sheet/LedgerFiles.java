package cn.yinfeng.ledger.sheet;

import cn.yinfeng.common.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * Chooses the reader of a ledger file by its first bytes, never its name: a zip is an Office Open XML workbook
 * (xlsx from Excel or WPS), an OLE compound file is Excel 97–2003 ({@code .xls}, WPS {@code .et}) or a
 * password-protected workbook, anything else must be text (CSV). The hostile-file checks of a zip (size, entries,
 * ratio, DOCTYPE) run before this, in the caller.
 */
public final class LedgerFiles {

    public enum Format {
        XLSX,
        OLE,
        TEXT
    }

    private LedgerFiles() {}

    public static Format detect(byte[] file) {
        if (file.length >= 4 && file[0] == 'P' && file[1] == 'K') {
            return Format.XLSX;
        }
        if (file.length >= 8
                && (file[0] & 0xff) == 0xd0
                && (file[1] & 0xff) == 0xcf
                && (file[2] & 0xff) == 0x11
                && (file[3] & 0xff) == 0xe0) {
            return Format.OLE;
        }
        return Format.TEXT;
    }

    /**
     * Refuses text that is no CSV ledger, whatever its name: binary (NUL bytes, control characters), markup (HTML,
     * XML: the first character is "<"), or text without a comma, tab or semicolon in its first lines.
     */
    public static void checkText(byte[] file) {
        if (!CsvReader.looksLikeText(file)) {
            throw new InvalidInputException("file", "import.unreadable.binary");
        }
        String head = new String(file, 0, Math.min(file.length, 8192), StandardCharsets.ISO_8859_1);
        String start = head.replaceFirst("^\\xEF\\xBB\\xBF", "").stripLeading();
        if (start.startsWith("<") || start.startsWith("{")) {
            throw new InvalidInputException("file", "import.notXlsx");
        }
        int lines = 0;
        for (int i = 0; i < head.length() && lines < 20; i++) {
            char c = head.charAt(i);
            if (c == ',' || c == '\t' || c == ';') {
                return;
            }
            if (c == '\n') {
                lines++;
            }
        }
        throw new InvalidInputException("file", "import.notXlsx");
    }

    public static WorkbookReader open(byte[] file, Limits limits) {
        if (file.length == 0) {
            throw new InvalidInputException("file", "file.empty");
        }
        return switch (detect(file)) {
            case XLSX -> new XlsxReader(file, limits);
            case OLE -> new XlsReader(file, limits);
            case TEXT -> {
                checkText(file);
                yield new CsvReader(file, limits);
            }
        };
    }
}
