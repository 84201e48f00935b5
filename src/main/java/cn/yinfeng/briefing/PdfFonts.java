package cn.yinfeng.briefing;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font files the PDF 简报 is set in, by role: the title (and the 报头), the body, the headings (the table's line
 * and heads, the chart's title). A PDF carries its fonts, so these are files on this machine, embedded as subsets:
 * the reader needs none of them. A blank setting takes the first installed of the Debian CJK fonts (AR PL UMing from
 * fonts-arphic-uming, then WenQuanYi from fonts-wqy-microhei / fonts-wqy-zenhei). In a .ttc collection the first
 * font is used (UMing CN in uming.ttc, Micro Hei in wqy-microhei.ttc); .ttf and .otf (TrueType outlines) files are
 * read as they are.
 */
final class PdfFonts {

    static final String PROPERTY = "yinfeng.report.pdf.fonts.";

    static final List<Path> TITLE_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));
    static final List<Path> BODY_CANDIDATES = TITLE_CANDIDATES;
    static final List<Path> HEADING_CANDIDATES = TITLE_CANDIDATES;

    private final Path title;
    private final Path body;
    private final Path heading;

    private PdfFonts(Path title, Path body, Path heading) {
        this.title = title;
        this.body = body;
        this.heading = heading;
    }

    /**
     * The fonts from the settings {@code yinfeng.report.pdf.fonts.title|body|heading}, each a file path or blank for
     * the default.
     *
     * @throws IllegalStateException if a configured file does not exist (naming the property and the path), or a
     *     blank setting finds none of the default fonts installed (naming the packages to install)
     */
    static PdfFonts configured(String title, String body, String heading) {
        return new PdfFonts(
                resolve("title", title, TITLE_CANDIDATES),
                resolve("body", body, BODY_CANDIDATES),
                resolve("heading", heading, HEADING_CANDIDATES));
    }

    static Path resolve(String role, String configured, List<Path> candidates) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.strip());
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(
                        PROPERTY + role + " names the font file " + p + ", which does not exist (or is not a file)");
            }
            return p;
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("No font for the PDF's " + role + ": none of " + candidates
                + " is installed; install fonts-arphic-uming or fonts-wqy-microhei (apt-get install"
                + " fonts-arphic-uming fonts-wqy-microhei), or set " + PROPERTY + role + " to a .ttf/.ttc file");
    }

    Path title() {
        return title;
    }

    Path body() {
        return body;
    }

    Path heading() {
        return heading;
    }

    /**
     * Loads the three fonts into {@code doc} (a file used by several roles is loaded once). The result must stay
     * open until the document is saved: the subsets are cut from the font files then.
     */
    Loaded load(PDDocument doc) throws IOException {
        Loaded loaded = new Loaded();
        try {
            Map<Path, PdfTextLayout.Face> byFile = new HashMap<>();
            loaded.title = loaded.face(doc, title, byFile);
            loaded.body = loaded.face(doc, body, byFile);
            loaded.heading = loaded.face(doc, heading, byFile);
            return loaded;
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "PdfFonts[title=" + title + ", body=" + body + ", heading=" + heading + "]";
    }

    /** The fonts loaded into one document, by role, and the font files held open for it. */
    static final class Loaded implements Closeable {
        private final List<Closeable> open = new ArrayList<>();
        private PdfTextLayout.Face title;
        private PdfTextLayout.Face body;
        private PdfTextLayout.Face heading;

        PdfTextLayout.Face title() {
            return title;
        }

        PdfTextLayout.Face body() {
            return body;
        }

        PdfTextLayout.Face heading() {
            return heading;
        }

        private PdfTextLayout.Face face(PDDocument doc, Path file, Map<Path, PdfTextLayout.Face> byFile)
                throws IOException {
            PdfTextLayout.Face known = byFile.get(file);
            if (known != null) {
                return known;
            }
            TrueTypeFont ttf;
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".ttc") || name.endsWith(".otc")) {
                TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
                open.add(collection);
                List<TrueTypeFont> fonts = new ArrayList<>();
                collection.processAllFonts(fonts::add);
                if (fonts.isEmpty()) {
                    throw new IOException("The font collection " + file + " holds no font");
                }
                ttf = fonts.get(0);
            } else if (name.endsWith(".otf")) {
                ttf = new OTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
                open.add(ttf);
            } else {
                ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
                open.add(ttf);
            }
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            String fontName = ttf.getName() == null ? file.toString() : ttf.getName() + " (" + file + ")";
            PdfTextLayout.Face face = new PdfTextLayout.Face(font, fontName);
            byFile.put(file, face);
            return face;
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Closeable c : open) {
                try {
                    c.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            open.clear();
            if (first != null) {
                throw first;
            }
        }
    }
}
