/**
 * Supervision (督办): warning rules as data evaluated on a schedule and on change, warnings that clear themselves
 * and stay as history, supervision tasks with responses, review and escalation, the in-app inbox and the daily
 * digest (e-mail when SMTP is configured). Scheduled jobs run once across instances (ShedLock). Uses accounts,
 * regions, projects, approvals, stats and audit.
 */
@ApplicationModule(allowedDependencies = {"accounts", "approvals", "audit", "common", "projects", "regions", "stats"})
@NullMarked
package cn.yinfeng.supervision;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
