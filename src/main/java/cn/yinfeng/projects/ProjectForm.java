package cn.yinfeng.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The editable fields of a project. Amounts in 万元; {@code outOfProvinceAmount} is the part of the total from outside
 * the province (其中省外资金). A null type or origin is unknown (a ledger left it blank), never a default;
 * {@code fundOriginDerived} marks an origin inferred from the investor's credit code rather than stated. {@code investors} are enterprise ids; {@code newInvestor} a
 * name (and optional credit code) to register on the fly. Stage and dates are used on creation only; afterwards
 * the stage moves through transitions. {@code version} is the one the form was loaded with.
 */
public record ProjectForm(String name, Long regionId, Long attractingRegionId, BigDecimal attractingShare,
        Long chainId, Long chainNodeId, ProjectType projectType, BigDecimal totalInvestment,
        BigDecimal contractAmount, BigDecimal outOfProvinceAmount, String foreignCurrency, BigDecimal foreignAmount,
        BigDecimal exchangeRate, FundOrigin fundOrigin, Boolean fundOriginDerived, Boolean keyProject, Long leaderUserId, String responsibleUnit, String contactName,
        String contactPhone, Boolean counted, String notCountedReason, Long expansionOfId, List<Long> investors,
        String newInvestorName, String newInvestorCode, Stage stage, LocalDate signedOn, LocalDate registeredOn,
        LocalDate startedOn, LocalDate producingOn, LocalDate fullProductionOn, Long version) {

    StageDates dates() {
        return new StageDates(signedOn, registeredOn, startedOn, producingOn, fullProductionOn);
    }

    static ProjectForm empty(Long regionId) {
        return new ProjectForm("", regionId, null, null, null, null, ProjectType.INDUSTRIAL, null, null, null, null,
                null, null, FundOrigin.OUT_OF_PROVINCE, false, false, null, null, null, null, true, null, null, List.of(), null,
                null, Stage.RESERVE, null, null, null, null, null, 0L);
    }
}
