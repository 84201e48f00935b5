package cn.yinfeng.stats;

import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a figure "as of" a past instant read differently from the ledger of today, for the page and the report check
 * to say: projects of the period recorded only after that instant, either back-filled (read as first recorded, and
 * counted) or not (not counted: their record began later), and back-filled fund records read before they were
 * recorded. Without it a year loaded afterwards reads as 0 with nothing to say why.
 */
@Component
public class AsOfRecords {

    /**
     * {@code firstRecorded}: back-filled projects counted as first recorded; {@code recordedLater}: projects of the
     * period first approved after the instant, not back-filled, so not counted; {@code firstRecordedFunds}: back-filled
     * fund records counted; {@code recordedFrom}/{@code recordedTo}: when those records were made (Beijing dates).
     */
    public record Note(
            long firstRecorded,
            long recordedLater,
            long firstRecordedFunds,
            @Nullable LocalDate recordedFrom,
            @Nullable LocalDate recordedTo) {}

    private final JdbcClient jdbc;

    AsOfRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The note for a region and period as of an instant; null when nothing of the period was recorded after it. */
    @Nullable
    Note of(Region region, YearMonth from, YearMonth to, Instant asOf) {
        var note = jdbc.sql("""
                with firsts as (
                  select a.project_id, bool_or(a.backfilled) as backfilled, min(a.valid_from) as first_at
                    from project_approved a
                    join region r on r.id in (a.region_id, a.attracting_region_id)
                   where r.path like :path || '%'
                     and (a.signed_on between :from and :to or a.registered_on between :from and :to
                          or a.started_on between :from and :to or a.producing_on between :from and :to)
                   group by a.project_id
                  having min(a.valid_from) > :asOf),
                funds as (
                  select f.approved_at
                    from project_fund f
                   where f.backfilled and f.approved_at > :asOf and (f.deleted_at is null or f.deleted_at > :asOf)
                     and f.month between :fromMonth and :toMonth
                     and exists (select 1 from project_approved a join region r on r.id in (a.region_id, a.attracting_region_id)
                                  where a.project_id = f.project_id and a.valid_to is null and r.path like :path || '%'))
                select (select count(*) from firsts where backfilled) as first_recorded,
                       (select count(*) from firsts where not backfilled) as recorded_later,
                       (select count(*) from funds) as funds,
                       least((select min(first_at) from firsts), (select min(approved_at) from funds)) as lo,
                       greatest((select max(first_at) from firsts), (select max(approved_at) from funds)) as hi
                """)
                .param("path", region.path())
                .param("from", from.atDay(1))
                .param("to", to.atEndOfMonth())
                .param("fromMonth", from.atDay(1))
                .param("toMonth", to.atDay(1))
                .param("asOf", Timestamp.from(asOf))
                .query((rs, n) -> new Note(
                        rs.getLong("first_recorded"),
                        rs.getLong("recorded_later"),
                        rs.getLong("funds"),
                        day(rs.getTimestamp("lo")),
                        day(rs.getTimestamp("hi"))))
                .single();
        return note.firstRecorded() + note.recordedLater() + note.firstRecordedFunds() == 0 ? null : note;
    }

    private static @Nullable LocalDate day(@Nullable Timestamp t) {
        return t == null ? null : LocalDate.ofInstant(t.toInstant(), Projects.ZONE);
    }
}
