package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The talent figures reports quote, for a region subtree (inside the caller's scope) and a period, in SQL: talents
 * introduced by degree, the share with a bachelor's degree or above, postgraduates; campaign positions offered and
 * filled, institutions, cities and universities visited (distinct); training classes, participants and 人次;
 * partnerships signed (bases, projects); health-check batches and people; subsidies; studios.
 */
@Service
public class TalentFigures {

    /** Talents introduced in one month. */
    public record Month(int month, long talents) {}

    public record Figures(
            LocalDate from,
            LocalDate to,
            long regionId,
            String regionName,
            long talents,
            Map<Talents.Degree, Long> byDegree,
            long postgraduates,
            long bachelorOrAbove,
            BigDecimal bachelorShare,
            long campaigns,
            long institutions,
            long positionsOffered,
            long applicants,
            long positionsFilled,
            long citiesVisited,
            long universitiesVisited,
            long trainingClasses,
            Map<Trainings.ClassKind, Long> classesByKind,
            long trainingParticipants,
            long trainingSessions,
            long trainingAttendance,
            long partnerships,
            long bases,
            long cooperationProjects,
            long healthCheckBatches,
            long healthCheckPeople,
            BigDecimal subsidies,
            long housing,
            long studios,
            List<Month> monthly) {}

    /** Records of a region's subtree: {@code region_id} followed by this. */
    private static final String IN = " in (select id from region where path like :rp)";

    /** Every total of the figures in one row; {@code %1$s} is {@link #IN}. */
    private static final String TOTALS = """
            select
              (select count(*) from talent t where t.region_id %1$s and t.introduced_on between :from and :to) as talents,
              (select count(*) from talent_campaign c where c.region_id %1$s and c.start_date between :from and :to) as campaigns,
              (select count(distinct p.institution) from talent_position p join talent_campaign c on c.id = p.campaign_id
                where c.region_id %1$s and c.start_date between :from and :to) as institutions,
              (select coalesce(sum(p.openings), 0) from talent_position p join talent_campaign c on c.id = p.campaign_id
                where c.region_id %1$s and c.start_date between :from and :to) as offered,
              (select coalesce(sum(p.applicants), 0) from talent_position p join talent_campaign c on c.id = p.campaign_id
                where c.region_id %1$s and c.start_date between :from and :to) as applicants,
              (select coalesce(sum(p.hires), 0) from talent_position p join talent_campaign c on c.id = p.campaign_id
                where c.region_id %1$s and c.start_date between :from and :to) as filled,
              (select count(distinct pl.name) from talent_campaign_place pl join talent_campaign c on c.id = pl.campaign_id
                where pl.kind = 'CITY' and c.region_id %1$s and c.start_date between :from and :to) as cities,
              (select count(distinct pl.name) from talent_campaign_place pl join talent_campaign c on c.id = pl.campaign_id
                where pl.kind = 'UNIVERSITY' and c.region_id %1$s and c.start_date between :from and :to) as universities,
              (select count(*) from talent_training_class c where c.region_id %1$s and c.start_date between :from and :to) as classes,
              (select count(*) from talent_training_participant tp join talent_training_class c on c.id = tp.class_id
                where c.region_id %1$s and c.start_date between :from and :to) as participants,
              (select count(*) from talent_training_session s join talent_training_class c on c.id = s.class_id
                where c.region_id %1$s and s.session_date between :from and :to) as sessions,
              (select count(*) from talent_training_attendance a join talent_training_session s on s.id = a.session_id
                 join talent_training_class c on c.id = s.class_id
                where c.region_id %1$s and s.session_date between :from and :to) as attendance,
              (select count(*) from talent_partnership x where x.region_id %1$s and x.signed_on between :from and :to) as partnerships,
              (select count(*) from talent_partnership x where x.kind = 'BASE' and x.region_id %1$s
                  and x.signed_on between :from and :to) as bases,
              (select count(*) from talent_partnership x where x.kind = 'PROJECT' and x.region_id %1$s
                  and x.signed_on between :from and :to) as projects,
              (select count(*) from talent_care x where x.kind = 'HEALTH_CHECK' and x.region_id %1$s
                  and x.service_date between :from and :to) as hc_batches,
              (select coalesce(sum(x.people), 0) from talent_care x where x.kind = 'HEALTH_CHECK' and x.region_id %1$s
                  and x.service_date between :from and :to) as hc_people,
              (select coalesce(sum(x.amount), 0) from talent_care x where x.kind = 'SUBSIDY' and x.region_id %1$s
                  and x.service_date between :from and :to) as subsidies,
              (select coalesce(sum(x.people), 0) from talent_care x where x.kind = 'HOUSING' and x.region_id %1$s
                  and x.service_date between :from and :to) as housing,
              (select count(*) from talent_studio x where x.region_id %1$s and x.established_on <= :to) as studios
            """;

    private static final String MONTHLY = """
            select m.month, count(t.id) as talents
              from generate_series(1, 12) as m(month)
              left join talent t on extract(month from t.introduced_on) = m.month
                   and t.introduced_on between :from and :to and t.region_id %s
             group by m.month order by m.month
            """;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;

    TalentFigures(JdbcClient jdbc, CurrentUser currentUser, Regions regions) {
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
        var row = jdbc.sql(TOTALS.formatted(IN)).params(p).query().singleRow();
        var byDegree = counts(
                Talents.Degree.class,
                "select t.degree, count(*) from talent t where t.region_id " + IN
                        + " and t.introduced_on between :from and :to group by t.degree",
                p);
        var byKind = counts(
                Trainings.ClassKind.class,
                "select c.kind, count(*) from talent_training_class c " + "where c.region_id " + IN
                        + " and c.start_date between :from and :to group by c.kind",
                p);
        List<Month> monthly = jdbc.sql(MONTHLY.formatted(IN))
                .params(p)
                .query((rs, n) -> new Month(rs.getInt(1), rs.getLong(2)))
                .list();
        long talents = n(row.get("talents"));
        long postgraduates = byDegree.get(Talents.Degree.DOCTOR) + byDegree.get(Talents.Degree.MASTER);
        long bachelorOrAbove = postgraduates + byDegree.get(Talents.Degree.BACHELOR);
        BigDecimal share = talents == 0
                ? null
                : BigDecimal.valueOf(bachelorOrAbove).divide(BigDecimal.valueOf(talents), 4, RoundingMode.HALF_UP);
        return new Figures(
                from,
                to,
                region.id(),
                region.name(),
                talents,
                byDegree,
                postgraduates,
                bachelorOrAbove,
                share,
                n(row.get("campaigns")),
                n(row.get("institutions")),
                n(row.get("offered")),
                n(row.get("applicants")),
                n(row.get("filled")),
                n(row.get("cities")),
                n(row.get("universities")),
                n(row.get("classes")),
                byKind,
                n(row.get("participants")),
                n(row.get("sessions")),
                n(row.get("attendance")),
                n(row.get("partnerships")),
                n(row.get("bases")),
                n(row.get("projects")),
                n(row.get("hc_batches")),
                n(row.get("hc_people")),
                (BigDecimal) row.get("subsidies"),
                n(row.get("housing")),
                n(row.get("studios")),
                monthly);
    }

    /** Counts per value of an enum, every value present (0 where none); {@code sql} answers (name, count). */
    private <E extends Enum<E>> Map<E, Long> counts(Class<E> type, String sql, Map<String, Object> params) {
        var counts = new LinkedHashMap<E, Long>();
        for (E e : type.getEnumConstants()) {
            counts.put(e, 0L);
        }
        jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> counts.put(Enum.valueOf(type, rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
