package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.chains.Chains;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.CreditCode;
import cn.yinfeng.enterprises.Enterprise;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectBackfill;
import cn.yinfeng.projects.ProjectBatch;
import cn.yinfeng.projects.ProjectForm;
import cn.yinfeng.projects.ProjectLifecycle;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.projects.Stage;
import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Project ledger rows: each goes through {@link Projects} and {@link ProjectLifecycle} exactly as the form does (validation, lifecycle, review
 * back to draft). Natural key: the project code, else the name in the landing region.
 */
@Component
class ProjectRows implements RowHandler {

    private final Projects projects;
    private final ProjectLifecycle lifecycle;
    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Chains chains;
    private final Accounts accounts;
    private final ProjectLookups lookups;
    private final ProjectBackfill backfill;

    ProjectRows(
            Projects projects,
            ProjectLifecycle lifecycle,
            JdbcClient jdbc,
            Enterprises enterprises,
            Chains chains,
            Accounts accounts,
            ProjectLookups lookups,
            ProjectBackfill backfill) {
        this.backfill = backfill;
        this.lookups = lookups;
        this.projects = projects;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.chains = chains;
        this.accounts = accounts;
    }

    @Override
    public Sheet sheet() {
        return ProjectSheet.SHEET;
    }

    /** The code, else the resolved region and the name: 孝义市, 孝义, 141181 and a blank cell are one region. */
    @Override
    public String fileKey(Map<String, String> row, ImportRun run) {
        if (!blank(row.get("code"))) {
            return "code|" + row.get("code").trim();
        }
        String name = row.getOrDefault("name", "");
        Region region = name.isBlank() ? null : run.region(row.get("region"));
        return name.isBlank()
                ? null
                : (region == null ? row.getOrDefault("region", "") : region.id()) + "|" + NameKeys.of(name);
    }

    private ProjectChanges.Parsed parse(Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        String name = r.getOrDefault("name", "").trim();
        Region region = null;
        if (blank(r.get("region")) && run.aboveCounty()) {
            // a city user's row without a region would land in the city itself: that must be said, not assumed
            problems.add(new Problem("region", "import.regionNeeded"));
        } else {
            region = run.region(r.get("region"));
            if (region == null) {
                problems.add(new Problem("region", "import.regionUnknown", r.getOrDefault("region", "")));
            }
        }
        BigDecimal total = ImportRun.amount(r, "totalInvestment", problems);
        BigDecimal contract = ImportRun.amount(r, "contractAmount", problems);
        BigDecimal outOfProvince = ImportRun.amount(r, "outOfProvinceAmount", problems);
        Stage stage = ProjectSheet.stage(r.get("stage"), problems);
        FundOrigin origin = ImportRun.lookup(ProjectSheet.ORIGINS, r.get("origin"), "origin", problems);
        FundOrigin derived = blank(r.get("origin")) && region != null
                ? ProjectChanges.derivedOrigin(r.get("investorCode"), region)
                : null;
        ProjectType type = ImportRun.lookup(ProjectSheet.TYPES, r.get("type"), "type", problems);
        Boolean key = ImportRun.bool(r, "key", problems);
        Boolean counted = ImportRun.bool(r, "counted", problems);
        LocalDate signed = ImportRun.date(r, "signedOn", problems);
        LocalDate registered = ImportRun.date(r, "registeredOn", problems);
        LocalDate started = ImportRun.date(r, "startedOn", problems);
        LocalDate producing = ImportRun.date(r, "producingOn", problems);
        LocalDate full = ImportRun.date(r, "fullProductionOn", problems);
        long regionId = region == null ? -1 : region.id();
        Long chainId = blank(r.get("chain"))
                ? null
                : run.memo(
                        "chain:" + regionId + ":" + r.get("chain").trim(),
                        () -> chains.idByName(r.get("chain").trim(), regionId).orElse(null));
        if (!blank(r.get("chain")) && chainId == null) {
            problems.add(new Problem("chain", "import.unknownValue", r.get("chain")));
        }
        Long leaderId = blank(r.get("leader"))
                ? null
                : run.memo(
                        "leader:" + r.get("leader").trim(),
                        () -> leader(r.get("leader").trim(), run));
        if (!blank(r.get("leader")) && leaderId == null) {
            // a leader as people name them who has no account here (a county leader, say): the project is imported
            // without the link, and the report says so
            run.warn(r, "leader", "import.leaderNotLinked", r.get("leader").trim());
        }
        if (!blank(r.get("investorCode")) && !blank(r.get("investor"))) {
            // the registry keeps its name for a credit code; a ledger's other spelling is shown beside it, not taken
            String normalised = CreditCode.normalise(r.get("investorCode"));
            String registryName = normalised == null
                    ? null
                    : run.memo(
                            "investor:" + normalised,
                            () -> enterprises
                                    .findByCode(normalised)
                                    .map(Enterprise::name)
                                    .orElse(null));
            if (registryName != null && !NameKeys.of(registryName).equals(NameKeys.of(r.get("investor")))) {
                run.warn(
                        r,
                        "investor",
                        "import.investorNameDiffers",
                        r.get("investor").trim(),
                        registryName);
            }
        }
        ImportRun.throwIfAny(problems);
        return new ProjectChanges.Parsed(
                name,
                region,
                total,
                contract,
                outOfProvince,
                stage,
                origin,
                derived,
                type,
                key,
                counted,
                signed,
                registered,
                started,
                producing,
                full,
                chainId,
                leaderId);
    }

