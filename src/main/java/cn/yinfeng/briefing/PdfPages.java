package cn.yinfeng.briefing;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The pages of the PDF 简报 as they fill: A4 with the 版心 of GB/T 9704 (margins 37 mm top, 35 mm bottom, 28 mm
 * left, 26 mm right: 156 × 225 mm), the page being written and how far down it is ({@link #y()}, in PDF points from
 * the page's bottom edge).
 */
final class PdfPages implements Closeable {

    static final float MM = 72f / 25.4f;
    static final PDRectangle A4 = PDRectangle.A4;
    static final float LEFT = 28 * MM;
    static final float RIGHT = A4.getWidth() - 26 * MM;
    static final float TOP = A4.getHeight() - 37 * MM;
    static final float BOTTOM = 35 * MM;
    static final float WIDTH = RIGHT - LEFT;
    static final float HEIGHT = TOP - BOTTOM;
    /** The body's line pitch: 22 lines of 三号 in the 版心. */
    static final float PITCH = HEIGHT / 22;

    static final Color BLACK = Color.BLACK;
    static final Color RED = new Color(0xC0, 0x00, 0x00);

    private final PDDocument doc;
    private PDPageContentStream cs;
    private float y;

    PdfPages(PDDocument doc) throws IOException {
        this.doc = doc;
        newPage();
    }

    PDDocument doc() {
        return doc;
    }

    PDPageContentStream cs() {
        return cs;
    }

    /** The top of the space left on the page. */
    float y() {
        return y;
    }

    void down(float h) {
        y -= h;
    }

    /** Whether {@code h} points still fit above the 版心's bottom edge. */
    boolean fits(float h) {
        return y - h >= BOTTOM - 0.01f;
    }

    /** Starts a new page unless {@code h} points fit on this one. */
    void ensure(float h) throws IOException {
        if (!fits(h)) {
            newPage();
        }
    }

    void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** The baseline that centres a line of CJK text of {@code size} in a line box from {@code top} of {@code pitch}. */
    static float baseline(float top, float pitch, float size) {
        return top - pitch / 2 - size * 0.36f;
    }

    /** Draws one line of text at its baseline, in {@code colour}; the character named if the font lacks one. */
    void text(PdfTextLayout.Face face, String text, float x, float baseline, float size, boolean bold, Color colour)
            throws IOException {
        line(face, List.of(text), 0, x, baseline, size, bold, colour);
    }

    /** Draws a broken line's pieces with {@code gap} points between them (justification). */
    void line(
            PdfTextLayout.Face face,
            List<String> pieces,
            float gap,
            float x,
            float baseline,
            float size,
            boolean bold,
            Color colour)
            throws IOException {
        cs.setNonStrokingColor(colour);
        cs.setStrokingColor(colour);
        face.show(cs, pieces, gap, x, baseline, size, bold);
        cs.setNonStrokingColor(BLACK);
        cs.setStrokingColor(BLACK);
    }

    /** A horizontal rule at height {@code at}. */
    void rule(float x0, float x1, float at, float width, Color colour) throws IOException {
        cs.setStrokingColor(colour);
        cs.setLineWidth(width);
        cs.moveTo(x0, at);
        cs.lineTo(x1, at);
        cs.stroke();
        cs.setStrokingColor(BLACK);
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }
}
