package cn.yinfeng.reconcile;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of an uploaded file, judged by its content, not its name: plain text (UTF-8, else GB18030 as Chinese
 * Windows saves it) or a .docx, whose {@code word/document.xml} is read with limits checked while unpacking (file
 * size, entry count, total unpacked size and ratio) and no DTD (a DOCTYPE is refused, so no external entity is ever
 * resolved). Nothing is written to disk.
 */
final class UploadedText {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_UNPACKED = 50L * 1024 * 1024;
    static final int MAX_RATIO = 100;

    private UploadedText() {}

    static String read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("file", "reconcile.file.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("file", "reconcile.file.tooLarge", MAX_BYTES / 1024 / 1024);
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return docx(bytes);
        }
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF) {
            throw new InvalidInputException("file", "reconcile.file.type"); // .doc or an encrypted .docx
        }
        String text = decode(bytes);
        if (text == null || text.indexOf('\0') >= 0) {
            throw new InvalidInputException("file", "reconcile.file.type");
        }
        String head = text.stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype")
                || head.startsWith("<html")
                || head.startsWith("<?xml")
                || head.startsWith("<svg")
                || head.startsWith("%pdf")) {
            throw new InvalidInputException("file", "reconcile.file.type");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decode(byte[] bytes) {
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GB18030")}) {
            try {
                return cs.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                // try the next
            }
        }
        return null;
    }

    static String docx(byte[] bytes) {
        byte[] document = null;
        long total = 0;
        int entries = 0;
        long budget = Math.min(MAX_UNPACKED, (long) MAX_RATIO * bytes.length + 1_000_000);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            byte[] buf = new byte[8192];
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidInputException("file", "reconcile.file.bomb");
                }
                boolean wanted = e.getName().equals("word/document.xml");
                ByteArrayOutputStream keep = wanted ? new ByteArrayOutputStream() : null;
                int n;
                while ((n = zip.read(buf)) > 0) {
                    total += n;
                    if (total > budget) {
                        throw new InvalidInputException("file", "reconcile.file.bomb");
                    }
                    if (keep != null) {
                        keep.write(buf, 0, n);
                    }
                }
                if (keep != null) {
                    document = keep.toByteArray();
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw new InvalidInputException("file", "reconcile.file.type");
        }
        if (document == null) {
            throw new InvalidInputException("file", "reconcile.file.type");
        }
        return documentText(document);
    }

    /** Paragraphs of word/document.xml as lines: w:t text, w:tab a tab, w:br and w:p ends a line break. */
    static String documentText(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.UTF_8);
        if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
            throw new InvalidInputException("file", "reconcile.file.doctype");
        }
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        StringBuilder out = new StringBuilder();
        try (InputStream in = new ByteArrayInputStream(xml)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            boolean inText = false;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new InvalidInputException("file", "reconcile.file.doctype");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = r.getLocalName();
                        if (name.equals("t")) {
                            inText = true;
                        } else if (name.equals("tab")) {
                            out.append('\t');
                        } else if (name.equals("br") || name.equals("cr")) {
                            out.append('\n');
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = r.getLocalName();
                        if (name.equals("t")) {
                            inText = false;
                        } else if (name.equals("p")) {
                            out.append('\n');
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (inText) {
                            out.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new InvalidInputException("file", "reconcile.file.doctype");
                    default -> {}
                }
                if (out.length() > ReconcileService.MAX_TEXT) {
                    throw new InvalidInputException("file", "reconcile.text.tooLong", ReconcileService.MAX_TEXT);
                }
            }
            r.close();
        } catch (XMLStreamException | IOException e) {
            throw new InvalidInputException("file", "reconcile.file.type");
        }
        return out.toString();
    }
}
