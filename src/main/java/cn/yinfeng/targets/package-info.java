/**
 * The indicator catalogue (data, not code), annual targets per region and goal groups. Uses accounts, regions and
 * audit. The statistics module computes the indicators.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "regions"})
@NullMarked
package cn.yinfeng.targets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
