/**
 * The UI shell: layout, navigation, home page, language switch, error pages and the one place where exceptions
 * become pages or problem documents. Uses the other modules' public types only.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "regions"})
@NullMarked
package cn.yinfeng.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
