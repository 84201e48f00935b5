package cn.yinfeng.enterprises;

import java.util.Map;
import java.util.Optional;

/**
 * Where an enterprise is registered, from its credit code: characters 3–8 are the administrative division code of
 * the registering authority (GB/T 2260), so {@code 91370100…} was registered in 济南, 山东. Tells how an investor stands
 * to a project's region — another province, the same province, the same city — which a ledger may leave blank in
 * its 资金来源 column. A hint to show as derived, never a counted fact by itself: a foreign-invested enterprise
 * registered in 上海 derives "another province", not 境外.
 */
public final class RegisteredDivision {

    /** How an investor's place of registration stands to a project's region. */
    public enum Relation {
        OTHER_PROVINCE,
        SAME_PROVINCE,
        SAME_CITY
    }

    private static final Map<String, String> PROVINCES = Map.ofEntries(
            Map.entry("11", "北京"),
            Map.entry("12", "天津"),
            Map.entry("13", "河北"),
            Map.entry("14", "山西"),
            Map.entry("15", "内蒙古"),
            Map.entry("21", "辽宁"),
            Map.entry("22", "吉林"),
            Map.entry("23", "黑龙江"),
            Map.entry("31", "上海"),
            Map.entry("32", "江苏"),
            Map.entry("33", "浙江"),
            Map.entry("34", "安徽"),
            Map.entry("35", "福建"),
            Map.entry("36", "江西"),
            Map.entry("37", "山东"),
            Map.entry("41", "河南"),
            Map.entry("42", "湖北"),
            Map.entry("43", "湖南"),
            Map.entry("44", "广东"),
            Map.entry("45", "广西"),
            Map.entry("46", "海南"),
            Map.entry("50", "重庆"),
            Map.entry("51", "四川"),
            Map.entry("52", "贵州"),
            Map.entry("53", "云南"),
            Map.entry("54", "西藏"),
            Map.entry("61", "陕西"),
            Map.entry("62", "甘肃"),
            Map.entry("63", "青海"),
            Map.entry("64", "宁夏"),
            Map.entry("65", "新疆"),
            Map.entry("71", "台湾"),
            Map.entry("81", "香港"),
            Map.entry("82", "澳门"));

    private RegisteredDivision() {}

    /** The six-digit division code of a valid credit code, when it names a province (not 100000, the SAMR itself). */
    public static Optional<String> division(String creditCode) {
        String code = CreditCode.normalise(creditCode);
        if (code == null || code.length() != 18 || !CreditCode.isValid(code)) {
            return Optional.empty();
        }
        String division = code.substring(2, 8);
        return division.chars().allMatch(Character::isDigit) && PROVINCES.containsKey(division.substring(0, 2))
                ? Optional.of(division)
                : Optional.empty();
    }

    /** The province's short name (山东), when the code names one. */
    public static Optional<String> province(String creditCode) {
        return division(creditCode).map(d -> PROVINCES.get(d.substring(0, 2)));
    }

    /** How the investor stands to a region given by its six-digit division code (141181 孝义市); empty when unknown. */
    public static Optional<Relation> relation(String creditCode, String regionCode) {
        if (regionCode == null || !regionCode.matches("\\d{6}")) {
            return Optional.empty();
        }
        return division(creditCode)
                .map(d -> !d.startsWith(regionCode.substring(0, 2))
                        ? Relation.OTHER_PROVINCE
                        : !d.startsWith(regionCode.substring(0, 4)) ? Relation.SAME_PROVINCE : Relation.SAME_CITY);
    }
}
