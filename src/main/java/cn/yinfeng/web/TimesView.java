package cn.yinfeng.web;

import cn.yinfeng.common.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link Times} for the templates: {@code ${@times.format(t)}}, {@code ${@times.format(t, 'yyyy-MM')}}. */
@Component("times")
class TimesView {

    public String format(@Nullable Object t) {
        return Times.format(t);
    }

    public String format(@Nullable Object t, String pattern) {
        return Times.format(t, pattern);
    }

    public String zone() {
        return Times.ZONE.getId();
    }
}
