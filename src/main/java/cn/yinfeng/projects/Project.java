package cn.yinfeng.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A project's working copy as its page and the API show it. A null {@code projectType} or {@code fundOrigin} is
 * unknown; {@code fundOriginDerived}: the origin was inferred from the investor's credit code. {@code leaderDisabled}: the 包联 leader it names has
 * since been disabled (or lost the leader role); the link is kept as history and shown as such. {@code backfilled}: the
 * project was loaded from an old ledger (补录); its first approved version stands for the time before it was recorded.
 * {@code lossReason}: the code of the city's reason (see {@link LossReasons}) a held or ended project gave, with
 * {@code holdReason} its note.
 */
public record Project(
        long id,
        String code,
        String name,
        long regionId,
        String regionName,
        Long attractingRegionId,
        String attractingRegionName,
        BigDecimal attractingShare,
        Long chainId,
        String chainName,
        Long chainNodeId,
        ProjectType projectType,
        BigDecimal totalInvestment,
        BigDecimal contractAmount,
        BigDecimal outOfProvinceAmount,
        String foreignCurrency,
        BigDecimal foreignAmount,
        BigDecimal exchangeRate,
        FundOrigin fundOrigin,
        boolean fundOriginDerived,
        boolean keyProject,
        Long leaderUserId,
        String leaderName,
        String responsibleUnit,
        String contactName,
        String contactPhone,
        boolean counted,
        String notCountedReason,
        Long expansionOfId,
        Stage stage,
        Stage heldStage,
        String holdReason,
        String lossReason,
        StageDates dates,
        ReviewStatus reviewStatus,
        List<Investor> investors,
        long version,
        Instant updatedAt,
        boolean leaderDisabled,
        boolean backfilled) {

    public record Investor(long id, String name, String creditCode) {}

    /** The same project with these investors (read in one statement for a whole page of projects). */
    Project withInvestors(List<Investor> list) {
        return new Project(
                id,
                code,
                name,
                regionId,
                regionName,
                attractingRegionId,
                attractingRegionName,
                attractingShare,
                chainId,
                chainName,
                chainNodeId,
                projectType,
                totalInvestment,
                contractAmount,
                outOfProvinceAmount,
                foreignCurrency,
                foreignAmount,
                exchangeRate,
                fundOrigin,
                fundOriginDerived,
                keyProject,
                leaderUserId,
                leaderName,
                responsibleUnit,
                contactName,
                contactPhone,
                counted,
                notCountedReason,
                expansionOfId,
                stage,
                heldStage,
                holdReason,
                lossReason,
                dates,
                reviewStatus,
                list,
                version,
                updatedAt,
                leaderDisabled,
                backfilled);
    }

    /** 亿元 with one decimal for display; amounts are stored in 万元. */
    public BigDecimal totalInvestmentYi() {
        return totalInvestment.movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
    }
}
