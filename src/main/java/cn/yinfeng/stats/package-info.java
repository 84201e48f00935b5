/**
 * Statistics: the catalogue's indicators computed in SQL from the approved project history, funds and activities,
 * for any region subtree, period and "as of" date; 同比, targets, 序时进度 and lights; rankings, dashboards and the
 * monthly report. Uses accounts, regions, targets and audit; reads the ledger's tables with plain SQL.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "projects", "regions", "targets"})
@NullMarked
package cn.yinfeng.stats;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
