/**
 * Commitments (合同承诺) against results: what a signed project's contract promised — fixed-asset investment by a
 * date, yearly output, tax and jobs, the start and production dates — its actuals year by year, each commitment
 * read as kept, kept late, short, unreported or pending ({@link cn.yinfeng.commitments.CommitmentRule}), the
 * project's 履约率, and per county the board and the red list of the furthest behind. Owns
 * {@code project_commitment} and {@code project_actual}; reads projects through their public API.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "projects", "regions", "targets"})
@NullMarked
package cn.yinfeng.commitments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
