package cn.yinfeng.projects;

import cn.yinfeng.common.NameKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A form as the project row's columns (the same for one new project, an edit and a batch), and what an edit changed
 * as the audit row says it.
 */
final class ProjectColumns {

    private ProjectColumns() {}

    /** The project code: P, the year, and the sequence number (P2026-00042). */
    static String code(LocalDate today, long seq) {
        return "P" + today.getYear() + "-" + String.format("%05d", seq);
    }

    static Map<String, Object> fields(ProjectForm f, Long regionId) {
        var m = new HashMap<String, Object>();
        m.put("name", f.name().trim());
        m.put("nameKey", NameKeys.of(f.name()));
        m.put("regionId", regionId);
        m.put("attractingRegionId", f.attractingRegionId());
        m.put("attractingShare", f.attractingRegionId() == null ? null : f.attractingShare());
        m.put("chainId", f.chainId());
        m.put("chainNodeId", f.chainNodeId());
        m.put("projectType", f.projectType() == null ? null : f.projectType().name());
        m.put("totalInvestment", f.totalInvestment());
        m.put("contractAmount", f.contractAmount());
        m.put("outOfProvinceAmount", f.outOfProvinceAmount());
        boolean foreign = f.foreignCurrency() != null && !f.foreignCurrency().isBlank();
        m.put("foreignCurrency", foreign ? f.foreignCurrency().trim().toUpperCase() : null);
        m.put("foreignAmount", foreign ? f.foreignAmount() : null);
        m.put("exchangeRate", foreign ? f.exchangeRate() : null);
        m.put("fundOrigin", f.fundOrigin() == null ? null : f.fundOrigin().name());
        m.put("fundOriginDerived", f.fundOrigin() != null && Boolean.TRUE.equals(f.fundOriginDerived()));
        m.put("keyProject", Boolean.TRUE.equals(f.keyProject()));
        m.put("leaderUserId", f.leaderUserId());
        m.put("responsibleUnit", ProjectWrites.blank(f.responsibleUnit()));
        m.put("contactName", ProjectWrites.blank(f.contactName()));
        m.put("contactPhone", ProjectWrites.blank(f.contactPhone()));
        boolean counted = !Boolean.FALSE.equals(f.counted());
        m.put("counted", counted);
        m.put("notCountedReason", counted ? null : ProjectWrites.blank(f.notCountedReason()));
        m.put("expansionOfId", f.expansionOfId());
        return m;
    }

    static void putDates(Map<String, Object> m, StageDates d) {
        m.put("signedOn", d.signedOn());
        m.put("registeredOn", d.registeredOn());
        m.put("startedOn", d.startedOn());
        m.put("producingOn", d.producingOn());
        m.put("fullProductionOn", d.fullProductionOn());
    }

    static LocalDate latestDate(StageDates d) {
        LocalDate last = null;
        for (Stage s : Stage.datedStages()) {
            if (d.of(s) != null) {
                last = d.of(s);
            }
        }
        return last;
    }

    static String diff(Project before, ProjectForm after) {
        var changes = new ArrayList<String>();
        if (!before.name().equals(after.name().trim())) {
            changes.add("name: " + before.name() + " -> " + after.name().trim());
        }
        if (after.totalInvestment() != null && before.totalInvestment().compareTo(after.totalInvestment()) != 0) {
            changes.add("totalInvestment: " + before.totalInvestment() + " -> " + after.totalInvestment());
        }
        if (!Objects.equals(
                before.contractAmount() == null ? null : before.contractAmount().stripTrailingZeros(),
                after.contractAmount() == null ? null : after.contractAmount().stripTrailingZeros())) {
            changes.add("contractAmount: " + before.contractAmount() + " -> " + after.contractAmount());
        }
        if (!Objects.equals(
                before.outOfProvinceAmount() == null
                        ? null
                        : before.outOfProvinceAmount().stripTrailingZeros(),
                after.outOfProvinceAmount() == null
                        ? null
                        : after.outOfProvinceAmount().stripTrailingZeros())) {
            changes.add("outOfProvinceAmount: " + before.outOfProvinceAmount() + " -> " + after.outOfProvinceAmount());
        }
        if (before.fundOrigin() != after.fundOrigin()) {
            changes.add("fundOrigin: " + before.fundOrigin() + " -> " + after.fundOrigin());
        }
        if (before.counted() != !Boolean.FALSE.equals(after.counted())) {
            changes.add("counted: " + before.counted() + " -> " + after.counted());
        }
        return String.join("; ", changes);
    }
}
