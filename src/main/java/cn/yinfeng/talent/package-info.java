/**
 * Talent attraction (招才引智, 引育用留): recruitment campaigns, introduced talents with encrypted and masked personal
 * data, training classes and attendance, university partnerships, care services and expert studios, their figures
 * and two catalogue indicators. Uses accounts, regions, targets and audit.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "regions", "targets"})
@NullMarked
package cn.yinfeng.talent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