    /**
     * A new row whose investor (by credit code) already has a project elsewhere in the city with the same total or
     * the same name — another county's entry of the same investment — or one in this region under another name with
     * the same total, is refused as a duplicate candidate until the user confirms it is not; the message names the
     * other project (only its region and code when the importer may not read it).
     */
    private void checkDuplicate(int number, Map<String, String> r, ProjectChanges.Parsed p, ImportRun run) {
        String code = CreditCode.normalise(r.get("investorCode"));
        if (code == null || run.confirmed.contains(number)) {
            return;
        }
        List<ProjectLookups.InvestorProject> others =
                run.memo("investorProjects:" + code, () -> lookups.byInvestorCodes(List.of(code)));
        String key = NameKeys.of(p.name());
        for (ProjectLookups.InvestorProject o : others) {
            boolean sameTotal = p.total() != null && ImportRun.same(o.totalInvestment(), p.total());
            boolean elsewhere =
                    o.regionId() != p.region().id() && (sameTotal || o.nameKey().equals(key));
            boolean renamed = o.regionId() == p.region().id() && !o.nameKey().equals(key) && sameTotal;
            if (elsewhere || renamed) {
                throw new InvalidInputException(
                        "name", "import.duplicateCandidate", o.regionName(), o.readable() ? o.name() : "", o.code());
            }
        }
    }

    /**
     * The leader account a 包联领导 cell names, as people write it: the display name or user name
     * ("刘晋萍"), with its titles ("市委常委、副市长刘晋萍"), or a surname and a title ("刘市长") when exactly one leader
     * has that surname. Enabled accounts first; null when none fits.
     */
    private Long leader(String text, ImportRun run) {
        Map<Long, String> leaders = run.memo("leaders", accounts::leaderNames);
        return accounts.leaderByUsername(text).orElseGet(() -> LeaderNames.pick(text, leaders));
    }

    // ------------------------------------------------------------------ all rows at once

