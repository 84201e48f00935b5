package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Split credit (异地引进分成): a project attracted by one county and landing in another counts for both, each by its
 * share. The attracting county confirms the share it is credited with, or disputes it with a reason; the landing
 * county sees the answer. A decision answers one region and share: when the landing county changes either, the
 * split waits for confirmation again. Until confirmed, figures that include the share say "待确认".
 */
@Service
public class ProjectCredits {

    /** Where a split stands: no answer yet (for the current region and share), confirmed, or disputed. */
    public enum State {
        PENDING,
        CONFIRMED,
        DISPUTED
    }

    /** Which side of the split the caller looks from. */
    public enum Side {
        /** Splits crediting a region of the caller's: theirs to confirm. */
        ATTRACTING,
        /** Splits of projects landing in the caller's regions: the answers they wait for. */
        LANDING
    }

    /**
     * A split as the project names it now. {@code approved}: an approved version exists (the split counts);
     * {@code answerable}: the caller answers for the attracting region; {@code version}: the project's, for a decision.
     */
    public record Split(
            long projectId,
            String code,
            String name,
            String landingRegionName,
            String attractingRegionName,
            BigDecimal share,
            BigDecimal totalInvestment,
            @Nullable LocalDate signedOn,
            boolean approved,
            boolean answerable,
            State state,
            @Nullable String note,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            long version) {}

    /** The open splits of a region's figures: how many wait for confirmation or are disputed, and their credit. */
    public record Open(long pending, long disputed, BigDecimal pendingCredit, BigDecimal disputedCredit) {}

    public record Search(
            Side side, @Nullable State state, @Nullable String q, int page, int size) {}

    /** The latest decision on the split as the project names it now, as SQL over {@code p} (a project row). */
    private static final String LATEST = """
            left join lateral (select d.decision, d.note, d.decided_at, u.display_name
                                 from project_credit_decision d left join app_user u on u.id = d.decided_by
                                where d.project_id = p.id and d.attracting_region_id = p.attracting_region_id
                                  and d.share = p.attracting_share
                                order by d.decided_at desc, d.id desc limit 1) dec on true
            """;

    /** Projects that name another county as attracting with a share, and the latest decision on that split. */
    private static final String FROM = " from project p join region r on r.id = p.region_id"
            + " join region ar on ar.id = p.attracting_region_id " + LATEST
            + " where p.attracting_region_id <> p.region_id and coalesce(p.attracting_share, 0) > 0"
            + " and p.stage <> 'TERMINATED' and ";

    /** The split rows; {@code answerable}: the attracting region is the caller's to answer for. */
    private static String select(RegionScope scope) {
        return "select p.id, p.code, p.name, r.name as landing, ar.name as attracting, p.attracting_share,"
                + " p.total_investment, p.signed_on, p.version, dec.decision, dec.note, dec.decided_at,"
                + " dec.display_name, exists (select 1 from project_approved a where a.project_id = p.id) as approved,"
                + " (" + scope.where("p.attracting_region_id") + ") as answerable" + FROM;
    }

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ProjectWrites writes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ProjectCredits(
            JdbcClient jdbc,
            CurrentUser currentUser,
            ProjectWrites writes,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.writes = writes;
        this.audit = audit;
        this.events = events;
    }

    /** The splits the caller sees from one side, unanswered first, then newest signing, by state and name or code. */
    public PageResult<Split> search(Search s) {
        currentUser.requireStaff("split credit needs county or city staff");
        RegionScope scope = currentUser.scope();
        String where =
                (s.side() == Side.ATTRACTING ? scope.where("p.attracting_region_id") : scope.where("p.region_id"))
                        + (s.q() == null || s.q().isBlank() ? "" : " and (p.name ilike :q or p.code ilike :q)")
                        + (s.state() == null ? "" : " and coalesce(dec.decision, 'PENDING') = :state");
        var params = new HashMap<String, Object>();
        if (s.q() != null && !s.q().isBlank()) {
            params.put("q", Like.contains(s.q().trim()));
        }
        if (s.state() != null) {
            params.put("state", s.state().name());
        }
        int size = Math.max(1, Math.min(s.size(), 100));
        int page = Math.max(0, s.page());
        long total = scope.bind(jdbc.sql("select count(*)" + FROM + where).params(params))
                .query(Long.class)
                .single();
        params.put("size", size);
        params.put("off", page * size);
        var rows = scope.bind(jdbc.sql(select(scope) + where
                                + " order by (dec.decision is null) desc, p.signed_on desc nulls last, p.id desc"
                                + " limit :size offset :off")
                        .params(params))
                .query((rs, n) -> split(rs))
                .list();
        return new PageResult<>(rows, total, page, size);
    }

