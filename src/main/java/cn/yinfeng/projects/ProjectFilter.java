package cn.yinfeng.projects;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Filters of the project list, all optional. {@code band} is a total-investment floor in 万元 (亿元以上 = 10000,
 * 5亿 = 50000, 10亿 = 100000). {@code regionId} includes the regions below it.
 */
public record ProjectFilter(
        String q,
        Long regionId,
        Long chainId,
        Stage stage,
        BigDecimal band,
        Long leaderId,
        FundOrigin origin,
        Boolean keyProject,
        ReviewStatus review,
        LocalDate signedFrom,
        LocalDate signedTo) {

    public static final ProjectFilter ALL =
            new ProjectFilter(null, null, null, null, null, null, null, null, null, null, null);

    public ProjectFilter {
        q = q == null || q.isBlank() ? null : q.trim();
    }
}
