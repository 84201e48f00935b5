/**
 * Excel ledgers in and out: hostile-file checks, tolerant headers, amounts and dates, one import framework (dry run,
 * row-level report, all-or-nothing commit) with a row handler per kind (projects, enterprises, funds arrived, trips,
 * delegations, projects' yearly actuals against their commitments), and streamed exports with formula neutralisation. Uses accounts, regions, enterprises, chains,
 * projects, commitments, activities and audit, through their public services.
 */
@ApplicationModule(
        allowedDependencies = {
            "accounts",
            "activities",
            "audit",
            "chains",
            "commitments",
            "common",
            "enterprises",
            "projects",
            "regions"
        })
@NullMarked
package cn.yinfeng.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
