package cn.yinfeng.ledger.sheet;

import java.text.Normalizer;

/** Header text reduced to compare: full-width folded, spaces, marks and bracketed notes (units, 必填) removed. */
public final class HeaderNames {

    private HeaderNames() {}

    public static String key(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s*＊:：、]", "");
        s = s.replaceAll("[(（\\[【][^)）\\]】]*[)）\\]】]", "");
        return s.trim();
    }
}
