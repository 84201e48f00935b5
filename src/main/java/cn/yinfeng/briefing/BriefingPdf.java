package cn.yinfeng.briefing;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * The 简报 as a PDF in the layout of GB/T 9704 (党政机关公文格式), the counterpart of the Word document: A4 with the
 * standard's 版心; the 报头 (the briefing's name in red, 期号, the issuing unit and the date) over a red rule; the title
 * in 二号 (22 pt) centred; the body in 三号 (16 pt), first lines indented two characters, 22 lines to the page; the
 * table in 五号 with its head row repeated on every page; the basis line; the bar chart as vector paths; the 报尾
 * (报送, 抄送, the issuer and the print date between rules) at the foot of the last page; page numbers "— n —" in
 * 四号, odd pages right and even pages left. Fonts are embedded subsets of {@link PdfFonts}; all text is text. A
 * character a font cannot draw is refused ({@link IllegalArgumentException} naming it and the font), never dropped.
 */
final class BriefingPdf {

    private static final float NAME = 36f; // 小初
    private static final float TITLE = 22f; // 二号
    private static final float BODY = 16f; // 三号
    private static final float FOOT = 14f; // 四号
    private static final float BASIS = 9f; // 小五
    private static final float GAP = 8f;
    private static final float FOOT_PITCH = 21f;

    private enum Align {
        LEFT,
        CENTRE,
        JUSTIFY
    }

    private final BriefingDocument d;
    private final PdfTextLayout.Face title;
    private final PdfTextLayout.Face body;
    private final PdfTextLayout.Face heading;
    private final PdfPages pages;

    private BriefingPdf(BriefingDocument d, PdfFonts.Loaded fonts, PdfPages pages) {
        this.d = d;
        this.title = fonts.title();
        this.body = fonts.body();
        this.heading = fonts.heading();
        this.pages = pages;
    }

