package cn.yinfeng.briefing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Text for the PDF 简报: a font that measures and draws and refuses a character it has no glyph for, and a line
 * breaker that breaks Chinese between any two characters and Latin text at spaces, keeping 。，、；：）」 and their
 * kind off the start of a line and （「“《 off its end.
 */
final class PdfTextLayout {

    /** Characters that may not begin a line (行首禁则). */
    private static final String NO_START = "。，、；：？！）」』】〕》〉”’…—％%,.;:?!)]}·～";
    /** Characters that may not end a line (行尾禁则). */
    private static final String NO_END = "（「『【〔《〈“‘([{";

    private PdfTextLayout() {}

    /** One font: glyph widths by code point, and a clear error for a character it cannot draw. */
    static final class Face {
        private final PDType0Font font;
        private final String name;
        private final Map<Integer, Float> widths = new HashMap<>();

        Face(PDType0Font font, String name) {
            this.font = font;
            this.name = name;
        }

        String name() {
            return name;
        }

        /** The width of one code point at 1 pt, in points. */
        float width(int cp) {
            Float w = widths.get(cp);
            if (w == null) {
                String s = new String(Character.toChars(cp));
                try {
                    font.encode(s);
                    w = font.getStringWidth(s) / 1000f;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (IllegalArgumentException e) {
                    throw new MissingGlyphException(s, name, e);
                }
                widths.put(cp, w);
            }
            return w;
        }

        /** The width of {@code text} at {@code size} pt, without character spacing. */
        float width(String text, float size) {
            float w = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                w += width(cp);
                i += Character.charCount(cp);
            }
            return w * size;
        }

        /**
         * Draws {@code text} with its baseline at ({@code x}, {@code y}); {@code bold} strokes the outlines as well
         * (the CJK fonts have no bold).
         */
        void show(PDPageContentStream cs, String text, float x, float y, float size, boolean bold) throws IOException {
            show(cs, List.of(text), 0, x, y, size, bold);
        }

        /** Draws {@code pieces} as one run of text with {@code gap} points added between them (justification). */
        void show(PDPageContentStream cs, List<String> pieces, float gap, float x, float y, float size, boolean bold)
                throws IOException {
            List<Object> run = new ArrayList<>();
            for (String p : pieces) {
                if (p.isEmpty()) {
                    continue;
                }
                width(p, size); // refuses a missing glyph with the character named
                if (!run.isEmpty() && gap != 0) {
                    run.add(-gap * 1000 / size);
                }
                run.add(p);
            }
            if (run.isEmpty()) {
                return;
            }
            if (bold) {
                cs.setLineWidth(size * 0.035f);
            }
            cs.beginText();
            cs.setFont(font, size);
            cs.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            cs.newLineAtOffset(x, y);
            if (run.size() == 1) {
                cs.showText((String) run.get(0));
            } else {
                cs.showTextWithPositioning(run.toArray());
            }
            cs.endText();
        }
    }

    /**
     * A line as broken: its pieces (the breaker's units: a CJK character, a word, a space), its natural width, and
     * whether it ends its paragraph (never stretched).
     */
    record Line(List<String> pieces, float width, boolean last) {

        String text() {
            return String.join("", pieces);
        }

        /**
         * The room added between pieces to stretch this line to {@code target}: Chinese spreads between characters,
         * a number or a word keeps its letters together. None on a paragraph's last line.
         */
        float gapFor(float target) {
            if (last || pieces.size() < 2 || target <= width) {
                return 0;
            }
            return (target - width) / (pieces.size() - 1);
        }
    }

    /** A piece the breaker never splits: one CJK character, one Latin word (with its punctuation), or a space. */
    private record Token(String text, float width, boolean space) {}

    /**
     * Breaks {@code text} into lines of at most {@code first} points (the first line, after its indent) and
     * {@code rest} points (the others). A line feed in the text ends a line.
     */
    static List<Line> wrap(Face face, float size, String text, float first, float rest) {
        List<Line> lines = new ArrayList<>();
        String[] hard = text.split("\n", -1);
        for (String part : hard) {
            wrapPart(face, size, part, lines.isEmpty() ? first : rest, rest, lines);
        }
        return lines;
    }