    /** The split of one project the caller may read, as it stands now; null when it names no other county. */
    public @Nullable Split of(long projectId) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(select(scope) + "p.id = :id and " + ProjectRecords.readable(scope)))
                .param("id", projectId)
                .query((rs, n) -> split(rs))
                .optional()
                .orElse(null);
    }

    private static Split split(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("decided_at");
        return new Split(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("landing"),
                rs.getString("attracting"),
                rs.getBigDecimal("attracting_share"),
                rs.getBigDecimal("total_investment"),
                rs.getObject("signed_on", LocalDate.class),
                rs.getBoolean("approved"),
                rs.getBoolean("answerable"),
                rs.getString("decision") == null ? State.PENDING : State.valueOf(rs.getString("decision")),
                rs.getString("note"),
                rs.getString("display_name"),
                at == null ? null : at.toInstant(),
                rs.getLong("version"));
    }

    /**
     * The attracting county (or the city) answers the split as it stands at {@code version} (409 when the project
     * changed since): confirmed, or disputed with a reason. The landing county is told.
     */
    @Transactional
    public void decide(long projectId, long version, State decision, @Nullable String note) {
        YinfengUser user = currentUser.requireStaff("split credit needs county or city staff");
        if (decision == State.PENDING) {
            throw new InvalidInputException("decision", "validation.invalid");
        }
        String reason = note == null || note.isBlank() ? null : note.trim();
        if (decision == State.DISPUTED && reason == null) {
            throw new InvalidInputException("note", "credit.disputeReason");
        }
        if (reason != null && reason.length() > 500) {
            throw new InvalidInputException("note", "validation.tooLong");
        }
        Project p = writes.lockForReview(projectId, version);
        if (p.attractingRegionId() == null
                || p.attractingRegionId() == p.regionId()
                || p.attractingShare() == null
                || p.attractingShare().signum() == 0) {
            throw new InvalidInputException("decision", "credit.noSplit");
        }
        RegionScope scope = currentUser.scope();
        boolean attractingSide =
                scope.bind(jdbc.sql("select count(*) from region r where r.id = :r and " + scope.where("r.id")))
                                .param("r", p.attractingRegionId())
                                .query(Long.class)
                                .single()
                        > 0;
        if (!attractingSide) {
            throw new AccessDeniedException("only the attracting county (or the city) answers a split");
        }
        jdbc.sql("insert into project_credit_decision (project_id, attracting_region_id, share, decision, note, "
                        + "decided_by) values (:p, :r, :s, :d, :n, :u)")
                .param("p", projectId)
                .param("r", p.attractingRegionId())
                .param("s", p.attractingShare())
                .param("d", decision.name())
                .param("n", reason)
                .param("u", user.id())
                .update();
        audit.record(
                "PROJECT_CREDIT_" + decision.name(),
                "project",
                projectId,
                Outcome.SUCCESS,
                p.attractingRegionName() + " " + p.attractingShare() + "%" + (reason == null ? "" : " " + reason));
        events.publishEvent(new CreditDecided(
                projectId, p.name(), p.regionId(), p.attractingRegionName(), p.attractingShare(), decision, reason));
    }

    /**
     * Confirms several splits at once, each given as {@code id:version} as the list showed it: all or none (a stale
     * one ends the batch with its 409, a split not the caller's to answer with a denial). Returns how many.
     */
    @Transactional
    public int confirmAll(List<String> picked) {
        if (picked.isEmpty()) {
            throw new InvalidInputException("pick", "credit.noneChosen");
        }
        for (String pick : picked) {
            String[] parts = pick.split(":");
            if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
                throw new InvalidInputException("pick", "validation.invalid");
            }
            decide(Long.parseLong(parts[0]), Long.parseLong(parts[1]), State.CONFIRMED, null);
        }
        return picked.size();
    }

    /**
     * After an approval: asks the attracting county to confirm when the approved split is new (no earlier approved
     * version named the same region and share) and unanswered.
     */
    void requestIfNew(long projectId) {
        requestIfNew(List.of(projectId));
    }

    /** {@link #requestIfNew(long)} for several projects, in one statement. */
    void requestIfNew(java.util.Collection<Long> projectIds) {
        jdbc.sql("select p.id, p.name, r.name as landing, p.attracting_region_id, p.attracting_share from project p"
                        + " join region r on r.id = p.region_id " + LATEST
                        + " where p.id = any(:ids) and p.attracting_region_id <> p.region_id"
                        + " and coalesce(p.attracting_share, 0) > 0 and dec.decision is null"
                        + " and not exists (select 1 from project_approved a where a.project_id = p.id"
                        + " and a.valid_to is not null and a.attracting_region_id = p.attracting_region_id"
                        + " and a.attracting_share = p.attracting_share)"
                        + " order by p.id")
                .param("ids", projectIds.toArray(Long[]::new))
                .query((rs, n) -> new CreditRequested(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("landing"),
                        rs.getLong("attracting_region_id"),
                        rs.getBigDecimal("attracting_share")))
                .list()
                .forEach(events::publishEvent);
    }

    /**
     * The open splits crediting a region's subtree with signings in the period, as of an instant: those with no
     * decision by then (pending) and those disputed, with the credit they carry to that side (count weight and
     * contract amount × share). Read from the approved versions valid at the instant.
     */
    public Open open(Region region, LocalDate from, LocalDate to, Instant asOf) {
        // one row per split valid at the instant, from the covering partial index (V61); the region test as two
        // IN lists rather than a join, so that even the generic plan starts from the period, not from the regions
        return jdbc.sql("""
                select count(*) filter (where dec.decision is null) as pending,
                       count(*) filter (where dec.decision = 'DISPUTED') as disputed,
                       coalesce(sum(coalesce(a.contract_amount, a.total_investment) * a.attracting_share / 100)
                                filter (where dec.decision is null), 0) as pending_credit,
                       coalesce(sum(coalesce(a.contract_amount, a.total_investment) * a.attracting_share / 100)
                                filter (where dec.decision = 'DISPUTED'), 0) as disputed_credit
                  from project_approved a
                  left join lateral (select d.decision from project_credit_decision d
                                      where d.project_id = a.project_id
                                        and d.attracting_region_id = a.attracting_region_id
                                        and d.share = a.attracting_share and d.decided_at <= :asOf
                                      order by d.decided_at desc, d.id desc limit 1) dec on true
                 where (a.region_id in (select r.id from region r where r.path like :path || '%')
                        or a.attracting_region_id in (select r.id from region r where r.path like :path || '%'))
                   and a.attracting_region_id is not null and a.attracting_region_id <> a.region_id
                   and a.attracting_share > 0
                   and a.signed_on between :from and :to
                   and a.valid_from <= :asOf and (a.valid_to is null or a.valid_to > :asOf)
                   and dec.decision is distinct from 'CONFIRMED'
                """)
                .param("path", region.path())
                .param("from", from)
                .param("to", to)
                .param("asOf", Timestamp.from(asOf))
                .query((rs, n) -> new Open(
                        rs.getLong("pending"),
                        rs.getLong("disputed"),
                        rs.getBigDecimal("pending_credit"),
                        rs.getBigDecimal("disputed_credit")))
                .single();
    }
}
