package cn.yinfeng.common;

/** Masking of personal data for people without the need to see it in full. */
public final class Masks {

    private Masks() {}

    /** 13812345678 becomes 138****5678; short values keep only their last character. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.trim();
        if (p.length() >= 7) {
            return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        }
        return "*".repeat(p.length() - 1) + p.charAt(p.length() - 1);
    }
}
