/**
 * The workbench (工作台), everyone's home page: what waits for this user, by role. The county's returned and draft
 * projects and follow-ups due, the city's review queue by county and age, the leader's key figures with their lights
 * and own projects, the talent office's campaigns; approval steps past their limit (in scope, or on a leader's projects); for everyone the unread inbox and their open supervision tasks.
 * Reads the other modules' public APIs only and owns no tables.
 */
@ApplicationModule(
        allowedDependencies = {
            "accounts",
            "approvals",
            "common",
            "projects",
            "regions",
            "stats",
            "supervision",
            "talent"
        })
@NullMarked
package cn.yinfeng.workbench;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
