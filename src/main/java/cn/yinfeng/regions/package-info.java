/**
 * The region tree (city, counties, districts, zones) and {@link cn.yinfeng.regions.RegionScope}, the one way every
 * module restricts a query to the caller's region and its descendants. Depends only on the shared kernel.
 */
@ApplicationModule(allowedDependencies = {"audit", "common"})
@NullMarked
package cn.yinfeng.regions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
