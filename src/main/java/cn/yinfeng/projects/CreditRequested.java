package cn.yinfeng.projects;

import java.math.BigDecimal;

/**
 * An approved project credits another county with a share it has not answered ({@link ProjectCredits}): that
 * county is asked to confirm. Published inside the approving transaction.
 */
public record CreditRequested(
        long projectId, String projectName, String landingRegionName, long attractingRegionId, BigDecimal share) {}
