/**
 * Reconciliation of published texts with the ledger: finds the statistical claims in a Chinese news article, work
 * report or speech (rules, plain Java) and checks each against the statistics. Uses stats, targets, regions,
 * accounts and audit through their public types.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "regions", "stats", "targets"})
@NullMarked
package cn.yinfeng.reconcile;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
