package cn.yinfeng.stats;

import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.TargetProgress;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The targets page's progress, from the public {@link Stats} API (the summary of a resolved region). */
@Component
class TargetProgressSource implements TargetProgress {

    private final Stats stats;

    TargetProgressSource(Stats stats) {
        this.stats = stats;
    }

    @Override
    public YearMonth latestMonth(Region region) {
        return stats.latestMonth(region);
    }

    @Override
    public Map<String, Line> progress(Region region, YearMonth to) {
        var out = new LinkedHashMap<String, Line>();
        for (Stats.Line l : stats.summaryOf(region, to.withMonth(1), to, null).indicators()) {
            out.put(
                    l.code(),
                    new Line(
                            l.code(),
                            l.value(),
                            l.target(),
                            l.schedule(),
                            l.aheadOfSchedule(),
                            l.completion(),
                            l.light() == null ? null : Light.valueOf(l.light().name())));
        }
        return out;
    }
}