    /** Matches every row with a code or a region and name against the ledger in a few statements. */
    @Override
    public void prefetch(List<Map<String, String>> rows, ImportRun run) {
        var codes = new LinkedHashSet<String>();
        var regionIds = new ArrayList<Long>();
        var keys = new ArrayList<String>();
        for (var r : rows) {
            if (!blank(r.get("code"))) {
                codes.add(r.get("code").trim());
            } else if (!blank(r.get("name"))) {
                Region region = run.region(r.get("region"));
                if (region != null) {
                    regionIds.add(region.id());
                    keys.add(NameKeys.of(r.get("name")));
                }
            }
        }
        var byCode = new HashMap<String, Long>();
        if (!codes.isEmpty()) {
            jdbc.sql("select code, id from project where code = any(:c)")
                    .param("c", codes.toArray(String[]::new))
                    .query(rs -> {
                        byCode.put(rs.getString(1), rs.getLong(2));
                    });
        }
        var byName = new HashMap<String, Long>();
        if (!keys.isEmpty()) {
            jdbc.sql("""
                    select distinct on (p.region_id, p.name_key) p.region_id, p.name_key, p.id
                      from project p
                      join (select distinct r, k from unnest(:r::bigint[], :k::text[]) as x(r, k)) x
                        on p.region_id = x.r and p.name_key = x.k
                     order by p.region_id, p.name_key, p.id
                    """)
                    .param("r", regionIds.toArray(Long[]::new))
                    .param("k", keys.toArray(String[]::new))
                    .query(rs -> {
                        byName.put(rs.getLong(1) + "|" + rs.getString(2), rs.getLong(3));
                    });
        }
        var ids = new HashSet<Long>(byCode.values());
        ids.addAll(byName.values());
        Map<Long, Project> found = projects.findAll(ids);
        run.memo("projects:prefetched", () -> new Prefetched(byCode, byName, found));
        var investorCodes = new LinkedHashSet<String>();
        rows.forEach(r -> {
            String c = CreditCode.normalise(r.get("investorCode"));
            if (c != null) {
                investorCodes.add(c);
            }
        });
        var byInvestor = new HashMap<String, List<ProjectLookups.InvestorProject>>();
        lookups.byInvestorCodes(investorCodes)
                .forEach(ip -> byInvestor
                        .computeIfAbsent(ip.creditCode(), k -> new ArrayList<>())
                        .add(ip));
        investorCodes.forEach(c -> run.memo("investorProjects:" + c, () -> byInvestor.getOrDefault(c, List.of())));
        Map<String, String> registered = enterprises.namesByCode(investorCodes);
        investorCodes.forEach(c -> run.memo("investor:" + c, () -> registered.get(c)));
    }

    /** What {@link #prefetch} found: ids by code and by "region|name key", and the readable projects among them. */
    private record Prefetched(Map<String, Long> byCode, Map<String, Long> byName, Map<Long, Project> projects) {}

    /**
     * New rows are checked with the form's rules and kept for {@link #writeDeferred}; rows equal to their project are
     * unchanged; rows that change a project go through {@link #apply} (null).
     */
    @Override
    public RowResult decide(int number, Map<String, String> r, ImportRun run) {
        ProjectChanges.Parsed p = parse(r, run);
        Project existing = match(r.get("code"), p.name(), p.region(), run);
        ProjectChanges.noteOrigin(r, p, existing, run);
        if (existing == null) {
            checkDuplicate(number, r, p, run);
            ProjectBatch batch = run.memo("projects:batch", projects::batch);
            ProjectForm form = ProjectRowForms.created(p, r);
            var problems = batch.check(form);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            batch.add(number, form);
            return RowResult.of(number, p.name(), Outcome.CREATE, null, null);
        }
        if (touched(run).contains(existing.id())) {
            return null; // an earlier row of this file changed it: compare with it as it is now, in apply
        }
        if (ProjectChanges.of(existing, p, r, ProjectRowForms.chainFor(existing, p, r), run)
                .isEmpty()) {
            return RowResult.of(number, p.name(), Outcome.UNCHANGED, existing.id(), "/projects/" + existing.id());
        }
        return null;
    }

    @Override
    public Map<Integer, Long> writeDeferred(ImportRun run, String source) {
        ProjectBatch batch = run.memo("projects:batch", () -> null);
        if (batch == null) {
            return Map.of();
        }
        var ids = new HashMap<Integer, Long>();
        batch.write(source).forEach(c -> ids.put(c.key(), c.id()));
        if (run.backfill) {
            backfill.markImported(ids.values(), source);
        }
        return ids;
    }

    /** Deciding writes nothing but the investors a new project names, which {@link #reopen} registers again. */
    @Override
    public boolean decisionsOutliveTheRun() {
        return true;
    }

    @Override
    public void reopen(ImportRun run) {
        ProjectBatch batch = run.memo("projects:batch", () -> null);
        if (batch != null) {
            batch.afterRollback();
        }
    }

    /** Projects that rows of this run have gone through {@link #apply} for (their prefetched copy is stale). */
    private static Set<Long> touched(ImportRun run) {
        return run.memo("projects:touched", HashSet::new);
    }

    @Override
    public String link(Long id) {
        return "/projects/" + id;
    }

