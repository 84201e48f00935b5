package cn.yinfeng.briefing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The 简报's figures table in the PDF: 五号 (10.5 pt) type, smaller only if the columns do not fit the 版心's width
 * otherwise; columns as wide as their figures, the heads wrapping inside them; numbers right-aligned; the total row
 * in (stroked) bold; the head row repeated on every page the table runs onto.
 */
final class PdfTable {

    private static final float[] SIZES = {10.5f, 10f, 9.5f, 9f, 8.5f, 8f, 7.5f};
    private static final float PAD = 3f;
    private static final int KEEP_ROWS = 3;
    private static final float VPAD = 3.5f;
    private static final Pattern NUMBER = Pattern.compile("[-+−]?[0-9][0-9,]*(\\.[0-9]+)?\\s*[%‰]?");

    /** What is drawn just over the table (its line), once the page it starts on is known. */
    interface Before {
        void draw() throws IOException;
    }

    private final PdfPages pages;
    private final PdfTextLayout.Face headFace;
    private final PdfTextLayout.Face bodyFace;
    private final List<String> heads;
    private final List<BriefingDocument.Row> rows;
    private final int columns;
    private float size;
    private float[] widths;

    private PdfTable(
            PdfPages pages,
            PdfTextLayout.Face headFace,
            PdfTextLayout.Face bodyFace,
            List<String> heads,
            List<BriefingDocument.Row> rows) {
        this.pages = pages;
        this.headFace = headFace;
        this.bodyFace = bodyFace;
        this.heads = heads;
        this.rows = rows;
        int n = heads.size();
        for (BriefingDocument.Row r : rows) {
            n = Math.max(n, r.cells().size());
        }
        this.columns = n;
    }

    /**
     * Draws the table from the top of the space left, keeping {@code keepWith} points (the line over the table) on
     * the page with the head row and the first three rows. Returns without drawing if there are no columns.
     */
    static void draw(
            PdfPages pages,
            PdfTextLayout.Face headFace,
            PdfTextLayout.Face bodyFace,
            List<String> heads,
            List<BriefingDocument.Row> rows,
            Before before,
            float keepWith)
            throws IOException {
        PdfTable t = new PdfTable(pages, headFace, bodyFace, heads, rows);
        if (t.columns == 0) {
            before.draw();
            return;
        }
        t.layout();
        List<List<String>> headLines = t.lines(heads, headFace, true);
        float headH = t.height(headLines);
        // the line, the head row and the first rows (up to 3) on one page: no head row left alone at a page's foot
        float firstH = 0;
        for (BriefingDocument.Row r : rows.subList(0, Math.min(KEEP_ROWS, rows.size()))) {
            firstH += t.height(t.lines(r.cells(), bodyFace, false));
        }
        pages.ensure(keepWith + headH + firstH);
        before.draw();
        t.row(headLines, headFace, true, true);
        for (BriefingDocument.Row r : rows) {
            List<List<String>> lines = t.lines(r.cells(), bodyFace, false);
            float h = t.height(lines);
            if (!pages.fits(h)) {
                pages.newPage();
                t.row(headLines, headFace, true, true);
            }
            t.row(lines, bodyFace, r.total(), false);
        }
    }

    /**
     * The type size and the column widths: the largest size at which every head fits on two lines and no figure
     * wraps, else the largest at which no figure wraps.
     */
    private void layout() {
        for (float s : SIZES) {
            float[] w = widths(s, false);
            if (w != null && headsOnTwoLines(s, w)) {
                size = s;
                widths = w;
                return;
            }
        }
        for (float s : SIZES) {
            float[] w = widths(s, false);
            if (w != null) {
                size = s;
                widths = w;
                return;
            }
        }
        size = SIZES[SIZES.length - 1];
        widths = widths(size, true);
    }

    private float[] widths(float s, boolean force) {
        float[] min = new float[columns];
        float[] two = new float[columns];
        float[] one = new float[columns];
        for (int c = 0; c < columns; c++) {
            float body = 0;
            for (BriefingDocument.Row r : rows) {
                if (c < r.cells().size()) {
                    String cell = r.cells().get(c);
                    body = Math.max(body, force ? longestPiece(bodyFace, s, cell) : bodyFace.width(cell, s));
                }
            }
            String head = c < heads.size() ? heads.get(c) : "";
            min[c] = Math.max(body, longestPiece(headFace, s, head)) + 2 * PAD;
            two[c] = Math.max(min[c], width(twoLines(headFace, s, head), s) + 2 * PAD);
            one[c] = Math.max(min[c], headFace.width(head, s) + 2 * PAD);
        }
        float w = PdfPages.WIDTH;
        if (sum(one) <= w) {
            return spread(one, w);
        }
        if (sum(two) <= w) {
            return spread(two, w);
        }
        float sumMin = sum(min);
        if (sumMin > w) {
            if (!force) {
                return null;
            }
            float[] scaled = new float[columns];
            for (int c = 0; c < columns; c++) {
                scaled[c] = min[c] * w / sumMin;
            }
            return scaled;
        }
        // every figure on one line; the room left goes to the heads that wrap, by how much they lack
        float[] out = new float[columns];
        float extra = w - sumMin;
        float lack = sum(two) - sumMin;
        for (int c = 0; c < columns; c++) {
            out[c] = min[c] + extra * (two[c] - min[c]) / lack;
        }
        return out;
    }

