package cn.yinfeng.activities;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The counts reports quote, for a region subtree and a period, done activities only: trips and point-to-point
 * visits by top officials, enterprises visited (distinct), delegations (batches and distinct enterprises), events,
 * and projects signed at events (first signings and expansions; re-signings shown apart, never counted).
 */
@Service
public class ActivityFigures {

    public record Figures(
            LocalDate from,
            LocalDate to,
            String regionName,
            long trips,
            long pointToPoint,
            long enterprisesVisited,
            long visits,
            long delegations,
            long delegationEnterprises,
            long talks,
            long events,
            long projectsSignedAtEvents,
            long resignings,
            BigDecimal signedAtEventsAmount) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;

    ActivityFigures(JdbcClient jdbc, CurrentUser currentUser, Regions regions) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
    }

    public Figures figures(Long regionId, LocalDate from, LocalDate to) {
        RegionScope scope = currentUser.scope();
        Region region =
                regionId == null ? regions.find(scope.regionId()).orElseThrow() : regions.visible(scope, regionId);
        var p = new HashMap<String, Object>();
        p.put("from", from);
        p.put("to", to);
        p.put("rp", region.path() + "%");
        String in = " in (select id from region where path like :rp)";
        var row = jdbc.sql("""
                select
                  (select count(*) from trip t where t.status = 'DONE' and t.region_id %1$s
                      and t.start_date between :from and :to) as trips,
                  (select count(*) from trip t where t.status = 'DONE' and t.point_to_point and t.region_id %1$s
                      and t.start_date between :from and :to) as p2p,
                  (select count(distinct v.enterprise_id) from trip_visit v join trip t on t.id = v.trip_id
                    where t.status = 'DONE' and t.region_id %1$s and v.visit_date between :from and :to) as visited,
                  (select count(*) from trip_visit v join trip t on t.id = v.trip_id
                    where t.status = 'DONE' and t.region_id %1$s and v.visit_date between :from and :to) as visits,
                  (select count(*) from delegation d where d.status = 'DONE' and d.region_id %1$s
                      and d.visit_date between :from and :to) as delegations,
                  (select count(distinct de.enterprise_id) from delegation_enterprise de
                     join delegation d on d.id = de.delegation_id
                    where d.status = 'DONE' and d.region_id %1$s and d.visit_date between :from and :to) as d_ent,
                  (select count(*) from talk t where t.status = 'DONE' and t.region_id %1$s
                      and t.talk_date between :from and :to) as talks,
                  (select count(*) from event e where e.status = 'DONE' and e.region_id %1$s
                      and e.event_date between :from and :to) as events,
                  (select count(*) from event_project ep join event e on e.id = ep.event_id
                    where e.status = 'DONE' and e.region_id %1$s and e.event_date between :from and :to
                      and ep.counts_as in ('SIGNING', 'EXPANSION')) as signed,
                  (select count(*) from event_project ep join event e on e.id = ep.event_id
                    where e.status = 'DONE' and e.region_id %1$s and e.event_date between :from and :to
                      and ep.counts_as = 'RESIGNING') as resigned,
                  (select coalesce(sum(ep.amount), 0) from event_project ep join event e on e.id = ep.event_id
                    where e.status = 'DONE' and e.region_id %1$s and e.event_date between :from and :to
                      and ep.counts_as in ('SIGNING', 'EXPANSION')) as amount
                """.formatted(in)).params(p).query().singleRow();
        return new Figures(
                from,
                to,
                region.name(),
                n(row.get("trips")),
                n(row.get("p2p")),
                n(row.get("visited")),
                n(row.get("visits")),
                n(row.get("delegations")),
                n(row.get("d_ent")),
                n(row.get("talks")),
                n(row.get("events")),
                n(row.get("signed")),
                n(row.get("resigned")),
                (BigDecimal) row.get("amount"));
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
