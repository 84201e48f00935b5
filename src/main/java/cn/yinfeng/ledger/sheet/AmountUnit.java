package cn.yinfeng.ledger.sheet;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The unit a ledger states for its amounts, and the factor that brings a figure in it to 万元 (what is stored). */
public enum AmountUnit {
    YUAN("元", new BigDecimal("0.0001")),
    WAN("万元", BigDecimal.ONE),
    YI("亿元", BigDecimal.valueOf(10_000));

    private static final Pattern IN_HEADER = Pattern.compile("[(（\\[【]\\s*(亿元|万元|元|亿|万)\\s*[)）\\]】]");
    private static final Pattern IN_TITLE = Pattern.compile("(?:单位|金额单位|计量单位)\\s*[:：]?\\s*(亿元|万元|元|亿|万)");

    private final String label;
    private final BigDecimal toWan;

    AmountUnit(String label, BigDecimal toWan) {
        this.label = label;
        this.toWan = toWan;
    }

    public String label() {
        return label;
    }

    public BigDecimal toWan() {
        return toWan;
    }

    /** The unit a header names in brackets, as in 投资额(万元) or 总投资（亿元）; null when it names none. */
    public static AmountUnit inHeader(String header) {
        return find(IN_HEADER, header);
    }

    /** The unit a title or subtitle states, as in "填报单位:孝义市商务局  单位:万元"; null when it states none. */
    public static AmountUnit inTitle(String text) {
        return find(IN_TITLE, text);
    }

    private static AmountUnit find(Pattern p, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "亿元", "亿" -> YI;
            case "万元", "万" -> WAN;
            default -> YUAN;
        };
    }
}
