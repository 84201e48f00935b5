/**
 * Platform wiring shared by every module: the database (embedded PostgreSQL unless one is configured), the clock,
 * and the choice of the demo profile. Depends on no feature module.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package cn.yinfeng.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
