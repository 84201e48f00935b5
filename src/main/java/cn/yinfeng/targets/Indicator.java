package cn.yinfeng.targets;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One indicator of a rule version. {@code computation} names one of the built-in, tested computations (signed, funds,
 * started, producing, registered, rates, activity and talent counts); the rest are its filters: total investment from
 * {@code minTotal} (inclusive) below {@code maxTotal} (exclusive), 万元; the origins of funds it counts (empty: any,
 * including unknown); the project types (empty: any); {@code eligibleOnly} restricts it to projects counted for
 * assessment under the version's rules, {@code keyOnly} to key projects.
 */
public record Indicator(
        String code,
        String nameZh,
        String nameEn,
        Unit unit,
        String computation,
        @Nullable BigDecimal minTotal,
        @Nullable BigDecimal maxTotal,
        List<String> fundOrigins,
        List<String> projectTypes,
        boolean eligibleOnly,
        boolean keyOnly,
        int sortOrder) {

    public enum Unit {
        COUNT,
        WAN,
        RATE,
        /** 万美元 */
        USD
    }

    public Indicator {
        fundOrigins = List.copyOf(fundOrigins);
        projectTypes = List.copyOf(projectTypes);
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** Whether any filter beyond the computation and eligibility is set. */
    public boolean filtered() {
        return (minTotal != null && minTotal.signum() > 0)
                || maxTotal != null
                || !fundOrigins.isEmpty()
                || !projectTypes.isEmpty()
                || keyOnly;
    }
}
