package cn.yinfeng.ledger;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.ledger.sheet.LedgerFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The checks every uploaded workbook passes before any parser sees it, and the tolerant reading of what people type
 * into ledgers. Plain Java, tested without Spring.
 */
final class Spreadsheets {

    static final int MAX_ENTRIES = 2_000;
    static final long MAX_UNCOMPRESSED = 200L * 1024 * 1024;
    static final int MAX_RATIO = 100;

    /** Defaults of {@code yinfeng.import.max-shared-strings} and {@code max-shared-strings-size}. */
    static final int MAX_SHARED_STRINGS = 500_000;

    static final long MAX_SHARED_STRINGS_SIZE = 64L * 1024 * 1024;

    /**
     * The limits of one upload: its size, and its shared-strings table, which the reader holds in memory (every
     * distinct text of the workbook, a few dozen bytes each on top of the text).
     */
    record Limits(long maxBytes, int maxSharedStrings, long maxSharedStringsSize) {
        static Limits of(long maxBytes) {
            return new Limits(maxBytes, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_SIZE);
        }
    }

    private static final Pattern UNIQUE_COUNT = Pattern.compile("<sst\\b[^>]*\\suniqueCount\\s*=\\s*[\"'](\\d+)[\"']");

    private Spreadsheets() {}

    static void check(byte[] file, long maxBytes) {
        check(file, Limits.of(maxBytes));
    }

