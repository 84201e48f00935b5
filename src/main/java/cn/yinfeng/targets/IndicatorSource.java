package cn.yinfeng.targets;

import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module that computes some of the catalogue's computations from its own tables (e.g. talent: 引进人才数,
 * 培训人次). The statistics engine asks each source for the computations it declares, for every group (a region
 * and its subtree, matched by {@code region.path like group.path || '%'}), over {@code from..to} inclusive, counting
 * only what was recorded by {@code asOf}.
 */
public interface IndicatorSource {

    /** Names of the computations this source answers, as in {@code indicator.computation}. */
    Set<String> computations();

    /** Values by group id, then by computation name; a missing value reads as 0. */
    Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups, Set<String> computations, LocalDate from, LocalDate to, Instant asOf);
}
