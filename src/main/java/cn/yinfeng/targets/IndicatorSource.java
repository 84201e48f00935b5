package cn.yinfeng.targets;

import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A module that computes some of the catalogue's computations from its own tables (e.g. talent: 引进人才数,
 * 培训人次). The statistics engine asks each source for the computations it declares, for every group (a region
 * and its subtree, matched by {@code region.path like group.path || '%'}), over {@code from..to} inclusive, counting
 * only what was recorded by {@code asOf}.
 */
public interface IndicatorSource {

    /**
     * One record behind a figure, as a page or an export lists it: what it is ({@code kind}, its id, a label and a
     * detail), where and when, what it adds to the figure, and, when it is left out, why ({@code reason}, a code
     * whose words are the message {@code explain.reason.<code>}; null: counted). {@code link} is the record's page;
     * {@code share} where it goes in a rate (a count or an amount: {@link Share#FIGURE}).
     */
    record SourceRecord(
            String kind,
            long id,
            String label,
            @Nullable String detail,
            String regionName,
            @Nullable LocalDate date,
            BigDecimal adds,
            @Nullable String reason,
            @Nullable String link,
            Share share) {

        /** A record of a count or an amount. */
        public SourceRecord(
                String kind,
                long id,
                String label,
                @Nullable String detail,
                String regionName,
                @Nullable LocalDate date,
                BigDecimal adds,
                @Nullable String reason,
                @Nullable String link) {
            this(kind, id, label, detail, regionName, date, adds, reason, link, Share.FIGURE);
        }
    }

    /** Where a counted record goes: the figure itself, or a rate's numerator, denominator or both. */
    enum Share {
        FIGURE,
        NUMERATOR,
        DENOMINATOR,
        BOTH
    }

    /**
     * The groups as a {@code grp(gid, gpath)} table for a {@code with} clause, their ids and paths bound into
     * {@code params} ({@code :g0}, {@code :p0}, …): a source's statement joins its rows with
     * {@code r.path like g.gpath || '%'}.
     */
    static String groupTable(List<Region> groups, Map<String, Object> params) {
        var values = new java.util.ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            values.add("(cast(:g" + i + " as bigint), cast(:p" + i + " as varchar))");
            params.put("g" + i, groups.get(i).id());
            params.put("p" + i, groups.get(i).path());
        }
        return "grp(gid, gpath) as (values " + String.join(", ", values) + ")";
    }

    /** Names of the computations this source answers, as in {@code indicator.computation}. */
    Set<String> computations();

    /** Values by group id, then by computation name; a missing value reads as 0. */
    Map<Long, Map<String, BigDecimal>> compute(
            List<Region> groups, Set<String> computations, LocalDate from, LocalDate to, Instant asOf);

    /**
     * The records behind one computation for one group, handed to {@code sink} one at a time (never all held):
     * the counted ones first, whose {@code adds} sum to what {@link #compute} gives, then those of the period left
     * out, each with its reason. Returns false when this source cannot list the records of that computation (the
     * default), and then hands nothing.
     */
    default boolean records(
            Region group, String computation, LocalDate from, LocalDate to, Instant asOf, Consumer<SourceRecord> sink) {
        return false;
    }
}
