package cn.yinfeng.targets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One version of the counting rules (认定办法) with its catalogue, in force from {@code effectiveFrom} until the next
 * version's date. Applies to the indicators restricted to assessment-eligible projects: a project counts when it is
 * not marked not counted, reaches the threshold of its type, is not of an excluded type and, for an expansion, when
 * expansions count. {@code split} decides the credit of a project attracted by one county and landing in another.
 */
public record RuleVersion(
        int version,
        LocalDate effectiveFrom,
        boolean expansionsCount,
        Split split,
        @Nullable BigDecimal splitShare,
        List<String> excludedTypes,
        Map<String, BigDecimal> thresholds,
        String note,
        @Nullable String createdBy,
        Instant createdAt,
        List<Indicator> indicators) {

    /** Whose the credit of a project attracted elsewhere is. */
    public enum Split {
        /** the share recorded on the project */
        RECORDED,
        /** all to the landing county */
        LANDING,
        /** {@code splitShare} % to the attracting county */
        FIXED
    }

    /** The key of the threshold that applies to types without their own. */
    public static final String ANY_TYPE = "*";

    public RuleVersion {
        excludedTypes = List.copyOf(excludedTypes);
        thresholds = Map.copyOf(thresholds);
        indicators = List.copyOf(indicators);
    }

    public Optional<Indicator> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The threshold (万元) for a project type: its own, else the general one, else none. */
    public @Nullable BigDecimal threshold(@Nullable String projectType) {
        BigDecimal own = projectType == null ? null : thresholds.get(projectType);
        return own != null ? own : thresholds.get(ANY_TYPE);
    }

    /**
     * Rules under which eligibility is the project's own flag and credit the recorded share: what the monthly
     * aggregates hold.
     */
    public boolean plain() {
        return expansionsCount && split == Split.RECORDED && excludedTypes.isEmpty() && thresholds.isEmpty();
    }
}