    static void write(BriefingDocument d, PdfFonts fonts, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument();
                PdfFonts.Loaded loaded = fonts.load(doc)) {
            try (PdfPages pages = new PdfPages(doc)) {
                new BriefingPdf(d, loaded, pages).lay();
            }
            pageNumbers(doc, loaded.body());
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(d.title());
            info.setSubject(d.briefingName() + " " + d.issue());
            info.setAuthor(d.issuer());
            info.setCreator("Yinfeng");
            doc.getDocumentCatalog().setLanguage(hasCjk(d.title()) ? "zh-CN" : "en");
            PDViewerPreferences prefs = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
            prefs.setDisplayDocTitle(true);
            doc.getDocumentCatalog().setViewerPreferences(prefs);
            doc.save(out);
        }
    }

    private void lay() throws IOException {
        masthead();
        pages.down(PdfPages.PITCH * 0.5f);
        paragraph(title, TITLE, d.title(), 0, TITLE * 1.4f, Align.CENTRE, true);
        pages.down(PdfPages.PITCH * 0.5f);
        for (String p : d.paragraphs()) {
            paragraph(body, BODY, p, 2 * BODY, PdfPages.PITCH, Align.JUSTIFY, false);
        }
        if (!d.heads().isEmpty() || !d.rows().isEmpty()) {
            List<PdfTextLayout.Line> headingLines =
                    PdfTextLayout.wrap(heading, BODY, d.tableHeading(), PdfPages.WIDTH, PdfPages.WIDTH);
            float keep = headingLines.size() * PdfPages.PITCH;
            PdfTable.draw(
                    pages,
                    heading,
                    body,
                    d.heads(),
                    d.rows(),
                    () -> paragraph(heading, BODY, d.tableHeading(), 0, PdfPages.PITCH, Align.CENTRE, true),
                    keep);
        } else {
            paragraph(heading, BODY, d.tableHeading(), 0, PdfPages.PITCH, Align.CENTRE, true);
        }
        pages.down(3);
        paragraph(body, BASIS, d.basis(), 0, BASIS * 1.5f, Align.LEFT, false);
        chart();
        colophon();
    }

    /**
     * The chart, as tall as it may be up to {@link PdfBarChart#HEIGHT} with the 报尾 still fitting under it; on a new
     * page if less than {@link PdfBarChart#MIN_HEIGHT} is left (then the 报尾 follows it there).
     */
    private void chart() throws IOException {
        if (PdfBarChart.isEmpty(d.chart())) {
            return;
        }
        pages.down(GAP);
        float room = pages.y() - PdfPages.BOTTOM;
        float below = colophonHeight() + GAP;
        float height;
        if (room - below >= PdfBarChart.MIN_HEIGHT) {
            height = Math.min(PdfBarChart.HEIGHT, room - below);
        } else if (room >= PdfBarChart.HEIGHT) {
            height = PdfBarChart.HEIGHT;
        } else {
            pages.newPage();
            height = PdfBarChart.HEIGHT;
        }
        PdfBarChart.draw(pages, heading, body, d.chart(), height);
    }

    /** The 报头: the name in red as large as 小初 (smaller if it would not fit one line), 期号, unit and date. */
    private void masthead() throws IOException {
        float w = title.width(d.briefingName(), NAME);
        float size = w > PdfPages.WIDTH ? (float) Math.floor(NAME * PdfPages.WIDTH / w * 2) / 2 : NAME;
        float box = NAME * 1.3f;
        pages.text(
                title,
                d.briefingName(),
                PdfPages.LEFT + (PdfPages.WIDTH - title.width(d.briefingName(), size)) / 2,
                PdfPages.baseline(pages.y(), box, size),
                size,
                true,
                PdfPages.RED);
        pages.down(box + 4);
        paragraph(body, BODY, d.issue(), 0, PdfPages.PITCH, Align.CENTRE, false);
        float base = PdfPages.baseline(pages.y(), PdfPages.PITCH, BODY);
        pages.text(body, d.issuer(), PdfPages.LEFT, base, BODY, false, PdfPages.BLACK);
        pages.text(body, d.date(), PdfPages.RIGHT - body.width(d.date(), BODY), base, BODY, false, PdfPages.BLACK);
        pages.down(PdfPages.PITCH + 2);
        pages.rule(PdfPages.LEFT, PdfPages.RIGHT, pages.y(), 1.2f, PdfPages.RED);
        pages.down(2);
    }

    /** A paragraph, line by line, onto as many pages as it takes (at least two lines on each). */
    private void paragraph(
            PdfTextLayout.Face face, float size, String text, float indent, float pitch, Align align, boolean bold)
            throws IOException {
        float width = PdfPages.WIDTH;
        boolean justify = align == Align.JUSTIFY && hasCjk(text);
        List<PdfTextLayout.Line> lines = PdfTextLayout.wrap(face, size, text, width - indent, width);
        for (int i = 0; i < lines.size(); i++) {
            PdfTextLayout.Line l = lines.get(i);
            int left = lines.size() - i;
            if ((i == 0 || left == 2) && left >= 2 && !pages.fits(2 * pitch)) {
                pages.newPage(); // no paragraph's first line alone at a page's foot, no last line alone at its top
            }
            pages.ensure(pitch);
            float x0 = PdfPages.LEFT + (i == 0 ? indent : 0);
            float room = PdfPages.RIGHT - x0;
            float x = align == Align.CENTRE ? PdfPages.LEFT + (width - l.width()) / 2 : x0;
            float gap = justify ? l.gapFor(room) : 0;
            pages.line(face, l.pieces(), gap, x, PdfPages.baseline(pages.y(), pitch, size), size, bold, PdfPages.BLACK);
            pages.down(pitch);
        }
    }

    /**
     * The 报尾 at the foot of the 版心 of the last page (of a new page if the room left is too small): a rule, 报送, a
     * thin rule, 抄送, a thin rule, the issuer and the print date, and a rule on the 版心's bottom edge. Lines are
     * indented one character each side, wrapped lines hang under the text after the label.
     */
    private void colophon() throws IOException {
        float inner = PdfPages.WIDTH - 2 * FOOT;
        List<PdfTextLayout.Line> sent = hanging(d.sentTo(), inner);
        List<PdfTextLayout.Line> copied = hanging(d.copiedTo(), inner);
        float height = colophonHeight();
        if (!pages.fits(height + GAP)) {
            pages.newPage();
        }
        float y = PdfPages.BOTTOM + height;
        float x = PdfPages.LEFT + FOOT;
        pages.rule(PdfPages.LEFT, PdfPages.RIGHT, y, 1f, PdfPages.BLACK);
        y = footLines(d.sentTo(), sent, x, y);
        pages.rule(PdfPages.LEFT, PdfPages.RIGHT, y, 0.5f, PdfPages.BLACK);
        y = footLines(d.copiedTo(), copied, x, y);
        pages.rule(PdfPages.LEFT, PdfPages.RIGHT, y, 0.5f, PdfPages.BLACK);
        float base = PdfPages.baseline(y, FOOT_PITCH, FOOT);
        pages.text(body, d.issuer(), x, base, FOOT, false, PdfPages.BLACK);
        float pw = body.width(d.printed(), FOOT);
        pages.text(body, d.printed(), PdfPages.RIGHT - FOOT - pw, base, FOOT, false, PdfPages.BLACK);
        pages.rule(PdfPages.LEFT, PdfPages.RIGHT, PdfPages.BOTTOM, 1f, PdfPages.BLACK);
    }

    private float colophonHeight() {
        float inner = PdfPages.WIDTH - 2 * FOOT;
        return (hanging(d.sentTo(), inner).size() + hanging(d.copiedTo(), inner).size() + 1) * FOOT_PITCH;
    }

    private List<PdfTextLayout.Line> hanging(String text, float inner) {
        float label = body.width(label(text), FOOT);
        return PdfTextLayout.wrap(body, FOOT, text, inner, inner - label);
    }

    private float footLines(String text, List<PdfTextLayout.Line> lines, float x, float y) throws IOException {
        float label = body.width(label(text), FOOT);
        for (int i = 0; i < lines.size(); i++) {
            pages.text(
                    body,
                    lines.get(i).text(),
                    x + (i == 0 ? 0 : label),
                    PdfPages.baseline(y, FOOT_PITCH, FOOT),
                    FOOT,
                    false,
                    PdfPages.BLACK);
            y -= FOOT_PITCH;
        }
        return y;
    }

    /** "报送：" of "报送：市委办公室…" (the text up to a colon near its start), or nothing. */
    private static String label(String text) {
        for (int i = 0; i < Math.min(text.length(), 16); i++) {
            char c = text.charAt(i);
            if (c == '：' || c == ':') {
                return text.substring(0, i + 1);
            }
        }
        return "";
    }

    /** "— n —" in 四号, 7 mm under the 版心, one character in from the right on odd pages, the left on even. */
    private static void pageNumbers(PDDocument doc, PdfTextLayout.Face face) throws IOException {
        int n = 0;
        for (PDPage page : doc.getPages()) {
            n++;
            String s = "— " + n + " —";
            float w = face.width(s, FOOT);
            float x = n % 2 == 1 ? PdfPages.RIGHT - FOOT - w : PdfPages.LEFT + FOOT;
            float y = PdfPages.BOTTOM - 7 * PdfPages.MM - FOOT * 0.88f;
            try (PDPageContentStream cs =
                    new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs.setNonStrokingColor(Color.BLACK);
                face.show(cs, s, x, y, FOOT, false);
            }
        }
    }

    private static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(PdfTextLayout::isCjk);
    }
}
