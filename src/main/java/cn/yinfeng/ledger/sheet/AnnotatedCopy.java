package cn.yinfeng.ledger.sheet;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The clerk's own file back with the import's result: one column added after the last, headed 导入结果, a line per
 * row saying what was done with it, and for an .xls a comment on each cell with a problem. Everything else — their
 * title, merged header, 序号, 备注, formulas, other sheets — is left as they wrote it; the file keeps its format (an
 * xlsx is rewritten part by part, only the read sheet's XML changes; a CSV keeps its encoding and delimiter).
 */
public final class AnnotatedCopy {

    /** A cell with a problem: its row as numbered in the sheet, its column from 0, and what to do. */
    public record CellNote(int row, int column, String text) {}

    private AnnotatedCopy() {}

    /**
     * @param results a text per row number (the header row gets {@code heading})
     * @param column the column the results go in: one after the widest row of the header
     */
    public static byte[] of(
            byte[] file,
            int sheet,
            int column,
            String heading,
            int headerRow,
            Map<Integer, String> results,
            List<CellNote> notes) {
        var all = new HashMap<>(results);
        all.put(headerRow, heading);
        return switch (LedgerFiles.detect(file)) {
            case XLSX -> xlsx(file, sheet, column, all);
            case OLE -> xls(file, sheet, column, all, notes);
            case TEXT -> csv(file, column, all);
        };
    }

    private static byte[] xls(byte[] file, int sheet, int column, Map<Integer, String> results, List<CellNote> notes) {
        try (var wb = new HSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet s = wb.getSheetAt(sheet);
            results.forEach((number, text) -> {
                Row row = s.getRow(number - 1) != null ? s.getRow(number - 1) : s.createRow(number - 1);
                row.createCell(column).setCellValue(text);
            });
            var drawing = s.createDrawingPatriarch();
            var factory = wb.getCreationHelper();
            for (CellNote n : notes) {
                Row row = s.getRow(n.row() - 1);
                if (row == null) {
                    continue;
                }
                var cell = row.getCell(n.column()) != null ? row.getCell(n.column()) : row.createCell(n.column());
                ClientAnchor anchor = factory.createClientAnchor();
                anchor.setCol1(n.column() + 1);
                anchor.setCol2(n.column() + 4);
                anchor.setRow1(n.row() - 1);
                anchor.setRow2(n.row() + 2);
                var comment = drawing.createCellComment(anchor);
                comment.setString(factory.createRichTextString(n.text()));
                comment.setAuthor("Yinfeng");
                cell.setCellComment(comment);
            }
            s.setColumnWidth(column, 60 * 256);
            var out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("file", "import.unreadable.xls");
        }
    }

    private static byte[] csv(byte[] file, int column, Map<Integer, String> results) {
        var reader = new CsvReader(file, Limits.DEFAULT);
        boolean bom = file.length >= 3 && (file[0] & 0xff) == 0xef && (file[1] & 0xff) == 0xbb;
        var charset = reader.encoding().equals("UTF-8") ? StandardCharsets.UTF_8 : CsvReader.GB18030;
        char delimiter = CsvReader.delimiter(new String(file, charset));
        var text = new StringBuilder();
        for (SheetTable.Row row : reader.read(0).rows()) {
            String[] cells = row.cells();
            int width = Math.max(cells.length, results.containsKey(row.number()) ? column + 1 : cells.length);
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    text.append(delimiter);
                }
                String v = c == column ? results.get(row.number()) : c < cells.length ? cells[c] : null;
                text.append(quote(v, delimiter));
            }
            text.append("\r\n");
        }
        var out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        }
        out.writeBytes(text.toString().getBytes(charset));
        return out.toByteArray();
    }

    private static String quote(String v, char delimiter) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static byte[] xlsx(byte[] file, int sheet, int column, Map<Integer, String> results) {
        var reader = new XlsxReader(file, Limits.DEFAULT);
        String part = reader.part(sheet);
        var out = new ByteArrayOutputStream();
        try (var zip = XlsxReader.open(file);
                var copy = new ZipOutputStream(out)) {
            for (var e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                copy.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = zip.getInputStream(e)) {
                    if (e.getName().equals(part)) {
                        rewriteSheet(in, copy, column, results);
                    } else {
                        in.transferTo(copy);
                    }
                }
                copy.closeEntry();
            }
        } catch (IOException | XMLStreamException e) {
            throw new InvalidInputException("file", "import.unreadable.xlsx");
        }
        return out.toByteArray();
    }

    /** Copies a sheet part event by event, adding the result cell at the end of each row that has one. */
    private static void rewriteSheet(InputStream in, OutputStream out, int column, Map<Integer, String> results)
            throws XMLStreamException {
        var inputs = XMLInputFactory.newFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLEventReader events = inputs.createXMLEventReader(
                new FilterInputStream(in) {
                    @Override
                    public void close() {}
                },
                "UTF-8");
        XMLEventWriter writer = XMLOutputFactory.newFactory()
                .createXMLEventWriter(
                        new FilterOutputStream(out) {
                            @Override
                            public void close() throws IOException {
                                flush();
                            }
                        },
                        "UTF-8");
        var make = XMLEventFactory.newInstance();
        String ns = null;
        Integer row = null;
        String letters = letters(column);
        while (events.hasNext()) {
            XMLEvent ev = events.nextEvent();
            if (ev.isStartElement()) {
                StartElement s = ev.asStartElement();
                String name = s.getName().getLocalPart();
                if (name.equals("worksheet")) {
                    ns = s.getName().getNamespaceURI();
                } else if (name.equals("row")) {
                    Attribute r = s.getAttributeByName(new QName("r"));
                    row = r == null ? null : Integer.valueOf(r.getValue());
                    if (row != null && results.containsKey(row)) {
                        // a row's spans hint at its cells; with a cell added they would be wrong, so they go
                        var attrs = new ArrayList<Attribute>();
                        s.getAttributes().forEachRemaining(a -> {
                            if (!a.getName().getLocalPart().equals("spans")) {
                                attrs.add(a);
                            }
                        });
                        ev = make.createStartElement(s.getName(), attrs.iterator(), s.getNamespaces());
                    }
                } else if (name.equals("dimension")) {
                    continue; // optional, and stale once a column is added
                }
            } else if (ev.isEndElement()) {
                String name = ev.asEndElement().getName().getLocalPart();
                if (name.equals("dimension")) {
                    continue;
                }
                if (name.equals("row") && row != null && results.containsKey(row)) {
                    inlineCell(writer, make, ns, letters + row, results.get(row));
                }
            }
            writer.add(ev);
        }
        writer.flush();
        writer.close();
    }

    private static void inlineCell(XMLEventWriter w, XMLEventFactory make, String ns, String ref, String text)
            throws XMLStreamException {
        String n = ns == null ? "" : ns;
        w.add(make.createStartElement("", n, "c"));
        w.add(make.createAttribute("r", ref));
        w.add(make.createAttribute("t", "inlineStr"));
        w.add(make.createStartElement("", n, "is"));
        w.add(make.createStartElement("", n, "t"));
        w.add(make.createCharacters(text));
        w.add(make.createEndElement("", n, "t"));
        w.add(make.createEndElement("", n, "is"));
        w.add(make.createEndElement("", n, "c"));
    }

    static String letters(int column) {
        var s = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int rem = (c - 1) % 26;
            s.insert(0, (char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return s.toString();
    }
}
