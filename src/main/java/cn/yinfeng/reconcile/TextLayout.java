package cn.yinfeng.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text as it really arrives, made readable: full-width digits and punctuation to ASCII, lines broken inside words
 * and sentences joined, picture captions taken out of the flow, and the text cut into segments (articles) at
 * headline blocks, bylines and "下转N版" jumps, so no context crosses from one article into another.
 */
final class TextLayout {

    enum Kind {
        ARTICLE,
        CAPTION
    }

    record Segment(int index, Kind kind, List<String> paragraphs) {}

    /** A line at most this long without closing punctuation may be a headline. */
    static final int HEADING_MAX = 40;

    private static final Pattern BYLINE =
            Pattern.compile("^(□|■|◎)?\\s*(本报记者|本报通讯员|本报讯|记者|通讯员|新华社|来源[:：]|责任编辑|编辑[:：]).*");
    private static final Pattern CAPTION = Pattern.compile("^(图为|图片为|图:|\\(图|上图|下图|左图|右图).*");
    private static final Pattern JUMP = Pattern.compile(".*\\((下|上)转\\s*(第)?\\s*\\d+\\s*版\\)\\s*$");
    private static final String CLOSERS = "。!?;…";

    private TextLayout() {}

    /** Full-width forms to ASCII, ideographic space to space, zero-width characters removed. */
    static String normalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                b.append((char) (c - 0xFEE0));
            } else if (c == '\u3000' || c == '\u00A0') {
                b.append(' ');
            } else if (c == '\u200B' || c == '\uFEFF' || c == '\u200C' || c == '\u200D') {
                continue;
            } else if (c == '－' || c == '‒' || c == '–' || c == '―') {
                b.append('-');
            } else if (c == '～') {
                b.append('~');
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    b.append('\n');
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean finished(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char last = line.charAt(line.length() - 1);
        if (CLOSERS.indexOf(last) >= 0) {
            return true;
        }
        if ((last == '”' || last == '"' || last == '』' || last == '」' || last == ')') && line.length() >= 2) {
            return CLOSERS.indexOf(line.charAt(line.length() - 2)) >= 0;
        }
        return false;
    }

    static boolean headingLike(String line) {
        return line.length() <= HEADING_MAX
                && !finished(line)
                && !line.endsWith(",")
                && !line.endsWith("、")
                && !line.endsWith(":");
    }

    static boolean byline(String line) {
        return BYLINE.matcher(line).matches();
    }

    static List<Segment> segments(String raw) {
        String[] lines = normalise(raw).split("\n", -1);
        List<String> clean = new ArrayList<>();
        for (String l : lines) {
            clean.add(l.strip());
        }
        List<Segment> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder para = null; // the paragraph being built, possibly unfinished
        boolean wrapped = false; // the paragraph's last line ran straight into the next one
        boolean currentHasBody = false;
        for (int i = 0; i < clean.size(); i++) {
            String line = clean.get(i);
            if (line.isEmpty()) {
                continue;
            }
            if (CAPTION.matcher(line).matches()) {
                // a caption sits wherever the layout put it: its own segment, the paragraph around it goes on
                out.add(new Segment(0, Kind.CAPTION, List.of(line)));
                continue;
            }
            boolean isByline = byline(line);
            String immediate = i + 1 < clean.size() ? clean.get(i + 1) : "";
            String next = nextNonEmpty(clean, i + 1);
            boolean startsArticle = isByline
                    || line.startsWith("——") && headingLike(line)
                    || headingLike(line) && next != null && (byline(next) || next.startsWith("——"));
            boolean wrapsOn = !immediate.isEmpty()
                    && line.length() >= 12
                    && !finished(line)
                    && !byline(immediate)
                    && !immediate.startsWith("——")
                    && !CAPTION.matcher(immediate).matches();
            if (para != null
                    && !finished(para.toString())
                    && (para.length() > HEADING_MAX || wrapped)
                    && !startsArticle) {
                para.append(line);
                wrapped = !immediate.isEmpty();
                if (JUMP.matcher(line).matches()) {
                    current.add(para.toString());
                    para = null;
                    out.add(new Segment(0, Kind.ARTICLE, List.copyOf(current)));
                    current.clear();
                    currentHasBody = false;
                }
                continue;
            }
            if (para != null) {
                current.add(para.toString());
                para = null;
            }
            if (startsArticle && currentHasBody) {
                out.add(new Segment(0, Kind.ARTICLE, List.copyOf(current)));
                current.clear();
                currentHasBody = false;
            }
            if (headingLike(line) && !isByline && !wrapsOn) {
                current.add(line); // a headline or section heading: a paragraph of its own
                continue;
            }
            para = new StringBuilder(line);
            wrapped = wrapsOn;
            currentHasBody = true;
            if (JUMP.matcher(line).matches()) {
                current.add(para.toString());
                para = null;
                out.add(new Segment(0, Kind.ARTICLE, List.copyOf(current)));
                current.clear();
                currentHasBody = false;
            }
        }
        if (para != null) {
            current.add(para.toString());
        }
        if (!current.isEmpty()) {
            out.add(new Segment(0, Kind.ARTICLE, List.copyOf(current)));
        }
        List<Segment> numbered = new ArrayList<>();
        for (Segment s : out) {
            numbered.add(new Segment(numbered.size(), s.kind(), s.paragraphs()));
        }
        return numbered;
    }

    private static String nextNonEmpty(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                return lines.get(i);
            }
        }
        return null;
    }

    /** Sentences of a paragraph, each with its closing punctuation. */
    static List<String> sentences(String paragraph) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (c == '。'
                    || c == '!'
                    || c == '?'
                    || c == '…' && (i + 1 >= paragraph.length() || paragraph.charAt(i + 1) != '…')) {
                int end = i + 1;
                while (end < paragraph.length() && "”\"’』」)".indexOf(paragraph.charAt(end)) >= 0) {
                    end++;
                }
                String s = paragraph.substring(start, end).strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
                start = end;
                i = end - 1;
            }
        }
        String rest = paragraph.substring(Math.min(start, paragraph.length())).strip();
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }
}
