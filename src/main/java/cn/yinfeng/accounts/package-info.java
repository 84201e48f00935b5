/**
 * Users, roles, sign-in (passwords, lockout, expiry, TOTP), API tokens, the security filter chains and
 * {@link cn.yinfeng.accounts.CurrentUser}, through which other modules learn who acts and which
 * {@link cn.yinfeng.regions.RegionScope} applies. Uses regions and audit.
 */
@ApplicationModule(allowedDependencies = {"audit", "common", "regions"})
@NullMarked
package cn.yinfeng.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
