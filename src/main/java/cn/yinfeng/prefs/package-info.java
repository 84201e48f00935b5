/**
 * Each user's own settings of the lists: hidden columns, page size and named saved filters, through
 * {@link cn.yinfeng.prefs.ListPrefs}. Uses accounts (who is asking) and audit.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common"})
@NullMarked
package cn.yinfeng.prefs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
