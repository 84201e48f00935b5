package cn.yinfeng.enterprises;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.enterprises.Enterprises.EnterpriseForm;
import cn.yinfeng.regions.RegionScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may change a shared registry entry. Staff of the entry's region (or of a region above it: the city, an
 * administrator at the root) change it directly; staff of any other region propose the change, and city staff accept
 * it (applied by {@link Enterprises#update} with the version the proposal was based on, audited) or reject it with a
 * reason. A proposal is read by the staff of the region that made it and by the city, nobody else.
 */
@Service
public class EnterpriseProposals {

    public enum Status {
        PENDING,
        ACCEPTED,
        REJECTED
    }

    /** What an edit came to: the entry changed, or a proposal made ({@code proposalId}). */
    public record Change(boolean proposed, Long proposalId) {}

    /** A proposal as its page and the API show it: the proposed values, who made it, and the decision. */
    public record Proposal(
            long id,
            long enterpriseId,
            String enterpriseName,
            long baseVersion,
            EnterpriseForm proposed,
            String proposedBy,
            long regionId,
            String regionName,
            Instant proposedAt,
            Status status,
            String decidedBy,
            Instant decidedAt,
            String reason) {}

    /** Filters of the list; {@code status} null = all. */
    public record Search(String q, Status status, String sort, boolean desc, int page, int size) {
        public Search {
            q = q == null || q.isBlank() ? null : q.trim();
            page = Math.max(0, page);
            size = size <= 0 ? 20 : Math.min(size, 200);
        }
    }

    private static final Map<String, String> SORTS = Map.of(
            "proposed",
            "p.proposed_at",
            "enterprise",
            "e.name",
            "region",
            "r.path",
            "status",
            "p.status",
            "decided",
            "p.decided_at");

    private static final String SELECT = """
            select p.*, e.name as enterprise_name, r.name as region_name
              from enterprise_proposal p
              join enterprise e on e.id = p.enterprise_id
              join region r on r.id = p.region_id
            """;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final Accounts accounts;

    EnterpriseProposals(
            JdbcClient jdbc, CurrentUser currentUser, Enterprises enterprises, AuditLog audit, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.enterprises = enterprises;
        this.audit = audit;
    }

    /** City staff and administrators decide proposals. */
    public boolean canDecide() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.CITY_STAFF) || u.hasRole(Role.ADMIN))
                .orElse(false);
    }

    /**
     * An edit of entry {@code id} from the page or the API: applied when the caller may change the entry directly,
     * otherwise kept as a proposal for the city. Either way the form is checked first, with the rules of an edit, and
     * a stale version is a conflict.
     */
    @Transactional
    public Change change(long id, EnterpriseForm form) {
        if (enterprises.canEditDirectly(id)) {
            enterprises.update(id, form);
            return new Change(false, null);
        }
        return new Change(true, propose(id, form));
    }

    /** Records a proposed change of entry {@code id} (staff of any region); the entry itself is not touched. */
    @Transactional
    public long propose(long id, EnterpriseForm form) {
        YinfengUser user = requireStaff();
        Enterprise current = enterprises.findRaw(id).orElseThrow(() -> new NotFoundException("enterprise", id));
        long version = form.version() == null ? -1 : form.version();
        if (current.version() != version) {
            throw new ConflictException(
                    "enterprise",
                    version,
                    current.version(),
                    Map.of(
                            "name",
                            current.name(),
                            "creditCode",
                            String.valueOf(current.creditCode()),
                            "industry",
                            String.valueOf(current.industry())));
        }
        enterprises.check(form, id);
        var f = new HashMap<>(EnterpriseRules.fields(form, CreditCode.normalise(form.creditCode())));
        long pid = jdbc.sql("""
                insert into enterprise_proposal (enterprise_id, base_version, credit_code, name, former_names,
                       registered_capital, hq_province, hq_city, industry, contact_name, contact_phone, source_channel,
                       proposed_by, region_id)
                values (:id, :version, :code, :name, :former, :capital, :province, :city, :industry, :contact, :phone,
                        :channel, :user, :region) returning id
                """)
                .params(f)
                .param("id", id)
                .param("version", version)
                .param("user", user.id())
                .param("region", user.region())
                .query(Long.class)
                .single();
        audit.record(
                "ENTERPRISE_PROPOSAL_CREATE",
                "enterprise",
                id,
                Outcome.SUCCESS,
                "proposal " + pid + ": " + current.name() + " -> " + f.get("name"));
        return pid;
    }

    /** One proposal; outside the caller's reach (another region's, or no staff role) a 404 like a missing one. */
    public Proposal find(long proposalId) {
        requireStaff();
        RegionScope scope = currentUser.scope();
        var rows = scope.bind(jdbc.sql(SELECT + " where p.id = :id and " + scope.where("p.region_id")))
                .param("id", proposalId)
                .query(EnterpriseProposals::map)
                .list();
        return named(rows).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("enterprise_proposal", proposalId));
    }

    /** Proposals made in the caller's region tree (all of them for the city), filtered, sorted and paged. */
    public PageResult<Proposal> search(Search s) {
        requireStaff();
        RegionScope scope = currentUser.scope();
        var where = new StringBuilder(" where ").append(scope.where("p.region_id"));
        var params = new HashMap<String, Object>();
        params.put(RegionScope.PARAM, scope.pathPattern());
        if (s.q() != null) {
            // the proposer's name is the accounts module's: the users it matches, then their proposals
            where.append(" and (e.name ilike :q or p.name ilike :q or p.proposed_by = any(:proposers))");
            params.put("q", Like.contains(s.q()));
            params.put("proposers", accounts.displayNameContains(s.q()).toArray(Long[]::new));
        }
        if (s.status() != null) {
            where.append(" and p.status = :status");
            params.put("status", s.status().name());
        }
        String from = SELECT.substring(SELECT.indexOf(" from "));
        long total = jdbc.sql("select count(*) " + from + where)
                .params(params)
                .query(Long.class)
                .single();
        String order =
                SORTS.getOrDefault(s.sort(), "p.proposed_at") + (s.desc() ? " desc nulls last" : " asc nulls last");
        params.put("limit", s.size());
        params.put("offset", (long) s.page() * s.size());
        var rows = jdbc.sql(SELECT + where + " order by " + order + ", p.id desc limit :limit offset :offset")
                .params(params)
                .query(EnterpriseProposals::map)
                .list();
        return new PageResult<>(named(rows), total, s.page(), s.size());
    }

    /**
     * Accepts a pending proposal: the proposed values are written by {@link Enterprises#update} with the version the
     * proposal was based on, so a proposal overtaken by another edit is a conflict (409) and stays pending.
     */
    @Transactional
    public void accept(long proposalId, String reason) {
        YinfengUser user = requireDecider();
        Proposal p = lockPending(proposalId);
        enterprises.update(p.enterpriseId(), p.proposed());
        decide(proposalId, Status.ACCEPTED, user, reason);
        audit.record(
                "ENTERPRISE_PROPOSAL_ACCEPT",
                "enterprise",
                p.enterpriseId(),
                Outcome.SUCCESS,
                "proposal " + proposalId + (blank(reason) ? "" : ": " + reason.trim()));
    }

    /** Rejects a pending proposal; the reason is required and shown to the proposer. The entry is not touched. */
    @Transactional
    public void reject(long proposalId, String reason) {
        YinfengUser user = requireDecider();
        if (blank(reason)) {
            throw new InvalidInputException("reason", "validation.required");
        }
        Proposal p = lockPending(proposalId);
        decide(proposalId, Status.REJECTED, user, reason);
        audit.record(
                "ENTERPRISE_PROPOSAL_REJECT",
                "enterprise",
                p.enterpriseId(),
                Outcome.SUCCESS,
                "proposal " + proposalId + ": " + reason.trim());
    }

    private Proposal lockPending(long proposalId) {
        Proposal p = find(proposalId);
        String status = jdbc.sql("select status from enterprise_proposal where id = :id for update")
                .param("id", proposalId)
                .query(String.class)
                .single();
        if (!Status.PENDING.name().equals(status)) {
            throw new InvalidInputException(null, "enterprise.proposal.decided");
        }
        return p;
    }

    private void decide(long proposalId, Status status, YinfengUser user, String reason) {
        if (reason != null && reason.trim().length() > 500) {
            throw new InvalidInputException("reason", "validation.tooLong", 500);
        }
        jdbc.sql("update enterprise_proposal set status = :s, decided_by = :u, decided_at = now(), reason = :r "
                        + "where id = :id")
                .param("s", status.name())
                .param("u", user.id())
                .param("r", blank(reason) ? null : reason.trim())
                .param("id", proposalId)
                .update();
    }

    private YinfengUser requireStaff() {
        YinfengUser u = currentUser.require();
        if (!enterprises.canEdit()) {
            throw new AccessDeniedException("registry proposals need a staff role");
        }
        return u;
    }

    private YinfengUser requireDecider() {
        YinfengUser u = requireStaff();
        if (!canDecide()) {
            throw new AccessDeniedException("proposals are decided by city staff");
        }
        return u;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant ts(ResultSet rs, String col) throws SQLException {
        var t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    /** A stored proposal with the ids of the users on it, whose names the accounts module holds. */
    private record Row(Proposal unnamed, long proposedBy, Long decidedBy) {}

    /** The rows with their proposers' and deciders' names, looked up together. */
    private List<Proposal> named(List<Row> rows) {
        Map<Long, String> names = accounts.displayNames(rows.stream()
                .flatMap(row -> Stream.of(row.proposedBy(), row.decidedBy()))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return rows.stream()
                .map(row -> {
                    Proposal p = row.unnamed();
                    return new Proposal(
                            p.id(),
                            p.enterpriseId(),
                            p.enterpriseName(),
                            p.baseVersion(),
                            p.proposed(),
                            names.get(row.proposedBy()),
                            p.regionId(),
                            p.regionName(),
                            p.proposedAt(),
                            p.status(),
                            row.decidedBy() == null ? null : names.get(row.decidedBy()),
                            p.decidedAt(),
                            p.reason());
                })
                .toList();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        var form = new EnterpriseForm(
                rs.getString("credit_code"),
                rs.getString("name"),
                rs.getString("former_names"),
                rs.getBigDecimal("registered_capital"),
                rs.getString("hq_province"),
                rs.getString("hq_city"),
                rs.getString("industry"),
                rs.getString("contact_name"),
                rs.getString("contact_phone"),
                rs.getString("source_channel"),
                rs.getLong("base_version"));
        var unnamed = new Proposal(
                rs.getLong("id"),
                rs.getLong("enterprise_id"),
                rs.getString("enterprise_name"),
                rs.getLong("base_version"),
                form,
                null,
                rs.getLong("region_id"),
                rs.getString("region_name"),
                ts(rs, "proposed_at"),
                Status.valueOf(rs.getString("status")),
                null,
                ts(rs, "decided_at"),
                rs.getString("reason"));
        return new Row(unnamed, rs.getLong("proposed_by"), rs.getObject("decided_by", Long.class));
    }
}
