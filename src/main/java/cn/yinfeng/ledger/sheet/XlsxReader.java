package cn.yinfeng.ledger.sheet;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Office Open XML workbooks (Excel, WPS) through fastexcel-reader, which streams cells but knows no merged ranges;
 * those are read here from each sheet part's {@code <mergeCells>}. The file has passed the hostile-file checks
 * (zip bomb, DOCTYPE) before it comes here.
 */
final class XlsxReader implements WorkbookReader {

    private final byte[] file;
    private final Limits limits;
    private final List<String> names = new ArrayList<>();
    private final List<String> parts = new ArrayList<>();

    XlsxReader(byte[] file, Limits limits) {
        this.file = file;
        this.limits = limits;
        try {
            Map<String, String> rels = new HashMap<>();
            var sheets = new ArrayList<String[]>();
            forEachPart(
                    name -> name.equals("xl/workbook.xml") || name.equals("xl/_rels/workbook.xml.rels"),
                    (name, xml) -> {
                        while (xml.hasNext()) {
                            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                                continue;
                            }
                            if (xml.getLocalName().equals("sheet")) {
                                String rid = null;
                                for (int i = 0; i < xml.getAttributeCount(); i++) {
                                    if (xml.getAttributeLocalName(i).equals("id")) {
                                        rid = xml.getAttributeValue(i);
                                    }
                                }
                                sheets.add(new String[] {xml.getAttributeValue(null, "name"), rid});
                            } else if (xml.getLocalName().equals("Relationship")) {
                                rels.put(xml.getAttributeValue(null, "Id"), xml.getAttributeValue(null, "Target"));
                            }
                        }
                    });
            if (sheets.size() > limits.maxSheets()) {
                throw new InvalidInputException("file", "import.tooManySheets", limits.maxSheets());
            }
            for (String[] s : sheets) {
                names.add(s[0] == null ? "Sheet" + (names.size() + 1) : s[0]);
                String target = rels.get(s[1]);
                parts.add(
                        target == null
                                ? null
                                : target.startsWith("/")
                                        ? target.substring(1)
                                        : "xl/" + target.replaceFirst("^\\./", ""));
            }
        } catch (IOException | XMLStreamException e) {
            throw new InvalidInputException("file", "import.unreadable.xlsx");
        }
    }

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public List<String> sheetNames() {
        return List.copyOf(names);
    }

    @Override
    public SheetTable read(int sheet) {
        return read(sheet, limits.maxRows(), true);
    }

    @Override
    public SheetTable head(int sheet, int rows) {
        return read(sheet, rows, false);
    }

    private SheetTable read(int sheet, int maxRows, boolean strict) {
        var rows = new ArrayList<SheetTable.Row>();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            var found = wb.getSheet(sheet).orElseThrow(() -> new InvalidInputException("file", "import.noSheet"));
            try (var stream = found.openStream()) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    Row row = it.next();
                    if (rows.size() >= maxRows) {
                        if (strict) {
                            throw new InvalidInputException("file", "import.tooManyRows", maxRows);
                        }
                        break;
                    }
                    if (row.getCellCount() > limits.maxColumns()) {
                        throw new InvalidInputException("file", "import.tooManyColumns");
                    }
                    String[] cells = new String[row.getCellCount()];
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = text(row, c);
                    }
                    rows.add(new SheetTable.Row(row.getRowNum(), cells));
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("file", "import.unreadable.xlsx");
        }
        return SheetTable.filled(names.get(sheet), sheet, rows, merges(sheet));
    }

    /** The zip entry of a sheet's XML, as the workbook's relationships name it. */
    String part(int sheet) {
        if (sheet < 0 || sheet >= parts.size() || parts.get(sheet) == null) {
            throw new InvalidInputException("file", "import.noSheet");
        }
        return parts.get(sheet);
    }

    /** The sheet part's merged ranges, read with StAX without keeping the part. */
    List<SheetTable.Merge> merges(int sheet) {
        String part = sheet < parts.size() ? parts.get(sheet) : null;
        var out = new ArrayList<SheetTable.Merge>();
        if (part == null) {
            return out;
        }
        try {
            forEachPart(part::equals, (name, xml) -> {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT
                            && xml.getLocalName().equals("mergeCell")) {
                        var m = SheetTable.Merge.parse(String.valueOf(xml.getAttributeValue(null, "ref")));
                        if (m != null && m.lastColumn() < limits.maxColumns()) {
                            out.add(m);
                        }
                    }
                }
            });
        } catch (IOException | XMLStreamException e) {
            throw new InvalidInputException("file", "import.unreadable.xlsx");
        }
        return out;
    }

    private interface PartReader {
        void read(String name, XMLStreamReader xml) throws XMLStreamException;
    }

    private void forEachPart(Predicate<String> wanted, PartReader reader) throws IOException, XMLStreamException {
        // by the central directory, as Excel reads it: a stream reader fails on entries whose sizes follow their data
        try (var zip = open(file)) {
            for (var e : Collections.list(zip.getEntries())) {
                if (!wanted.test(e.getName())) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    XMLStreamReader xml = xmlInput().createXMLStreamReader(in);
                    try {
                        reader.read(e.getName(), xml);
                    } finally {
                        xml.close();
                    }
                }
            }
        }
    }

    static ZipFile open(byte[] file) throws IOException {
        return ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(file))
                .get();
    }

    private static XMLInputFactory xmlInput() {
        var f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    static String text(Row row, int c) {
        if (c >= row.getCellCount() || row.getCell(c) == null) {
            return null;
        }
        var cell = row.getCell(c);
        return switch (cell.getType()) {
            case NUMBER -> Numbers.shown(cell.asNumber());
            case EMPTY -> null;
            case FORMULA -> Numbers.shownIfNumber(cell.getRawValue());
            default -> cell.getText();
        };
    }
}
