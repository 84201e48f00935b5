package cn.yinfeng.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalised names for "possibly the same" matching: full-width folded to half-width, brackets and spaces dropped,
 * and the company-form endings (有限公司, 有限责任公司, 股份有限公司, 集团 …) removed, so that
 * "山西迪诺思新能源科技有限公司" and "山西迪诺思新能源科技（有限）公司" meet.
 */
public final class NameKeys {

    private static final Pattern NOISE = Pattern.compile("[\\s()\\[\\]{}<>（）【】《》〈〉「」『』·.,，、\"'“”‘’_-]+");
    private static final Pattern FORMS =
            Pattern.compile("(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团|公司|有限|co\\.?ltd|company|limited|ltd|inc|corp)+$");

    private NameKeys() {}

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = NOISE.matcher(s).replaceAll("");
        String stripped = FORMS.matcher(s).replaceAll("");
        return stripped.isEmpty() ? s : stripped;
    }
}
