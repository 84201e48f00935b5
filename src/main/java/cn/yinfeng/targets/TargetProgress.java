package cn.yinfeng.targets;

import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How far a region is towards its targets, computed by the statistics module (which implements this interface, so
 * targets does not depend on it): the actual value 1-N月, 序时进度, 超/欠进度, completion and the light.
 */
public interface TargetProgress {

    enum Light {
        GREEN,
        YELLOW,
        RED
    }

    /** One indicator. Amounts in 万元, rates and completion as fractions; null where there is nothing to say. */
    record Line(
            String code,
            @Nullable BigDecimal actual,
            @Nullable BigDecimal target,
            @Nullable BigDecimal schedule,
            @Nullable BigDecimal ahead,
            @Nullable BigDecimal completion,
            @Nullable Light light) {}

    /** The latest month with data for the region's subtree (the current month when there is none). */
    YearMonth latestMonth(Region region);

    /** The region's indicators from January to {@code to}, by indicator code. */
    Map<String, Line> progress(Region region, YearMonth to);
}
