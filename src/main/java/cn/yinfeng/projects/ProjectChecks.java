package cn.yinfeng.projects;

import static cn.yinfeng.common.InvalidInputException.checkLength;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.chains.Chains;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules a project's form must meet, for one new project, an edit and a batch alike: its fields, its region within
 * the caller's scope, its leader, and every record it names readable by the caller. The look-ups are given so that a
 * batch can remember them.
 */
@Component
class ProjectChecks {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final Enterprises enterprises;
    private final Accounts accounts;
    private final Chains chains;
    private final ProjectRecords records;

    ProjectChecks(
            JdbcClient jdbc,
            CurrentUser currentUser,
            Regions regions,
            Enterprises enterprises,
            Accounts accounts,
            Chains chains,
            ProjectRecords records) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
        this.enterprises = enterprises;
        this.accounts = accounts;
        this.chains = chains;
        this.records = records;
    }

    /**
     * The rules a new project must meet (fields, region scope, stage and its dates), with the look-ups given so that
     * a batch can remember them; {@link Projects#create} and {@link ProjectBatch} both use it.
     */
    List<Problem> checkNew(
            ProjectForm form,
            Long regionId,
            RegionScope scope,
            LongFunction<Optional<Region>> regionById,
            LongPredicate isLeader,
            Set<String> referencesSeen,
            LocalDate today) {
        Stage stage = form.stage() == null ? Stage.RESERVE : form.stage();
        requireReferences(form, null, referencesSeen);
        var problems = validate(form, regionId, scope, regionById, isLeader);
        if (!stage.onMainLine()) {
            problems.add(new Problem("stage", "stage.notActive"));
        } else {
            problems.addAll(Lifecycle.checkState(stage, form.dates(), today));
        }
        return problems;
    }

    Optional<Region> regionById(long id) {
        return regions.find(id);
    }

    /**
     * Whether {@code userId} may be named as 包联 leader by the caller: an enabled leader of the caller's region tree
     * or of a region above it (the same list the picker offers). Any other id, existing or not, is the same field
     * error.
     */
    boolean isLeader(long userId) {
        return accounts.selectableLeader(userId, currentUser.scope());
    }

    /**
     * Every id the form names (the project it expands, the investors, the chain and its node) must be one the
     * caller can read, and is answered exactly like a read of it when not: a 404, the same for another county's
     * record as for none. A value the project already holds ({@code before}) is kept without a check (history).
     * {@code seen}: references that passed for this caller already (a batch of many rows checks each chain once).
     */
    void requireReferences(ProjectForm f, Project before, Set<String> seen) {
        // a reference is remembered once it passed: one that failed is checked (and fails) again on the next row
        if (f.expansionOfId() != null
                && (before == null || !f.expansionOfId().equals(before.expansionOfId()))
                && !seen.contains("project:" + f.expansionOfId())) {
            requireReadable(f.expansionOfId());
            seen.add("project:" + f.expansionOfId());
        }
        if (f.chainId() != null
                && (before == null || !f.chainId().equals(before.chainId()))
                && !seen.contains("chain:" + f.chainId())) {
            chains.find(f.chainId());
            seen.add("chain:" + f.chainId());
        }
        if (f.chainNodeId() != null
                && (before == null || !f.chainNodeId().equals(before.chainNodeId()))
                && !seen.contains("node:" + f.chainNodeId())) {
            chains.node(f.chainNodeId());
            seen.add("node:" + f.chainNodeId());
        }
        if (f.investors() != null) {
            var held = before == null
                    ? Set.<Long>of()
                    : before.investors().stream().map(Project.Investor::id).collect(Collectors.toSet());
            for (Long e : f.investors()) {
                if (e == null) {
                    throw new InvalidInputException("investors", "validation.invalid");
                }
                if (!held.contains(e) && !seen.contains("enterprise:" + e)) {
                    enterprises.resolve(e);
                    seen.add("enterprise:" + e);
                }
            }
        }
    }

    private void requireReadable(long projectId) {
        RegionScope scope = currentUser.scope();
        if (!records.exists(projectId, ProjectRecords.readable(scope), scope)) {
            throw new NotFoundException("project", projectId);
        }
    }

    List<Problem> validate(
            ProjectForm f,
            Long regionId,
            RegionScope scope,
            LongFunction<Optional<Region>> regionById,
            LongPredicate isLeader) {
        var problems = new ArrayList<Problem>();
        if (f.name() == null || f.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else if (f.name().trim().length() > 200) {
            problems.add(new Problem("name", "validation.tooLong", 200));
        }
        Region region = regionId == null ? null : regionById.apply(regionId).orElse(null);
        if (region == null || !scope.covers(region)) {
            problems.add(new Problem("regionId", "project.region.outOfScope"));
        }
        checkAttracting(f, regionId, regionById, problems);
        checkAmounts(f, problems);
        checkNewInvestor(f, problems);
        boolean anyForeign = f.foreignCurrency() != null && !f.foreignCurrency().isBlank()
                || f.foreignAmount() != null
                || f.exchangeRate() != null;
        if (anyForeign
                && (f.foreignCurrency() == null
                        || !f.foreignCurrency().trim().matches("[A-Za-z]{3}")
                        || f.foreignAmount() == null
                        || f.exchangeRate() == null
                        || f.exchangeRate().signum() <= 0)) {
            problems.add(new Problem("foreignAmount", "project.foreign.incomplete"));
        }
        if (Boolean.FALSE.equals(f.counted())
                && (f.notCountedReason() == null || f.notCountedReason().isBlank())) {
            problems.add(new Problem("notCountedReason", "project.notCounted.reason"));
        }
        // the columns' limits: a long text is the field's error, never a failed insert
        checkLength(problems, "responsibleUnit", f.responsibleUnit(), 100);
        checkLength(problems, "contactName", f.contactName(), 50);
        checkLength(problems, "contactPhone", f.contactPhone(), 40);
        checkLength(problems, "notCountedReason", f.notCountedReason(), 200);
        if (f.leaderUserId() != null && !isLeader.test(f.leaderUserId())) {
            problems.add(new Problem("leaderUserId", "project.leader.invalid"));
        }
        if (f.chainNodeId() != null
                && (f.chainId() == null
                        || jdbc.sql("select count(*) from chain_node where id = :n " + "and chain_id = :c")
                                        .param("n", f.chainNodeId())
                                        .param("c", f.chainId())
                                        .query(Long.class)
                                        .single()
                                == 0)) {
            problems.add(new Problem("chainNodeId", "project.node.invalid"));
        }
        return problems;
    }

    /** An investor named on the form: its credit code must be one, and a code alone needs the name beside it. */
    private static void checkNewInvestor(ProjectForm f, List<Problem> problems) {
        String code = cn.yinfeng.enterprises.CreditCode.normalise(f.newInvestorCode());
        if (code == null) {
            return;
        }
        var problem = cn.yinfeng.enterprises.CreditCode.problem(code);
        if (problem != null) {
            problems.add(new Problem(
                    "newInvestorCode", "enterprise.code." + problem.name().toLowerCase(Locale.ROOT)));
        }
        if (f.newInvestorName() == null || f.newInvestorName().isBlank()) {
            problems.add(new Problem("newInvestorName", "project.investor.nameRequired"));
        }
    }

    /** Beyond numeric(16, 2): 14 digits before the point (a 1E999999999 typed into a sheet stays a field error). */
    private static boolean tooLarge(BigDecimal amount) {
        return amount.precision() - amount.scale() > 14;
    }

    private static void checkAmounts(ProjectForm f, List<Problem> problems) {
        if (f.totalInvestment() == null) {
            problems.add(new Problem("totalInvestment", "validation.required"));
        } else if (f.totalInvestment().signum() < 0) {
            problems.add(new Problem("totalInvestment", "validation.notNegative"));
        } else if (f.totalInvestment().scale() > 2) {
            problems.add(new Problem("totalInvestment", "validation.twoDecimals"));
        } else if (tooLarge(f.totalInvestment())) {
            problems.add(new Problem("totalInvestment", "validation.amountTooLarge"));
        }
        if (f.contractAmount() != null
                && (f.contractAmount().signum() < 0 || f.contractAmount().scale() > 2)) {
            problems.add(new Problem("contractAmount", "validation.twoDecimals"));
        } else if (f.contractAmount() != null && tooLarge(f.contractAmount())) {
            problems.add(new Problem("contractAmount", "validation.amountTooLarge"));
        }
        if (f.outOfProvinceAmount() != null
                && (f.outOfProvinceAmount().signum() < 0
                        || f.outOfProvinceAmount().scale() > 2)) {
            problems.add(new Problem("outOfProvinceAmount", "validation.twoDecimals"));
        } else if (f.outOfProvinceAmount() != null
                && f.totalInvestment() != null
                && f.outOfProvinceAmount().compareTo(f.totalInvestment()) > 0) {
            problems.add(new Problem("outOfProvinceAmount", "project.outOfProvince.overTotal"));
        }
    }

    private static void checkAttracting(
            ProjectForm f, Long regionId, LongFunction<Optional<Region>> regionById, List<Problem> problems) {
        if (f.attractingRegionId() != null
                && regionById.apply(f.attractingRegionId()).isEmpty()) {
            problems.add(new Problem("attractingRegionId", "validation.invalid"));
        }
        if (f.attractingShare() != null
                && (f.attractingShare().signum() < 0 || f.attractingShare().compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(new Problem("attractingShare", "project.share.range"));
        }
        if (f.attractingRegionId() != null && Objects.equals(f.attractingRegionId(), regionId)) {
            problems.add(new Problem("attractingRegionId", "project.attracting.same"));
        }
        if (f.attractingRegionId() != null
                && !Objects.equals(f.attractingRegionId(), regionId)
                && f.attractingShare() == null) {
            problems.add(new Problem("attractingShare", "project.share.required"));
        }
    }
}
