package cn.yinfeng.ledger.sheet;

import cn.yinfeng.common.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as Excel and WPS save it: UTF-8 with a byte-order mark, or the Chinese Windows code page (GBK, read as its
 * superset GB18030) when the bytes are not UTF-8; comma-separated unless the first line has more tabs or semicolons
 * ("文本文件(制表符分隔)"); fields quoted with double quotes, quotes doubled inside, line breaks inside quotes kept.
 * A file with NUL bytes is not text, whatever its name.
 */
final class CsvReader implements WorkbookReader {

    static final Charset GB18030 = Charset.forName("GB18030");

    private final Limits limits;
    private final String text;
    private final String encoding;

    CsvReader(byte[] file, Limits limits) {
        this.limits = limits;
        if (!looksLikeText(file)) {
            throw new InvalidInputException("file", "import.unreadable.binary");
        }
        int bom = file.length >= 3 && (file[0] & 0xff) == 0xef && (file[1] & 0xff) == 0xbb && (file[2] & 0xff) == 0xbf
                ? 3
                : 0;
        String utf8 = bom > 0 ? new String(file, 3, file.length - 3, StandardCharsets.UTF_8) : strictUtf8(file);
        if (utf8 != null) {
            text = utf8;
            encoding = "UTF-8";
        } else {
            text = new String(file, GB18030);
            encoding = "GB18030";
        }
    }

    /** Text has no NUL byte and few control characters (a binary renamed .csv has many). */
    static boolean looksLikeText(byte[] file) {
        int control = 0;
        int n = Math.min(file.length, 64 * 1024);
        for (int i = 0; i < n; i++) {
            int b = file[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0c) {
                control++;
            }
        }
        return control * 100 <= n;
    }

    private static String strictUtf8(byte[] file) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The character set the file was read in: UTF-8 or GB18030. */
    String encoding() {
        return encoding;
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public List<String> sheetNames() {
        return List.of("CSV");
    }

    @Override
    public SheetTable read(int sheet) {
        return parse(limits.maxRows(), true);
    }

    @Override
    public SheetTable head(int sheet, int rows) {
        return parse(rows, false);
    }

    private SheetTable parse(int maxRows, boolean strict) {
        char delimiter = delimiter(text);
        var rows = new ArrayList<SheetTable.Row>();
        var cells = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int rowStart = 1;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            boolean end = i == n;
            if (quoted && !end) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                cells.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                if (cells.size() > limits.maxColumns()) {
                    throw new InvalidInputException("file", "import.tooManyColumns");
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (end && cells.isEmpty() && field.isEmpty() && !wasQuoted) {
                    break;
                }
                cells.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                if (rows.size() >= maxRows) {
                    if (strict) {
                        throw new InvalidInputException("file", "import.tooManyRows", maxRows);
                    }
                    break;
                }
                rows.add(new SheetTable.Row(rowStart, trimTrailing(cells)));
                cells.clear();
                line++;
                rowStart = line;
            } else {
                field.append(c);
                if (field.length() > 32_767) {
                    throw new InvalidInputException("file", "import.cellTooLong", 32_767);
                }
            }
        }
        return new SheetTable("CSV", 0, rows, List.of());
    }

    private static String value(StringBuilder field, boolean quoted) {
        String v = field.toString();
        if (!quoted) {
            v = v.strip();
        }
        return v.isEmpty() ? null : v;
    }

    private static String[] trimTrailing(List<String> cells) {
        int last = cells.size();
        while (last > 0 && cells.get(last - 1) == null) {
            last--;
        }
        return cells.subList(0, last).toArray(new String[0]);
    }

    /** Comma, unless the first line (outside quotes) has more tabs or semicolons than commas. */
    static char delimiter(String text) {
        int comma = 0;
        int tab = 0;
        int semicolon = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (comma + tab + semicolon > 0) {
                    break;
                }
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == '\t') {
                    tab++;
                } else if (c == ';') {
                    semicolon++;
                }
            }
        }
        if (tab > comma && tab >= semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }
}