    // ------------------------------------------------------------------ one row at a time

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        ProjectChanges.Parsed p = parse(r, run);
        String name = p.name();
        Region region = p.region();
        Project existing = match(r.get("code"), name, region, run);
        if (existing != null) {
            existing =
                    projects.find(existing.id()); // as it is now, not as prefetched: an earlier row may have changed it
            touched(run).add(existing.id());
        }
        ProjectChanges.noteOrigin(r, p, existing, run);
        Long chainId = ProjectRowForms.chainFor(existing, p, r);
        if (existing == null) {
            checkDuplicate(number, r, p, run);
            long id = projects.create(ProjectRowForms.created(p, r));
            if (run.backfill) {
                backfill.markImported(List.of(id), run.source);
            }
            return RowResult.of(number, name, Outcome.CREATE, id, "/projects/" + id);
        }
        // compare what the sheet says with what is stored; equal rows are left alone (idempotent re-import)
        var changes = ProjectChanges.of(existing, p, r, chainId, run);
        String link = "/projects/" + existing.id();
        if (changes.isEmpty()) {
            return RowResult.of(number, name, Outcome.UNCHANGED, existing.id(), link);
        }
        var changed = new HashSet<String>();
        changes.forEach(c -> changed.add(c.column()));
        Stage target = p.stage() == null ? existing.stage() : p.stage();
        boolean datesChanged =
                Stage.datedStages().stream().anyMatch(s -> changed.contains(ProjectChanges.dateField(s)));
        changed.removeIf(f -> f.equals("stage") || f.endsWith("On"));
        if (!changed.isEmpty()) {
            projects.update(existing.id(), ProjectRowForms.updated(existing, p, r, chainId, run.clearBlanks));
        }
        if (datesChanged) {
            correctDates(existing.id(), p);
        }
        if (target != existing.stage()) {
            moveTo(existing.id(), target, p);
        }
        return RowResult.of(number, name, Outcome.UPDATE, existing.id(), link).withChanges(changes);
    }

    /** Dates of stages already reached, corrected where the sheet gives them; later ones come with the stage moves. */
    private void correctDates(long id, ProjectChanges.Parsed p) {
        Project current = projects.find(id);
        var dates = current.dates();
        for (Stage s : Stage.datedStages()) {
            if (p.date(s) != null
                    && current.stage().onMainLine()
                    && s.order() <= current.stage().order()) {
                dates = dates.with(s, p.date(s));
            }
        }
        if (!dates.equals(current.dates())) {
            lifecycle.correctDates(current.id(), current.version(), dates);
        }
    }

    /** Later stages, one step at a time with the sheet's dates: a gap is the same error as on the page. */
    private void moveTo(long id, Stage target, ProjectChanges.Parsed p) {
        Project current = projects.find(id);
        while (current.stage().onMainLine() && current.stage().order() < target.order()) {
            Stage next = current.stage().next();
            LocalDate on =
                    next.dated() ? p.date(next) : (p.signed() != null ? p.signed() : LocalDate.now(Projects.ZONE));
            lifecycle.advance(current.id(), current.version(), next, on, "台账导入");
            current = projects.find(id);
        }
        if (current.stage() != target) {
            throw new InvalidInputException("stage", "stage.notForward");
        }
    }

    /**
     * The project a row names: by code (unknown codes are the row's error), else by region and name; a project the
     * importer may not read is "not found", which rejects the row as out of scope. Uses what {@link #prefetch} found
     * when it ran for this import.
     */
    private Project match(String code, String name, Region region, ImportRun run) {
        Prefetched pre = run.memo("projects:prefetched", () -> null);
        Long id;
        if (!blank(code)) {
            id = pre != null
                    ? pre.byCode().get(code.trim())
                    : jdbc.sql("select id from project where code = :c")
                            .param("c", code.trim())
                            .query(Long.class)
                            .optional()
                            .orElse(null);
            if (id == null) {
                throw new InvalidInputException("code", "import.codeUnknown", code);
            }
        } else if (region == null) {
            return null;
        } else {
            id = pre != null
                    ? pre.byName().get(region.id() + "|" + NameKeys.of(name))
                    : jdbc.sql("select id from project where region_id = :r and name_key = :k order by id limit 1")
                            .param("r", region.id())
                            .param("k", NameKeys.of(name))
                            .query(Long.class)
                            .optional()
                            .orElse(null);
        }
        if (id == null) {
            return null;
        }
        if (pre != null) {
            Project p = pre.projects().get(id);
            if (p == null) {
                throw new NotFoundException("project", id);
            }
            return p;
        }
        return projects.find(id);
    }
}
