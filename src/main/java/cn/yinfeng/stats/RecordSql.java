package cn.yinfeng.stats;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the figures that count records directly rather than approved project versions: the activities
 * (trips out, point-to-point visits, enterprises visited, delegations received) and the stock of current key
 * projects. {@link StatsEngine} computes the figures and {@link FigureExplanation} lists their records from the same
 * pieces, so the counted records add up to the figure.
 *
 * <p>Each piece is written over a region alias {@code r} and the group's path {@code g.gpath}; no user text reaches
 * it.
 */
final class RecordSql {

    private RecordSql() {}

    /**
     * One activity computation: its {@code from} clause (tables joined to region {@code r}), the date that puts a record in the period,
     * the condition under which a record of the period counts, the reasons it does not (in order), and for counts of
     * distinct things the key counted once. {@code label}, {@code detail} and {@code ref} are what a list shows and
     * links to.
     */
    record Activity(
            String kind,
            String from,
            String date,
            String counts,
            List<IndicatorSql.Exclusion> reasons,
            @Nullable String distinct,
            String id,
            String ref,
            String label,
            String detail) {

        /** The figure for the group {@code g}, a scalar subquery. */
        String figure() {
            return "(select " + (distinct == null ? "count(*)" : "count(distinct " + distinct + ")") + " " + from
                    + " where r.path like g.gpath || '%' and " + date + " between :from and :to and " + counts + ")";
        }
    }

    private static final String TRIP_DONE_BY_THEN = "t.status = 'DONE' and t.created_at <= :asOf";

    private static final List<IndicatorSql.Exclusion> TRIP_REASONS = List.of(
            new IndicatorSql.Exclusion("PLANNED", "t.status <> 'DONE'", null),
            new IndicatorSql.Exclusion("RECORDED_LATER", "t.created_at > :asOf", null));

    static final Map<String, Activity> ACTIVITIES = Map.of(
            "TRIPS",
            new Activity(
                    "TRIP",
                    "from trip t join region r on r.id = t.region_id",
                    "t.start_date",
                    TRIP_DONE_BY_THEN,
                    TRIP_REASONS,
                    null,
                    "t.id",
                    "t.id",
                    "t.title",
                    "t.leader_name || ' · ' || t.cities"),
            "POINT_TO_POINT",
            new Activity(
                    "TRIP",
                    "from trip t join region r on r.id = t.region_id",
                    "t.start_date",
                    TRIP_DONE_BY_THEN + " and t.point_to_point",
                    List.of(
                            TRIP_REASONS.get(0),
                            TRIP_REASONS.get(1),
                            new IndicatorSql.Exclusion("NOT_POINT_TO_POINT", "not t.point_to_point", null)),
                    null,
                    "t.id",
                    "t.id",
                    "t.title",
                    "t.leader_name || ' · ' || t.cities"),
            "VISITED",
            new Activity(
                    "VISIT",
                    "from trip_visit v join trip t on t.id = v.trip_id join region r on r.id = t.region_id"
                            + " join enterprise e on e.id = v.enterprise_id",
                    "v.visit_date",
                    TRIP_DONE_BY_THEN,
                    TRIP_REASONS,
                    "v.enterprise_id",
                    "v.id",
                    "t.id",
                    "e.name",
                    "t.title"),
            "DELEGATIONS",
            new Activity(
                    "DELEGATION",
                    "from delegation d join region r on r.id = d.region_id",
                    "d.visit_date",
                    "d.status = 'DONE' and d.created_at <= :asOf",
                    List.of(
                            new IndicatorSql.Exclusion("PLANNED", "d.status <> 'DONE'", null),
                            new IndicatorSql.Exclusion("RECORDED_LATER", "d.created_at > :asOf", null)),
                    null,
                    "d.id",
                    "d.id",
                    "d.title",
                    "d.host_name || ' · ' || d.people || '人'"));

    /**
     * The records of an activity computation in the period for the group {@code grp}, as explanation rows: counted
     * (a distinct key once, at its first counted record) or left out with the first reason that holds (a distinct
     * key seen again: {@code REPEAT}).
     */
    static String activityRows(Activity a) {
        String counted = "coalesce(" + a.counts() + ", false)";
        String reason = "case when " + counted + " then null"
                + a.reasons().stream()
                        .map(e -> " when " + e.condition() + " then '" + e.code() + "'")
                        .collect(Collectors.joining())
                + " else 'OTHER' end";
        String first = a.distinct() == null
                ? "true"
                : "row_number() over (partition by " + a.distinct() + " order by " + counted + " desc, " + a.date()
                        + ", " + a.id() + ") = 1";
        return """
                rows as (
                  select '%1$s' as kind, x.id, x.ref_id, x.label, x.detail, x.region_name, x.d, 1.0 as w, 1 as adds,
                         'FIGURE' as part,
                         case when x.reason is null and not x.first then 'REPEAT' else x.reason end as reason,
                         cast(null as varchar) as origin, cast(null as numeric) as total_investment
                    from (select %2$s as id, %3$s as ref_id, %4$s as label, %5$s as detail, r.name as region_name,
                                 %6$s as d, %7$s as reason, %8$s as first
                            %9$s join grp g on r.path like g.gpath || '%%'
                           where %6$s between :from and :to) x)
                """.formatted(a.kind(), a.id(), a.ref(), a.label(), a.detail(), a.date(), reason, first, a.from());
    }

    /** The current key projects of the group {@code g} by their own region, as of {@code :asOf} (a stock). */
    static String keyProjects() {
        return "grp g join region r on r.path like g.gpath || '%' join project_approved a on a.region_id = r.id"
                + " where a.key_project and " + IndicatorSql.validAt("a");
    }

    /** What a key project adds to {@code KEY_COUNT} or {@code KEY_TOTAL}. */
    static String keyValue(String computation) {
        return computation.equals("KEY_TOTAL") ? "a.total_investment" : "1";
    }

    /** The key-project stock as explanation rows: every one counted. */
    static String keyRows(String computation) {
        return """
                rows as (
                  select 'PROJECT' as kind, a.project_id as id, a.project_id as ref_id, a.name as label,
                         cast(null as varchar) as detail, r.name as region_name, a.signed_on as d, 1.0 as w,
                         %s as adds, 'FIGURE' as part, cast(null as varchar) as reason, a.fund_origin as origin,
                         a.total_investment
                    from %s)
                """.formatted(keyValue(computation), keyProjects());
    }
}
