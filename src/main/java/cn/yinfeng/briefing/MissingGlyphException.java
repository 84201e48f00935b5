package cn.yinfeng.briefing;

/**
 * A character of the 简报 that the PDF's font cannot draw (a rare character in a project's name, say): the PDF is
 * refused with the character named rather than printed with a hole in it.
 */
class MissingGlyphException extends IllegalArgumentException {

    private final String character;
    private final String font;

    MissingGlyphException(String character, String font, Throwable cause) {
        super(
                String.format(
                        "The character \"%s\" (U+%04X) cannot be set in the PDF: the font %s has no glyph for it; use"
                                + " another character or configure a font that has it"
                                + " (yinfeng.report.pdf.fonts.title|body|heading)",
                        character, character.codePointAt(0), font),
                cause);
        this.character = character;
        this.font = font;
    }

    String character() {
        return character;
    }

    /** The code point as written in the message, "U+4E00". */
    String codePoint() {
        return String.format("U+%04X", character.codePointAt(0));
    }

    String font() {
        return font;
    }
}
