package cn.yinfeng.ledger;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A 包联领导 cell as clerks write it, reduced to the names to look up: "市委常委、副市长刘晋萍" is 刘晋萍 with her titles;
 * "刘市长" is a surname and a title, which names one person only where one leader has that surname.
 */
final class LeaderNames {

    private static final String TITLES = "(分管|市委|县委|区委|市政府|县政府|区政府|市人大|县人大|市政协|县政协|开发区|经开区)?"
            + "(常委|书记|副书记|市长|副市长|县长|副县长|区长|副区长|主任|副主任|常务副市长|常务副县长|秘书长|主席|副主席|"
            + "局长|副局长|部长|副部长|党组书记|同志)";
    private static final Pattern TITLE_PREFIX = Pattern.compile("^(" + TITLES + ")+");
    private static final Pattern TITLE_SUFFIX = Pattern.compile("(" + TITLES + ")+$");
    private static final Pattern SURNAME_TITLE = Pattern.compile("^(\\p{IsHan}{1,2}?)" + TITLES + "$");

    private LeaderNames() {}

    /** The names a cell may mean, most literal first: the text, its last part, the part without its titles. */
    static List<String> candidates(String text) {
        var out = new LinkedHashSet<String>();
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s", "");
        out.add(t);
        String[] parts = Normalizer.normalize(text, Normalizer.Form.NFKC).trim().split("[\\s、,，;；/]+");
        String last = parts[parts.length - 1];
        out.add(last);
        String bare =
                TITLE_SUFFIX.matcher(TITLE_PREFIX.matcher(last).replaceAll("")).replaceAll("");
        if (bare.length() >= 2) { // a surname alone names nobody: see pick
            out.add(bare);
        }
        return new ArrayList<>(out);
    }

    /**
     * The one leader a cell names among {@code leaders} (id → display name), or null: a name in common (titles
     * aside), else — for "刘市长" — the only leader whose name has that surname.
     */
    static Long pick(String cell, Map<Long, String> leaders) {
        var wanted = candidates(cell);
        for (var e : leaders.entrySet()) {
            for (String c : candidates(e.getValue())) {
                if (wanted.contains(c)) {
                    return e.getKey();
                }
            }
        }
        String surname = surnameWithTitle(cell);
        if (surname == null) {
            return null;
        }
        Long found = null;
        for (var e : leaders.entrySet()) {
            boolean same = candidates(e.getValue()).stream().anyMatch(c -> c.startsWith(surname))
                    || surname.equals(surnameWithTitle(lastPart(e.getValue())));
            if (same) {
                if (found != null) {
                    return null; // two leaders of that surname: the cell does not say which
                }
                found = e.getKey();
            }
        }
        return found;
    }

    private static String lastPart(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).trim();
        String[] parts = t.split("[\\s、,，;；/]+");
        return parts[parts.length - 1];
    }

    /** The surname of "刘市长" or "王副县长"; null when the cell is not a surname and a title. */
    static String surnameWithTitle(String text) {
        var m = SURNAME_TITLE.matcher(
                Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s", ""));
        return m.matches() ? m.group(1) : null;
    }
}