    /** The width of the widest piece the breaker keeps whole (a word, a number, one CJK character). */
    static float widestPiece(Face face, float size, String text) {
        float w = 0;
        for (Token t : tokens(face, size, text.replace('\n', ' '))) {
            if (!t.space()) {
                w = Math.max(w, t.width());
            }
        }
        return w;
    }

    private static void wrapPart(Face face, float size, String text, float first, float rest, List<Line> out) {
        List<Token> tokens = tokens(face, size, text);
        List<Token> cur = new ArrayList<>();
        float curW = 0;
        float avail = first;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.space() && cur.isEmpty()) {
                continue; // no space at the start of a line
            }
            if (curW + t.width() <= avail + 0.01f || t.space()) {
                if (t.space() && curW + t.width() > avail + 0.01f) {
                    out.add(line(cur, false));
                    cur.clear();
                    curW = 0;
                    avail = rest;
                    continue;
                }
                cur.add(t);
                curW += t.width();
                continue;
            }
            if (!t.space()
                    && t.width() > avail
                    && t.text().codePointCount(0, t.text().length()) > 1) {
                // a word longer than the line: split it by characters
                List<Token> pieces = split(face, size, t);
                tokens.remove(i);
                tokens.addAll(i, pieces);
                i--;
                continue;
            }
            // t goes to the next line, with what may not be parted from it
            List<Token> carried = new ArrayList<>();
            if (startsNoStart(t.text())) {
                while (cur.size() > 1 && startsNoStart(cur.get(cur.size() - 1).text())) {
                    carried.add(0, cur.remove(cur.size() - 1));
                }
                if (cur.size() > 1) {
                    carried.add(0, cur.remove(cur.size() - 1));
                } else {
                    // nothing to carry down: let the punctuation hang at the line's end
                    carried.clear();
                    cur.add(t);
                    out.add(line(cur, false));
                    cur.clear();
                    curW = 0;
                    avail = rest;
                    continue;
                }
            }
            while (cur.size() > 1 && endsNoEnd(cur.get(cur.size() - 1).text())) {
                carried.add(0, cur.remove(cur.size() - 1));
            }
            out.add(line(cur, false));
            cur.clear();
            curW = 0;
            avail = rest;
            for (Token c : carried) {
                if (!(c.space() && cur.isEmpty())) {
                    cur.add(c);
                    curW += c.width();
                }
            }
            cur.add(t);
            curW += t.width();
        }
        out.add(line(cur, true));
    }

    private static Line line(List<Token> tokens, boolean last) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).space()) {
            end--;
        }
        List<String> pieces = new ArrayList<>();
        float w = 0;
        for (int i = 0; i < end; i++) {
            pieces.add(tokens.get(i).text());
            w += tokens.get(i).width();
        }
        return new Line(List.copyOf(pieces), w, last);
    }

    private static List<Token> tokens(Face face, float size, String text) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\r') {
                cp = ' ';
            }
            boolean space = cp == ' ';
            boolean breaksAround = space || isCjk(cp);
            if (breaksAround && !word.isEmpty()) {
                tokens.add(token(face, size, word.toString(), false));
                word.setLength(0);
            }
            if (breaksAround) {
                tokens.add(token(face, size, new String(Character.toChars(cp)), space));
            } else {
                word.appendCodePoint(cp);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(token(face, size, word.toString(), false));
        }
        return tokens;
    }

    private static List<Token> split(Face face, float size, Token t) {
        List<Token> pieces = new ArrayList<>();
        String s = t.text();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            pieces.add(token(face, size, new String(Character.toChars(cp)), false));
        }
        return pieces;
    }

    private static Token token(Face face, float size, String text, boolean space) {
        return new Token(text, face.width(text, size), space);
    }

    private static boolean startsNoStart(String s) {
        return !s.isEmpty() && NO_START.indexOf(s.codePointAt(0)) >= 0;
    }

    private static boolean endsNoEnd(String s) {
        return !s.isEmpty() && NO_END.indexOf(s.codePointBefore(s.length())) >= 0;
    }

    /** Chinese characters, CJK punctuation and full-width forms: a line may break before or after each. */
    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN) {
            return true;
        }
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        return b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || b == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || b == Character.UnicodeBlock.VERTICAL_FORMS;
    }
}
