package cn.yinfeng.enterprises;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015): 17 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V) and a check character computed from them with the weights
 * 3^i mod 31.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    /** Upper-cased, full-width folded and trimmed, or null when blank. */
    public static String normalise(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Normalizer.normalize(code, Normalizer.Form.NFKC)
                .replaceAll("\\s", "")
                .toUpperCase(Locale.ROOT);
    }

    /** The check character for the first 17 characters, or -1 when one of them is not in the alphabet. */
    static int checkIndex(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                return -1;
            }
            sum += v * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return check == 31 ? 0 : check;
    }

    public static char checkCharacter(String first17) {
        int idx = checkIndex(first17);
        if (idx < 0) {
            throw new IllegalArgumentException("not a credit code body: " + first17);
        }
        return ALPHABET.charAt(idx);
    }

    public enum Problem {
        LENGTH,
        CHARACTER,
        CHECK
    }

    /** Null when {@code code} (already normalised) is valid, else what is wrong with it. */
    public static Problem problem(String code) {
        if (code.length() != 18) {
            return Problem.LENGTH;
        }
        for (char c : code.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Problem.CHARACTER;
            }
        }
        return ALPHABET.charAt(checkIndex(code.substring(0, 17))) == code.charAt(17) ? null : Problem.CHECK;
    }

    public static boolean isValid(String code) {
        String n = normalise(code);
        return n != null && problem(n) == null;
    }
}
