package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;

import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectForm;
import cn.yinfeng.projects.Stage;
import java.util.List;
import java.util.Map;

/** The project forms a ledger row submits: a new project's, and an update's over what is stored. Plain Java. */
final class ProjectRowForms {

    private ProjectRowForms() {}

    static ProjectForm created(ProjectChanges.Parsed p, Map<String, String> r) {
        return ProjectForm.builder()
                .name(p.name())
                .regionId(p.region().id())
                .chainId(p.chainId())
                .projectType(p.type())
                .totalInvestment(p.total())
                .contractAmount(p.contract())
                .outOfProvinceAmount(p.outOfProvince())
                .fundOrigin(p.origin() != null ? p.origin() : p.derivedOrigin())
                .fundOriginDerived(p.origin() == null && p.derivedOrigin() != null)
                .keyProject(p.key())
                .leaderUserId(p.leaderId())
                .responsibleUnit(r.get("unit"))
                .contactName(r.get("contactName"))
                .contactPhone(r.get("contactPhone"))
                .counted(p.counted())
                .notCountedReason(r.get("notCountedReason"))
                .investors(List.of())
                .newInvestorName(r.get("investor"))
                .newInvestorCode(r.get("investorCode"))
                .stage(p.stage() == null ? Stage.RESERVE : p.stage())
                .signedOn(p.signed())
                .registeredOn(p.registered())
                .startedOn(p.started())
                .producingOn(p.producing())
                .fullProductionOn(p.full())
                .version(0L)
                .build();
    }

    static Long chainFor(Project existing, ProjectChanges.Parsed p, Map<String, String> r) {
        // the same name may exist in several regions' chain sets: keep the project's own when the name is its chain's
        return existing != null
                        && !blank(r.get("chain"))
                        && r.get("chain").trim().equals(existing.chainName())
                ? existing.chainId()
                : p.chainId();
    }

    /**
     * The form an update of {@code existing} submits: the sheet's values where it gives them, else the stored ones
     * ({@code clear}: a blank cell clears the stored value); stage and dates move apart (ProjectRows moves them).
     */
    static ProjectForm updated(
            Project existing, ProjectChanges.Parsed p, Map<String, String> r, Long chainId, boolean clear) {
        FundOrigin origin = ProjectChanges.effectiveOrigin(existing, p);
        Boolean derived = p.origin() != null
                ? Boolean.FALSE
                : existing.fundOrigin() == null && origin != null ? Boolean.TRUE : null;
        return ProjectForm.of(existing)
                .name(p.name())
                .regionId(p.region().id())
                .chainId(chainId != null ? chainId : existing.chainId())
                .projectType(p.type() != null ? p.type() : existing.projectType())
                .totalInvestment(p.total() != null ? p.total() : existing.totalInvestment())
                .contractAmount(p.contract() != null || clear ? p.contract() : existing.contractAmount())
                .outOfProvinceAmount(
                        p.outOfProvince() != null || clear ? p.outOfProvince() : existing.outOfProvinceAmount())
                .fundOrigin(origin)
                .fundOriginDerived(derived)
                .keyProject(p.key() != null ? p.key() : existing.keyProject())
                .leaderUserId(p.leaderId() != null ? p.leaderId() : existing.leaderUserId())
                .responsibleUnit(blank(r.get("unit")) && !clear ? existing.responsibleUnit() : r.get("unit"))
                .contactName(blank(r.get("contactName")) && !clear ? existing.contactName() : r.get("contactName"))
                .contactPhone(blank(r.get("contactPhone")) && !clear ? existing.contactPhone() : r.get("contactPhone"))
                .counted(p.counted() != null ? p.counted() : existing.counted())
                .notCountedReason(
                        blank(r.get("notCountedReason")) ? existing.notCountedReason() : r.get("notCountedReason"))
                .newInvestorName(r.get("investor"))
                .newInvestorCode(r.get("investorCode"))
                .stage(null)
                .signedOn(null)
                .registeredOn(null)
                .startedOn(null)
                .producingOn(null)
                .fullProductionOn(null)
                .build();
    }
}
