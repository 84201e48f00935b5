/**
 * The project ledger (项目台账): projects from lead to production, their lifecycle, review by the city, funds
 * arrived, follow-ups, approved history for "as of" figures, and duplicate candidates across counties. Uses
 * accounts, regions, enterprises, chains, prefs (the list's columns and saved filters) and audit; publishes
 * {@link cn.yinfeng.projects.ProjectChanged} after each change.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "chains", "common", "enterprises", "prefs", "regions"})
@NullMarked
package cn.yinfeng.projects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