    private boolean headsOnTwoLines(float s, float[] w) {
        for (int c = 0; c < columns && c < heads.size(); c++) {
            if (width(twoLines(headFace, s, heads.get(c)), s) + 2 * PAD > w[c] + 0.01f) {
                return false;
            }
        }
        return true;
    }

    /** {@code base} with what is left of {@code total} shared equally. */
    private float[] spread(float[] base, float total) {
        float extra = (total - sum(base)) / columns;
        float[] out = new float[columns];
        for (int c = 0; c < columns; c++) {
            out[c] = base[c] + extra;
        }
        return out;
    }

    /**
     * A head on two lines: before its parenthesis ("签约金额" / "（亿元）") if it has one, else as evenly as the
     * breaker allows ("签约项" / "目数").
     */
    private static List<String> twoLines(PdfTextLayout.Face face, float s, String head) {
        for (String open : new String[] {"（", " ("}) {
            int k = head.indexOf(open);
            if (k > 0) {
                return List.of(head.substring(0, k).strip(), head.substring(k).strip());
            }
        }
        float total = face.width(head, s);
        float w = Math.max(longestPiece(face, s, head), total / 2);
        while (true) {
            List<PdfTextLayout.Line> lines = PdfTextLayout.wrap(face, s, head, w, w);
            if (lines.size() <= 2 || w >= total) {
                List<String> out = new ArrayList<>();
                for (PdfTextLayout.Line l : lines) {
                    out.add(l.text());
                }
                return out;
            }
            w += s / 2;
        }
    }

    private float width(List<String> lines, float s) {
        float w = 0;
        for (String l : lines) {
            w = Math.max(w, headFace.width(l, s));
        }
        return w;
    }

    private static float longestPiece(PdfTextLayout.Face face, float s, String text) {
        return PdfTextLayout.widestPiece(face, s, text);
    }

    private List<List<String>> lines(List<String> cells, PdfTextLayout.Face face, boolean head) {
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String text = c < cells.size() ? cells.get(c) : "";
            float inner = widths[c] - 2 * PAD + 0.01f;
            if (face.width(text, size) <= inner) {
                out.add(List.of(text));
                continue;
            }
            if (head) {
                List<String> two = twoLines(face, size, text);
                if (two.size() <= 2 && width(two, size) <= inner) {
                    out.add(two);
                    continue;
                }
            }
            List<String> ls = new ArrayList<>();
            for (PdfTextLayout.Line l : PdfTextLayout.wrap(face, size, text, inner, inner)) {
                ls.add(l.text());
            }
            out.add(ls);
        }
        return out;
    }

    private float lead() {
        return size * 1.35f;
    }

    private float height(List<List<String>> lines) {
        int n = 1;
        for (List<String> l : lines) {
            n = Math.max(n, l.size());
        }
        return n * lead() + 2 * VPAD;
    }

    private void row(List<List<String>> lines, PdfTextLayout.Face face, boolean bold, boolean head) throws IOException {
        float h = height(lines);
        float top = pages.y();
        float x = PdfPages.LEFT;
        var cs = pages.cs();
        cs.setLineWidth(0.5f);
        for (int c = 0; c < columns; c++) {
            float w = widths[c];
            cs.addRect(x, top - h, w, h);
            cs.stroke();
            List<String> ls = lines.get(c);
            float blockTop = top - (h - ls.size() * lead()) / 2;
            for (int i = 0; i < ls.size(); i++) {
                String s = ls.get(i);
                float lw = face.width(s, size);
                float tx;
                if (!head && c > 0 && NUMBER.matcher(s.strip()).matches()) {
                    tx = x + w - PAD - lw;
                } else {
                    tx = x + (w - lw) / 2;
                }
                float base = PdfPages.baseline(blockTop - i * lead(), lead(), size);
                pages.text(face, s, tx, base, size, bold, PdfPages.BLACK);
            }
            x += w;
        }
        pages.down(h);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
