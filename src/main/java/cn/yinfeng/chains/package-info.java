/**
 * Industrial chains (产业链): tiers, named sets, up/mid/downstream nodes and target enterprises (招商图谱). Uses
 * accounts, regions, enterprises and audit.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "enterprises"})
@NullMarked
package cn.yinfeng.chains;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
