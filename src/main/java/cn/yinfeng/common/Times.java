package cn.yinfeng.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * The one clock people read: instants are stored, and every time shown, exported or reported is in this zone,
 * {@code Asia/Shanghai} unless the system property {@code yinfeng.time-zone} (or the environment variable
 * {@code YINFENG_TIME_ZONE}) names another. Day boundaries ("today", a month's end) are this zone's too.
 */
public final class Times {

    public static final ZoneId ZONE = ZoneId.of(configured());

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Times() {}

    private static String configured() {
        String p = System.getProperty("yinfeng.time-zone");
        if (p == null || p.isBlank()) {
            p = System.getenv("YINFENG_TIME_ZONE");
        }
        return p == null || p.isBlank() ? "Asia/Shanghai" : p.trim();
    }

    /** {@code yyyy-MM-dd HH:mm} in the zone for a point in time; a date as {@code yyyy-MM-dd}; "" for none. */
    public static String format(@Nullable Object t) {
        if (t instanceof LocalDate d) {
            return d.toString();
        }
        if (t instanceof YearMonth m) {
            return m.toString();
        }
        return format(t, MINUTES);
    }

    /** With the pattern given, e.g. {@code yyyy-MM-dd HH:mm:ss}. */
    public static String format(@Nullable Object t, String pattern) {
        return format(t, DateTimeFormatter.ofPattern(pattern));
    }

    private static String format(@Nullable Object t, DateTimeFormatter f) {
        if (t == null) {
            return "";
        }
        if (t instanceof Instant i) {
            return f.format(i.atZone(ZONE));
        }
        if (t instanceof OffsetDateTime o) {
            return f.format(o.atZoneSameInstant(ZONE));
        }
        if (t instanceof ZonedDateTime z) {
            return f.format(z.withZoneSameInstant(ZONE));
        }
        if (t instanceof java.util.Date d) {
            return f.format(d.toInstant().atZone(ZONE));
        }
        if (t instanceof TemporalAccessor local) {
            return f.format(local); // local dates and times are already the zone's
        }
        throw new IllegalArgumentException("not a time: " + t.getClass().getName());
    }
}
