package cn.yinfeng.ledger;

import cn.yinfeng.enterprises.RegisteredDivision;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Stage;
import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project row as read and looked up ({@link Parsed}), and what it changes of a stored project, old → new: the
 * rules of a partial sheet (a blank cell changes nothing unless blanks clear; a changed date is a change) and of an
 * origin left blank (as stored, else as the investor's credit code implies). Plain Java, no look-ups.
 */
final class ProjectChanges {

    private ProjectChanges() {}

    /** A row's values, read and looked up; problems with them are thrown as the row's field errors. */
    record Parsed(
            String name,
            Region region,
            BigDecimal total,
            BigDecimal contract,
            BigDecimal outOfProvince,
            Stage stage,
            FundOrigin origin,
            FundOrigin derivedOrigin,
            ProjectType type,
            Boolean key,
            Boolean counted,
            LocalDate signed,
            LocalDate registered,
            LocalDate started,
            LocalDate producing,
            LocalDate full,
            Long chainId,
            Long leaderId) {

        LocalDate date(Stage s) {
            return switch (s) {
                case SIGNED -> signed;
                case REGISTERED -> registered;
                case STARTED -> started;
                case PRODUCING -> producing;
                case FULL_PRODUCTION -> full;
                default -> null;
            };
        }
    }

    /**
     * The origin of funds an investor's credit code implies for a project in {@code region}: registered in another
     * province 国内省外, elsewhere in the province 省内市外, in the same city 市内县际; null when the code says nothing.
     */
    static FundOrigin derivedOrigin(String creditCode, Region region) {
        return RegisteredDivision.relation(creditCode, region.code())
                .map(rel -> switch (rel) {
                    case OTHER_PROVINCE -> FundOrigin.OUT_OF_PROVINCE;
                    case SAME_PROVINCE -> FundOrigin.IN_PROVINCE;
                    case SAME_CITY -> FundOrigin.IN_CITY;
                })
                .orElse(null);
    }

    /** The template's word for each origin and stage, for the old → new of a preview. */
    static final Map<FundOrigin, String> ORIGIN_LABELS = Map.of(
            FundOrigin.OVERSEAS,
            "境外",
            FundOrigin.OUT_OF_PROVINCE,
            "国内省外",
            FundOrigin.IN_PROVINCE,
            "省内市外",
            FundOrigin.IN_CITY,
            "市内县际");

    static String label(Stage stage) {
        for (String option : ProjectSheet.COLUMNS.stream()
                .filter(c -> c.field().equals("stage"))
                .findFirst()
                .orElseThrow()
                .options()) {
            if (ProjectSheet.STAGES.get(option) == stage) {
                return option;
            }
        }
        return stage.name();
    }

    /**
     * What the row changes of the stored project, old → new, by field: a blank cell changes nothing (unless the
     * uploader asked blanks to clear), a stage word beyond the stored stage and a date that differs are changes.
     */
    static List<Imports.Change> of(Project e, Parsed p, Map<String, String> r, Long chainId, ImportRun run) {
        var out = new ArrayList<Imports.Change>();
        if (!Objects.equals(e.name(), p.name())) {
            out.add(new Imports.Change("name", e.name(), p.name()));
        }
        if (e.regionId() != p.region().id()) {
            out.add(new Imports.Change("region", e.regionName(), p.region().name()));
        }
        amount(out, "totalInvestment", e.totalInvestment(), p.total(), false);
        amount(out, "contractAmount", e.contractAmount(), p.contract(), run.clearBlanks);
        amount(out, "outOfProvinceAmount", e.outOfProvinceAmount(), p.outOfProvince(), run.clearBlanks);
        FundOrigin origin = effectiveOrigin(e, p);
        if (origin != e.fundOrigin()) {
            out.add(new Imports.Change(
                    "origin",
                    e.fundOrigin() == null ? "" : ORIGIN_LABELS.get(e.fundOrigin()),
                    ORIGIN_LABELS.get(origin)));
        }
        if (p.type() != null && e.projectType() != p.type()) {
            out.add(new Imports.Change(
                    "type",
                    e.projectType() == null ? "" : e.projectType().name(),
                    r.get("type").trim()));
        }
        if (p.key() != null && e.keyProject() != p.key()) {
            out.add(new Imports.Change("key", e.keyProject() ? "是" : "否", p.key() ? "是" : "否"));
        }
        if (p.counted() != null && e.counted() != p.counted()) {
            out.add(new Imports.Change("counted", e.counted() ? "是" : "否", p.counted() ? "是" : "否"));
        }
        if (chainId != null && !chainId.equals(e.chainId())) {
            out.add(new Imports.Change(
                    "chain", Objects.toString(e.chainName(), ""), r.get("chain").trim()));
        }
        if (p.leaderId() != null && !p.leaderId().equals(e.leaderUserId())) {
            out.add(new Imports.Change(
                    "leader",
                    Objects.toString(e.leaderName(), ""),
                    r.get("leader").trim()));
        }
        text(out, "unit", e.responsibleUnit(), r, run.clearBlanks);
        text(out, "contactName", e.contactName(), r, run.clearBlanks);
        text(out, "contactPhone", e.contactPhone(), r, run.clearBlanks);
        if (p.stage() != null && p.stage() != e.stage()) {
            out.add(new Imports.Change("stage", label(e.stage()), label(p.stage())));
        }
        for (Stage s : Stage.datedStages()) {
            LocalDate given = p.date(s);
            if (given != null && !given.equals(e.dates().of(s))) {
                out.add(new Imports.Change(
                        dateField(s), Objects.toString(e.dates().of(s), ""), given.toString()));
            }
        }
        return out;
    }

    static void amount(List<Imports.Change> out, String field, BigDecimal stored, BigDecimal given, boolean clear) {
        if (given != null ? !ImportRun.same(stored, given) : clear && stored != null) {
            out.add(new Imports.Change(
                    field,
                    stored == null ? "" : stored.stripTrailingZeros().toPlainString(),
                    given == null ? "" : given.stripTrailingZeros().toPlainString()));
        }
    }

    static void text(List<Imports.Change> out, String field, String stored, Map<String, String> r, boolean clear) {
        String given = ImportRun.trim(r.get(field));
        if (given != null ? !given.equals(stored) : clear && stored != null) {
            out.add(new Imports.Change(field, Objects.toString(stored, ""), Objects.toString(given, "")));
        }
    }

    static String dateField(Stage s) {
        return switch (s) {
            case SIGNED -> "signedOn";
            case REGISTERED -> "registeredOn";
            case STARTED -> "startedOn";
            case PRODUCING -> "producingOn";
            default -> "fullProductionOn";
        };
    }

    /** The origin after the row: as written, else as stored, else as the credit code implies. */
    static FundOrigin effectiveOrigin(Project e, Parsed p) {
        return p.origin() != null ? p.origin() : e.fundOrigin() != null ? e.fundOrigin() : p.derivedOrigin();
    }

    /**
     * Says how the origin of a project was known when the row left 资金来源 blank and the project has none: derived
     * from the investor's credit code (shown as derived), or unknown (not counted by origin).
     */
    static void noteOrigin(Map<String, String> r, Parsed p, Project existing, ImportRun run) {
        if (p.origin() != null || (existing != null && existing.fundOrigin() != null)) {
            return;
        }
        if (p.derivedOrigin() != null) {
            run.warn(
                    r,
                    "origin",
                    "import.originDerived",
                    RegisteredDivision.province(r.get("investorCode")).orElse(""),
                    ORIGIN_LABELS.get(p.derivedOrigin()));
        } else {
            run.warn(r, "origin", "import.originUnknown");
        }
    }
}
