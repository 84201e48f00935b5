/**
 * The work that produces projects: trips out with the enterprises visited, delegations received, talks and events
 * (promotion meetings, signing ceremonies) with the projects signed there, and the counts reports quote. Uses
 * accounts, regions, enterprises, projects and audit.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "enterprises", "projects", "regions"})
@NullMarked
package cn.yinfeng.activities;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
