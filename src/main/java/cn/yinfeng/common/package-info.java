/**
 * Small shared kernel: the exceptions every module throws for "not found", "stale version" and "invalid input", so
 * that the web layer turns them into the same pages and problem details everywhere. Depends on nothing.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package cn.yinfeng.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
