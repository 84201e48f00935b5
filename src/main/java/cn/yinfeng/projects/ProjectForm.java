package cn.yinfeng.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The editable fields of a project. Amounts in 万元; {@code outOfProvinceAmount} is the part of the total from outside
 * the province (其中省外资金). A null type or origin is unknown (a ledger left it blank), never a default;
 * {@code fundOriginDerived} marks an origin inferred from the investor's credit code rather than stated.
 * {@code investors} are enterprise ids; {@code newInvestor} a name (and optional credit code) to register on the
 * fly. Stage and dates are used on creation only; afterwards the stage moves through transitions. {@code version} is
 * the one the form was loaded with. Code builds one with {@link #builder()} or {@link #of(Project)}, field by field.
 */
public record ProjectForm(
        String name,
        Long regionId,
        Long attractingRegionId,
        BigDecimal attractingShare,
        Long chainId,
        Long chainNodeId,
        ProjectType projectType,
        BigDecimal totalInvestment,
        BigDecimal contractAmount,
        BigDecimal outOfProvinceAmount,
        String foreignCurrency,
        BigDecimal foreignAmount,
        BigDecimal exchangeRate,
        FundOrigin fundOrigin,
        Boolean fundOriginDerived,
        Boolean keyProject,
        Long leaderUserId,
        String responsibleUnit,
        String contactName,
        String contactPhone,
        Boolean counted,
        String notCountedReason,
        Long expansionOfId,
        List<Long> investors,
        String newInvestorName,
        String newInvestorCode,
        Stage stage,
        LocalDate signedOn,
        LocalDate registeredOn,
        LocalDate startedOn,
        LocalDate producingOn,
        LocalDate fullProductionOn,
        Long version) {

    StageDates dates() {
        return new StageDates(signedOn, registeredOn, startedOn, producingOn, fullProductionOn);
    }

    static ProjectForm empty(Long regionId) {
        return builder()
                .name("")
                .regionId(regionId)
                .fundOriginDerived(false)
                .keyProject(false)
                .counted(true)
                .investors(List.of())
                .stage(Stage.RESERVE)
                .version(0L)
                .build();
    }

    /** A form field by field, by name (so two values of one type cannot change places unnoticed). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A form holding what {@code p} holds now (its investors by id, its version), to change a few fields of: stage
     * and dates are the project's own, for the record only (an update does not move them).
     */
    public static Builder of(Project p) {
        return builder()
                .name(p.name())
                .regionId(p.regionId())
                .attractingRegionId(p.attractingRegionId())
                .attractingShare(p.attractingShare())
                .chainId(p.chainId())
                .chainNodeId(p.chainNodeId())
                .projectType(p.projectType())
                .totalInvestment(p.totalInvestment())
                .contractAmount(p.contractAmount())
                .outOfProvinceAmount(p.outOfProvinceAmount())
                .foreignCurrency(p.foreignCurrency())
                .foreignAmount(p.foreignAmount())
                .exchangeRate(p.exchangeRate())
                .fundOrigin(p.fundOrigin())
                .fundOriginDerived(p.fundOriginDerived())
                .keyProject(p.keyProject())
                .leaderUserId(p.leaderUserId())
                .responsibleUnit(p.responsibleUnit())
                .contactName(p.contactName())
                .contactPhone(p.contactPhone())
                .counted(p.counted())
                .notCountedReason(p.notCountedReason())
                .expansionOfId(p.expansionOfId())
                .investors(p.investors().stream().map(Project.Investor::id).toList())
                .stage(p.stage())
                .signedOn(p.dates().signedOn())
                .registeredOn(p.dates().registeredOn())
                .startedOn(p.dates().startedOn())
                .producingOn(p.dates().producingOn())
                .fullProductionOn(p.dates().fullProductionOn())
                .version(p.version());
    }

    /** Builds a {@link ProjectForm}; fields not set are null. */
    public static final class Builder {

        private String name;
        private Long regionId;
        private Long attractingRegionId;
        private BigDecimal attractingShare;
        private Long chainId;
        private Long chainNodeId;
        private ProjectType projectType;
        private BigDecimal totalInvestment;
        private BigDecimal contractAmount;
        private BigDecimal outOfProvinceAmount;
        private String foreignCurrency;
        private BigDecimal foreignAmount;
        private BigDecimal exchangeRate;
        private FundOrigin fundOrigin;
        private Boolean fundOriginDerived;
        private Boolean keyProject;
        private Long leaderUserId;
        private String responsibleUnit;
        private String contactName;
        private String contactPhone;
        private Boolean counted;
        private String notCountedReason;
        private Long expansionOfId;
        private List<Long> investors;
        private String newInvestorName;
        private String newInvestorCode;
        private Stage stage;
        private LocalDate signedOn;
        private LocalDate registeredOn;
        private LocalDate startedOn;
        private LocalDate producingOn;
        private LocalDate fullProductionOn;
        private Long version;

        private Builder() {}

        public Builder name(String v) {
            this.name = v;
            return this;
        }

        public Builder regionId(Long v) {
            this.regionId = v;
            return this;
        }

        public Builder attractingRegionId(Long v) {
            this.attractingRegionId = v;
            return this;
        }

        public Builder attractingShare(BigDecimal v) {
            this.attractingShare = v;
            return this;
        }

        public Builder chainId(Long v) {
            this.chainId = v;
            return this;
        }

        public Builder chainNodeId(Long v) {
            this.chainNodeId = v;
            return this;
        }

        public Builder projectType(ProjectType v) {
            this.projectType = v;
            return this;
        }

        public Builder totalInvestment(BigDecimal v) {
            this.totalInvestment = v;
            return this;
        }

        public Builder contractAmount(BigDecimal v) {
            this.contractAmount = v;
            return this;
        }

        public Builder outOfProvinceAmount(BigDecimal v) {
            this.outOfProvinceAmount = v;
            return this;
        }

        public Builder foreignCurrency(String v) {
            this.foreignCurrency = v;
            return this;
        }

        public Builder foreignAmount(BigDecimal v) {
            this.foreignAmount = v;
            return this;
        }

        public Builder exchangeRate(BigDecimal v) {
            this.exchangeRate = v;
            return this;
        }

        public Builder fundOrigin(FundOrigin v) {
            this.fundOrigin = v;
            return this;
        }

        public Builder fundOriginDerived(Boolean v) {
            this.fundOriginDerived = v;
            return this;
        }

        public Builder keyProject(Boolean v) {
            this.keyProject = v;
            return this;
        }

        public Builder leaderUserId(Long v) {
            this.leaderUserId = v;
            return this;
        }

        public Builder responsibleUnit(String v) {
            this.responsibleUnit = v;
            return this;
        }

        public Builder contactName(String v) {
            this.contactName = v;
            return this;
        }

        public Builder contactPhone(String v) {
            this.contactPhone = v;
            return this;
        }

        public Builder counted(Boolean v) {
            this.counted = v;
            return this;
        }

        public Builder notCountedReason(String v) {
            this.notCountedReason = v;
            return this;
        }

        public Builder expansionOfId(Long v) {
            this.expansionOfId = v;
            return this;
        }

        public Builder investors(List<Long> v) {
            this.investors = v;
            return this;
        }

        public Builder newInvestorName(String v) {
            this.newInvestorName = v;
            return this;
        }

        public Builder newInvestorCode(String v) {
            this.newInvestorCode = v;
            return this;
        }

        public Builder stage(Stage v) {
            this.stage = v;
            return this;
        }

        public Builder signedOn(LocalDate v) {
            this.signedOn = v;
            return this;
        }

        public Builder registeredOn(LocalDate v) {
            this.registeredOn = v;
            return this;
        }

        public Builder startedOn(LocalDate v) {
            this.startedOn = v;
            return this;
        }

        public Builder producingOn(LocalDate v) {
            this.producingOn = v;
            return this;
        }

        public Builder fullProductionOn(LocalDate v) {
            this.fullProductionOn = v;
            return this;
        }

        public Builder version(Long v) {
            this.version = v;
            return this;
        }

        public ProjectForm build() {
            return new ProjectForm(
                    name,
                    regionId,
                    attractingRegionId,
                    attractingShare,
                    chainId,
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
                    responsibleUnit,
                    contactName,
                    contactPhone,
                    counted,
                    notCountedReason,
                    expansionOfId,
                    investors,
                    newInvestorName,
                    newInvestorCode,
                    stage,
                    signedOn,
                    registeredOn,
                    startedOn,
                    producingOn,
                    fullProductionOn,
                    version);
        }
    }
}
