package cn.yinfeng.targets;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One catalogue entry. {@code computation} names one of the built-in, tested computations; {@code minTotal} (万元)
 * and {@code fundOrigin} are its parameters; {@code eligibleOnly} restricts it to projects counted for assessment.
 */
public record Indicator(
        String code,
        String nameZh,
        String nameEn,
        Unit unit,
        String computation,
        BigDecimal minTotal,
        String fundOrigin,
        boolean eligibleOnly,
        int sortOrder) {

    public enum Unit {
        COUNT,
        WAN,
        RATE
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
