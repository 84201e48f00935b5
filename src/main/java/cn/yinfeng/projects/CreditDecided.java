package cn.yinfeng.projects;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The attracting county answered a project's split credit ({@link ProjectCredits#decide}): the landing county is
 * told. Published inside the deciding transaction.
 */
public record CreditDecided(
        long projectId,
        String projectName,
        long landingRegionId,
        String attractingRegionName,
        BigDecimal share,
        ProjectCredits.State decision,
        @Nullable String note) {}
