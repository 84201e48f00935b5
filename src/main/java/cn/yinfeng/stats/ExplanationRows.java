package cn.yinfeng.stats;

import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.IndicatorRules;
import cn.yinfeng.targets.RuleVersion;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The records behind a figure as SQL: a {@code rows} CTE (after the group {@code grp} and, for project and fund
 * figures, the snapshot rows {@code snap}) with one row per record of the period, its value ({@code adds}, credit
 * weight included), which part of a rate it is in, and the reason it is left out (null: counted). Each is built from
 * the pieces the figure is computed with ({@link IndicatorSql}, {@link LiveFigures#snapshots}, {@link RecordSql}),
 * so the counted rows add up to the figure.
 *
 * <p>Columns: kind, id, ref_id (the record whose page a row links to), label, detail, region_name, d, w, adds, part,
 * reason, origin, total_investment.
 */
final class ExplanationRows {

    private ExplanationRows() {}

    static final String GRP = "with grp(gid, gpath) as (values (cast(:g as bigint), cast(:p as varchar)))";

    /** Whether {@link #of} lists the records of a computation. */
    static boolean listed(String computation) {
        return IndicatorRules.PROJECT.containsKey(computation)
                || IndicatorRules.FUNDS_AND_STOCK.containsKey(computation)
                || RecordSql.ACTIVITIES.containsKey(computation);
    }

    /** The SQL of the rows of an indicator under a rule version, or null when another module answers it. */
    static @Nullable String of(Indicator ind, RuleVersion rules) {
        String c = ind.computation();
        if (IndicatorRules.PROJECT.containsKey(c)) {
            return GRP + ", " + LiveFigures.snapshots(rules) + ", " + projects(ind, rules);
        }
        if (c.equals("FUNDS")) {
            return GRP + ", " + LiveFigures.snapshots(rules) + ", " + funds(ind, rules);
        }
        if (c.equals("FUNDS_RATE")) {
            return GRP + ", " + LiveFigures.snapshots(rules) + ", " + fundsRate(rules);
        }
        if (c.equals("KEY_COUNT") || c.equals("KEY_TOTAL")) {
            return GRP + ", " + RecordSql.keyRows(c);
        }
        RecordSql.Activity activity = RecordSql.ACTIVITIES.get(c);
        return activity == null ? null : GRP + ", " + RecordSql.activityRows(activity);
    }

    /**
     * Every approved project of the period (by the computation's date), counted or left out with the first reason,
     * and the projects of the period recorded by then with no approved version ({@code PROJECT_NOT_APPROVED}: the
     * drafts and submissions a list of the working copies would show beside the figure); a rate lists its cohort, each project adding its weight to the denominator and, when it is in the numerator,
     * to that too.
     */
    static String projects(Indicator ind, RuleVersion rules) {
        String c = ind.computation();
        String date = IndicatorSql.eventDate(c);
        String reason = reason(IndicatorSql.counts(ind, rules, "s"), "", IndicatorSql.exclusions(ind, rules, "s"));
        String numerator = IndicatorSql.rateNumerator(c);
        String adds = numerator == null ? "s.w * " + IndicatorSql.amount(c) : "s.w";
        String part = numerator == null ? "'FIGURE'" : "case when " + numerator + " then 'BOTH' else 'DENOMINATOR' end";
        return """
                rows as (
                  select 'PROJECT' as kind, s.project_id as id, s.project_id as ref_id, s.name as label,
                         cast(null as varchar) as detail, r.name as region_name, %1$s as d, s.w, %2$s as adds,
                         %3$s as part, %4$s as reason, s.fund_origin as origin, s.total_investment
                    from snap s join region r on r.id = s.region_id
                   where %1$s between :from and :to
                  union all
                  select 'PROJECT', p.id, p.id, p.name, cast(null as varchar), r.name, %5$s, 1.0, %6$s,
                         'DENOMINATOR', 'PROJECT_NOT_APPROVED', p.fund_origin, p.total_investment
                    from project p join region r on r.id = p.region_id
                   where %5$s between :from and :to and p.created_at <= :asOf
                     and exists (select 1 from region gr join grp g on gr.path like g.gpath || '%%'
                                  where gr.id in (p.region_id, p.attracting_region_id))
                     and not exists (select 1 from project_approved a where a.project_id = p.id and %7$s))
                """.formatted(
                        date,
                        adds,
                        part,
                        reason,
                        date.replace("s.", "p."),
                        numerator == null ? IndicatorSql.amount(c).replace("s.", "p.") : "1.0",
                        IndicatorSql.validAt("a"));
    }

    /**
     * The fund records of the period's months: of approved projects, counted when the figure counts them (the
     * record approved and not deleted by then, its origin, its project eligible), else with the reason; and those of
     * projects with no approved version by then ({@code PROJECT_NOT_APPROVED}).
     */
    static String funds(Indicator ind, RuleVersion rules) {
        String counted = "(" + IndicatorSql.fundValidAt("f") + ") and (" + IndicatorSql.fundCounts(ind, rules) + ")";
        var origin = ind.fundOrigins().isEmpty()
                ? ""
                : " when coalesce(f.origin, '') not in " + quoted(ind.fundOrigins()) + " then 'ORIGIN'";
        String reason = reason(
                counted,
                FUND_NOT_APPROVED + origin,
                IndicatorSql.exclusions(IndicatorSql.withoutOrigins(ind), rules, "s"));
        return """
                rows as (
                  select 'FUND' as kind, f.id, s.project_id as ref_id, s.name as label, f.note as detail,
                         r.name as region_name, f.month as d, s.w, s.w * f.amount as adds, 'FIGURE' as part,
                         %1$s as reason, f.origin, s.total_investment
                    from snap s join project_fund f on f.project_id = s.project_id join region r on r.id = s.region_id
                   where f.month between :fromMonth and :toMonth and (%2$s)
                  union all
                  select 'FUND', f.id, p.id, p.name, f.note, r.name, f.month, 1.0, f.amount, 'FIGURE',
                         'PROJECT_NOT_APPROVED', f.origin, p.total_investment
                    from project p join region r on r.id = p.region_id join grp g on r.path like g.gpath || '%%'
                    join project_fund f on f.project_id = p.id
                   where f.month between :fromMonth and :toMonth and %3$s
                     and not exists (select 1 from project_approved a where a.project_id = p.id and %4$s))
                """.formatted(reason, recordedOrCounted(), RECORDED, IndicatorSql.validAt("a"));
    }

    /**
     * 资金到位率's two cohorts: the projects signed in the period (their contract amounts, the denominator) and their
     * fund records up to the period's end (the numerator), each eligible or left out with the reason.
     */
    static String fundsRate(RuleVersion rules) {
        String eligible = IndicatorSql.eligible(rules, "s");
        List<IndicatorSql.Exclusion> eligibility = IndicatorSql.eligibility(rules, "s");
        String projectReason = reason(eligible, "", eligibility);
        String fundReason = reason(
                "(" + eligible + ") and (" + IndicatorSql.fundValidAt("f") + ")", FUND_NOT_APPROVED, eligibility);
        return """
                rows as (
                  select 'PROJECT' as kind, s.project_id as id, s.project_id as ref_id, s.name as label,
                         cast(null as varchar) as detail, r.name as region_name, s.signed_on as d, s.w,
                         s.w * %1$s as adds, 'DENOMINATOR' as part, %2$s as reason, s.fund_origin as origin,
                         s.total_investment
                    from snap s join region r on r.id = s.region_id
                   where s.signed_on between :from and :to
                  union all
                  select 'FUND', f.id, s.project_id, s.name, f.note, r.name, f.month, s.w, s.w * f.amount, 'NUMERATOR',
                         %3$s, f.origin, s.total_investment
                    from snap s join project_fund f on f.project_id = s.project_id join region r on r.id = s.region_id
                   where s.signed_on between :from and :to and f.month <= :toMonth and (%4$s))
                """.formatted(IndicatorSql.amount("COHORT_CONTRACT"), projectReason, fundReason, recordedOrCounted());
    }

    private static final String FUND_NOT_APPROVED =
            " when not (f.approved_at is not null and f.approved_at <= :asOf) then 'FUND_NOT_APPROVED'";

    /** A fund record that exists as of the instant: recorded by then and not deleted by then. */
    private static final String RECORDED = "f.recorded_at <= :asOf and (f.deleted_at is null or f.deleted_at > :asOf)";

    /** The fund records a list shows: every one the figure may count, and those recorded but not yet approved. */
    private static String recordedOrCounted() {
        return "(" + IndicatorSql.fundValidAt("f") + ") or (" + RECORDED + ")";
    }

    /**
     * Null when the figure's own condition {@code counted} holds (so the list counts exactly what the figure counts),
     * else the first reason that holds: {@code first} (more {@code when}s), then the exclusions; {@code OTHER} when
     * none does.
     */
    private static String reason(String counted, String first, List<IndicatorSql.Exclusion> exclusions) {
        return "case when coalesce(" + counted + ", false) then null" + first
                + exclusions.stream()
                        .map(e -> " when " + e.condition() + " then '" + e.code() + "'")
                        .collect(Collectors.joining())
                + " else 'OTHER' end";
    }

    private static String quoted(List<String> origins) {
        for (String o : origins) {
            if (!IndicatorRules.ORIGINS.contains(o)) {
                throw new IllegalArgumentException("not an origin: " + o);
            }
        }
        return origins.stream().map(o -> "'" + o + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
