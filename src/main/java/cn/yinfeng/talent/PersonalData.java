package cn.yinfeng.talent;

import cn.yinfeng.common.Masks;
import java.util.Locale;

/** Checks and masks of the two personal fields a talent office keeps: the ID number and the mobile phone. */
final class PersonalData {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private PersonalData() {}

    /** An 18-character resident ID number (GB 11643) with its ISO 7064 MOD 11-2 check character. */
    static boolean validIdNumber(String id) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        return id.charAt(17) == checkChar(id.substring(0, 17));
    }

    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The year of birth written in an ID number (characters 7 to 10). */
    static int birthYear(String id) {
        return Integer.parseInt(id.substring(6, 10));
    }

    static boolean validPhone(String phone) {
        return phone != null && phone.matches("1[3-9]\\d{9}");
    }

    /** 141129199003071234 becomes 1411**********1234. */
    static String maskIdNumber(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** 13812345678 becomes 138****5678. */
    static String maskPhone(String phone) {
        return phone == null || phone.isBlank() ? null : Masks.phone(phone);
    }

    /** Upper case, no spaces: "141129 19900307 123x" is read as 14112919900307123X. */
    static String normaliseId(String id) {
        return id == null || id.isBlank() ? null : id.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    static String normalisePhone(String phone) {
        return phone == null || phone.isBlank() ? null : phone.replaceAll("[\\s-]", "");
    }
}
