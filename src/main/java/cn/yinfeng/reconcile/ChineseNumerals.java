package cn.yinfeng.reconcile;

import java.math.BigDecimal;

/** Chinese numerals as written in reports (一百零六, 两, 十二, 一千二百, 3.5万) to exact decimals. */
final class ChineseNumerals {

    static final String DIGITS = "零〇一二两三四五六七八九";
    static final String CHARS = "零〇一二两三四五六七八九十百千万亿";

    private ChineseNumerals() {}

    static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    /** The value of a numeral made of {@link #CHARS}; null when it is not a well-formed numeral. */
    static BigDecimal parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        // a run of plain digits (二〇二四) reads digit by digit
        if (s.length() > 1 && s.chars().allMatch(c -> digit((char) c) >= 0) && s.indexOf('两') < 0) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                b.append(digit(c));
            }
            return new BigDecimal(b.toString());
        }
        long total = 0;
        long section = 0;
        long number = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                number = d;
                any = true;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                case '万' -> 10_000;
                case '亿' -> 100_000_000;
                default -> -1;
            };
            if (unit < 0) {
                return null;
            }
            if (unit >= 10_000) {
                section = (section + number) * unit;
                total += section;
                section = 0;
            } else {
                section += (number == 0 && (unit == 10 || !any) ? 1 : number) * unit; // 十二, 百 (近百家)
            }
            number = 0;
            any = true;
        }
        return any ? BigDecimal.valueOf(total + section + number) : null;
    }
}
