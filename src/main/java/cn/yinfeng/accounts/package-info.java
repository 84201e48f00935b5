/**
 * Users, roles, sign-in (passwords, lockout, expiry, TOTP), API tokens, the security filter chains and
 * {@link cn.yinfeng.accounts.CurrentUser}, through which other modules learn who acts and which
 * {@link cn.yinfeng.regions.RegionScope} applies. Uses regions and audit.
 */
package cn.yinfeng.accounts;
