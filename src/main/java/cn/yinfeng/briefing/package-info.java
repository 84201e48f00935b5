/**
 * The monthly 简报 as the document offices send: its text written from a publication's frozen figures (overall
 * figures, 同比, completion against 序时进度, leading and lagging units, the largest projects signed, next month's
 * risks), checked claim by claim by the reconcile module's checker against those figures before it is offered, and
 * laid out as Word and PDF in the GB/T 9704 layout. Uses stats (the published report), reconcile (the checker),
 * supervision (deadlines), regions and audit through their public types.
 */
@ApplicationModule(allowedDependencies = {"audit", "common", "reconcile", "regions", "stats", "supervision"})
@NullMarked
package cn.yinfeng.briefing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
