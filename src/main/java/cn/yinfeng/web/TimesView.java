package cn.yinfeng.web;

import cn.yinfeng.common.Times;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link Times} for the templates: {@code ${@times.format(t)}}, {@code ${@times.format(t, 'yyyy-MM')}}, and
 * {@code ${@times.now()}} for the time a page is printed ({@code yyyy-MM-dd HH:mm} in the zone).
 */
@Component("times")
class TimesView {

    private final Clock clock;

    TimesView(Clock clock) {
        this.clock = clock;
    }

    public String format(@Nullable Object t) {
        return Times.format(t);
    }

    public String format(@Nullable Object t, String pattern) {
        return Times.format(t, pattern);
    }

    public String now() {
        return Times.format(clock.instant());
    }

    public String zone() {
        return Times.ZONE.getId();
    }
}
