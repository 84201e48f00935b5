package cn.yinfeng.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void pointsInTimeAreShownInBeijingTime() {
        // 23:30 UTC on 30 November is already 1 December in Beijing
        Instant lateEvening = Instant.parse("2026-11-30T23:30:00Z");
        assertThat(Times.ZONE.getId()).isEqualTo("Asia/Shanghai");
        assertThat(Times.format(lateEvening)).isEqualTo("2026-12-01 07:30");
        assertThat(Times.format(lateEvening, "yyyy-MM-dd HH:mm:ss")).isEqualTo("2026-12-01 07:30:00");
        assertThat(Times.format(OffsetDateTime.of(2026, 11, 30, 23, 30, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-12-01 07:30");
        assertThat(Times.format(java.sql.Timestamp.from(lateEvening))).isEqualTo("2026-12-01 07:30");
    }

    @Test
    void datesAreTheirOwnDay() {
        assertThat(Times.format(LocalDate.of(2026, 12, 1))).isEqualTo("2026-12-01");
        assertThat(Times.format(YearMonth.of(2026, 10))).isEqualTo("2026-10");
        assertThat(Times.format(LocalDate.of(2026, 12, 1), "yyyy-MM")).isEqualTo("2026-12");
        assertThat(Times.format(null)).isEmpty();
    }

    /** Thymeleaf's own formatter shows instants in the server's zone (UTC on most servers), so no page uses it. */
    @Test
    void noTemplateFormatsTimesWithoutTheZone() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            var offenders = files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("#temporals.format");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }
}