    /**
     * Refuses what is not a ledger file whatever its name: text must be CSV (no markup, no binary, a delimiter in its
     * first lines); an xlsx is checked for zip bombs (total size, entry count, compression ratio) and XML with a DOCTYPE (external entities).
     * Reads entries with a bounded budget, so a bomb costs at most the limits. The shared-strings table is bounded
     * before the reader loads it (checklist #34): the number of distinct texts it declares ({@code uniqueCount}) and
     * holds ({@code <si>} elements, counted in every part, whatever the part is named), and its size unpacked.
     */
    static void check(byte[] file, Limits limits) {
        long maxBytes = limits.maxBytes();
        if (file.length == 0) {
            throw new InvalidInputException("file", "file.empty");
        }
        if (file.length > maxBytes) {
            throw new InvalidInputException("file", "import.tooLarge", maxBytes / (1024 * 1024));
        }
        switch (LedgerFiles.detect(file)) {
            case OLE -> {
                // an .xls (or WPS .et) or a password-protected workbook: the OLE reader tells them apart and reads
                // only what the file holds (no compression, so its size bounds the work)
                return;
            }
            case TEXT -> {
                LedgerFiles.checkText(file);
                return;
            }
            case XLSX -> {}
        }
        // the central directory is read directly: it is what Excel itself trusts, and it works for workbooks whose
        // local headers leave sizes to data descriptors (as streaming writers do)
        var buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = file.length - 22; i >= Math.max(0, file.length - 65_557); i--) {
            if (buf.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new InvalidInputException("file", "import.notXlsx");
        }
        int entries = Short.toUnsignedInt(buf.getShort(eocd + 10));
        long cdOffset = Integer.toUnsignedLong(buf.getInt(eocd + 16));
        if (entries > MAX_ENTRIES) {
            throw new InvalidInputException("file", "import.bomb");
        }
        if (cdOffset >= file.length) {
            throw new InvalidInputException("file", "import.notXlsx");
        }
        long total = 0;
        boolean workbook = false;
        int p = (int) cdOffset;
        byte[] out = new byte[64 * 1024];
        try {
            for (int e = 0; e < entries; e++) {
                if (buf.getInt(p) != 0x02014b50) {
                    throw new InvalidInputException("file", "import.notXlsx");
                }
                int method = Short.toUnsignedInt(buf.getShort(p + 10));
                long compressed = Integer.toUnsignedLong(buf.getInt(p + 20));
                int nameLen = Short.toUnsignedInt(buf.getShort(p + 28));
                int extraLen = Short.toUnsignedInt(buf.getShort(p + 30));
                int commentLen = Short.toUnsignedInt(buf.getShort(p + 32));
                long local = Integer.toUnsignedLong(buf.getInt(p + 42));
                String name = new String(file, p + 46, nameLen, StandardCharsets.UTF_8);
                p += 46 + nameLen + extraLen + commentLen;
                if (compressed == 0xffffffffL || local == 0xffffffffL || local + 30 > file.length) {
                    throw new InvalidInputException("file", "import.notXlsx"); // zip64 or broken
                }
                int lp = (int) local;
                int dataStart = lp
                        + 30
                        + Short.toUnsignedInt(buf.getShort(lp + 26))
                        + Short.toUnsignedInt(buf.getShort(lp + 28));
                if (dataStart + compressed > file.length) {
                    throw new InvalidInputException("file", "import.notXlsx");
                }
                if (name.equals("xl/workbook.xml")) {
                    workbook = true;
                }
                boolean xml = name.endsWith(".xml") || name.endsWith(".rels");
                var head = new StringBuilder();
                var strings = new StringItems();
                long partSize = 0;
                if (method == 0) {
                    total += compressed;
                    partSize = compressed;
                    if (xml) {
                        head.append(new String(
                                file, dataStart, (int) Math.min(compressed, 4096), StandardCharsets.ISO_8859_1));
                        strings.feed(file, dataStart, (int) compressed);
                    }
                } else if (method == 8) {
                    var inflater = new Inflater(true);
                    try {
                        inflater.setInput(file, dataStart, (int) compressed);
                        while (!inflater.finished()) {
                            int n = inflater.inflate(out);
                            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                                break;
                            }
                            total += n;
                            partSize += n;
                            if (xml) {
                                strings.feed(out, 0, n);
                            }
                            if (total > MAX_UNCOMPRESSED || total > (long) MAX_RATIO * file.length + 1_000_000) {
                                throw new InvalidInputException("file", "import.bomb");
                            }
                            if (xml && head.length() < 4096) {
                                head.append(new String(out, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1));
                            }
                        }
                    } finally {
                        inflater.end();
                    }
                } else {
                    throw new InvalidInputException("file", "import.notXlsx");
                }
                if (total > MAX_UNCOMPRESSED || total > (long) MAX_RATIO * file.length + 1_000_000) {
                    throw new InvalidInputException("file", "import.bomb");
                }
                if (xml && head.toString().toUpperCase().contains("<!DOCTYPE")) {
                    throw new InvalidInputException("file", "import.doctype");
                }
                if (xml) {
                    checkSharedStrings(head, strings.count, partSize, limits);
                }
            }
        } catch (DataFormatException | IndexOutOfBoundsException ex) {
            throw new InvalidInputException("file", "import.notXlsx");
        }
        if (!workbook) {
            throw new InvalidInputException("file", "import.notXlsx");
        }
    }

    /** A part that is a shared-strings table (its root, or string items in it) within the limits. */
    private static void checkSharedStrings(CharSequence head, long items, long size, Limits limits) {
        var declared = UNIQUE_COUNT.matcher(head);
        boolean table = items > 0 || declared.find() || head.toString().contains("<sst");
        if (!table) {
            return;
        }
        if (items > limits.maxSharedStrings()
                || declared.reset().find()
                        && Long.parseLong(declared.group(1)
                                        .substring(0, Math.min(declared.group(1).length(), 18)))
                                > limits.maxSharedStrings()) {
            throw new InvalidInputException("file", "import.sharedStrings.tooMany", limits.maxSharedStrings());
        }
        if (size > limits.maxSharedStringsSize()) {
            throw new InvalidInputException(
                    "file",
                    "import.sharedStrings.tooLarge",
                    Math.max(1, limits.maxSharedStringsSize() / (1024 * 1024)));
        }
    }

    /** Counts {@code <si>} elements (string items) in a part as it is unpacked, across chunk boundaries. */
    private static final class StringItems {
        private static final byte[] OPEN = {'<', 's', 'i'};
        long count;
        private int matched;

        void feed(byte[] b, int from, int length) {
            for (int i = from; i < from + length; i++) {
                byte c = b[i];
                if (matched == OPEN.length) {
                    if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                        count++;
                    }
                    matched = c == '<' ? 1 : 0;
                } else if (c == OPEN[matched]) {
                    matched++;
                } else {
                    matched = c == '<' ? 1 : 0;
                }
            }
        }
    }

    static InputStream stream(byte[] file) {
        return new ByteArrayInputStream(file);
    }

    /** Header text as people write it, reduced to compare: full-width folded, spaces, units and marks removed. */
    static String header(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s*＊:：]", "");
        s = s.replaceAll("[(（][^)）]*[)）]", ""); // （万元）, (必填) …
        return s.trim();
    }

    /**
     * An amount in 万元 from what people type: "15000", "15,000", "1.5亿", "1.5亿元", "15000万元", "１５０００", "150000000元".
     * Exact: never through floating point.
     */
    static BigDecimal wan(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s,，]", "");
        BigDecimal factor = BigDecimal.ONE;
        if (s.endsWith("亿元") || s.endsWith("亿")) {
            factor = BigDecimal.valueOf(10_000);
            s = s.substring(0, s.indexOf('亿'));
        } else if (s.endsWith("万元") || s.endsWith("万")) {
            s = s.substring(0, s.indexOf('万'));
        } else if (s.endsWith("元")) {
            factor = new BigDecimal("0.0001");
            s = s.substring(0, s.length() - 1);
        }
        try {
            return new BigDecimal(s).multiply(factor).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount: " + text);
        }
    }

    /** A cell that a spreadsheet would run as a formula is written with a leading apostrophe (CSV). */
    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    /** Undoes {@link #neutralise} on import, so an exported sheet comes back unchanged. */
    static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'') {
            char c = value.charAt(1);
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                return value.substring(1);
            }
        }
        return value;
    }

    /**
     * A date from what people type ("2024-05-18", "2024/5/18", "2024年5月18日", "2024.5.18") or from a date cell,
     * which the reader gives as Excel's day number (1900 system); null when it is not a date.
     */
    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).trim();
        if (s.matches("\\d{5}(\\.0+)?")) {
            int serial = Integer.parseInt(s.replaceAll("\\..*", ""));
            // day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was: from day 61 on, 1899-12-30 + n
            return serial >= 61 && serial < 80_000 ? LocalDate.of(1899, 12, 30).plusDays(serial) : null;
        }
        s = s.replaceAll("[./年月]", "-")
                .replace("日", "")
                .replaceAll("\\s.*$", "")
                .replaceAll("-$", "");
        try {
            String[] parts = s.split("-");
            if (parts.length == 3) {
                return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Boolean yesNo(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).trim().toUpperCase();
        return switch (s) {
            case "是", "Y", "YES", "1", "TRUE", "√" -> Boolean.TRUE;
            case "否", "N", "NO", "0", "FALSE", "×" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not yes/no: " + text);
        };
    }
}
