/**
 * The investor and enterprise registry (客商库): credit-code validation, duplicate guard and merge, contact
 * masking, and who may change a shared entry (its region's staff and the city; others propose, the city decides).
 * Uses accounts (who may see contacts), regions (scopes), prefs (the list's page size) and audit. Publishes
 * {@link cn.yinfeng.enterprises.EnterprisesMerged}.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "prefs", "regions"})
@NullMarked
package cn.yinfeng.enterprises;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
