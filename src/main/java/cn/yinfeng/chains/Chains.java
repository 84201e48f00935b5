package cn.yinfeng.chains;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.enterprises.EnterprisesMerged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The chain taxonomy, its nodes and targets. Administrators shape it; city staff move targets along. */
@Service
public class Chains {

    public enum Tier {
        TRILLION,
        HUNDRED_BILLION,
        TEN_BILLION,
        OTHER
    }

    public enum Segment {
        UP,
        MID,
        DOWN
    }

    public enum TargetStatus {
        UNTOUCHED,
        CONTACTED,
        NEGOTIATING,
        SIGNED
    }

    public record Chain(
            long id,
            String code,
            String name,
            Tier tier,
            long ownerRegionId,
            String ownerRegionName,
            String description,
            List<String> sets,
            long nodes,
            long targets,
            long signedTargets,
            long version) {}

    public record Node(long id, long chainId, Segment segment, String name, List<Target> targets) {}

    public record Target(
            long id,
            long nodeId,
            Long enterpriseId,
            String enterpriseName,
            TargetStatus status,
            String note,
            long version) {}

    public record ChainDetail(Chain chain, Map<Segment, List<Node>> segments) {}

    public record ChainForm(String code, String name, Tier tier, String description, List<String> sets) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Enterprises enterprises;

    Chains(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit, Enterprises enterprises) {
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    private static final String CHAIN_SELECT = """
            select c.*, r.name as region_name,
                   coalesce((select string_agg(s.name, ',' order by s.id) from chain_set_member m
                              join chain_set s on s.id = m.set_id where m.chain_id = c.id), '') as sets,
                   (select count(*) from chain_node n where n.chain_id = c.id) as nodes,
                   (select count(*) from chain_target t join chain_node n on n.id = t.node_id
                     where n.chain_id = c.id) as targets,
                   (select count(*) from chain_target t join chain_node n on n.id = t.node_id
                     where n.chain_id = c.id and t.status = 'SIGNED') as signed_targets
              from chain c join region r on r.id = c.owner_region_id
            """;

    public List<Chain> list(String set) {
        String where = set == null || set.isBlank()
                ? ""
                : " where exists (select 1 from chain_set_member m join "
                        + "chain_set s on s.id = m.set_id where m.chain_id = c.id and s.name = :set)";
        var spec = jdbc.sql(CHAIN_SELECT + where + " order by r.path, c.sort_order, c.id");
        if (!where.isEmpty()) {
            spec = spec.param("set", set);
        }
        return spec.query(this::mapChain).list();
    }

    public List<String> setNames() {
        return jdbc.sql("select name from chain_set order by id")
                .query(String.class)
                .list();
    }

    /**
     * The chain a ledger names by {@code name}: of {@code regionId}'s own set first, else the first made; empty when
     * none has that name.
     */
    public Optional<Long> idByName(String name, long regionId) {
        return jdbc.sql("select id from chain where name = :n order by (owner_region_id = :r) desc, id limit 1")
                .param("n", name)
                .param("r", regionId)
                .query(Long.class)
                .optional();
    }

    public Chain find(long id) {
        return jdbc.sql(CHAIN_SELECT + " where c.id = :id")
                .param("id", id)
                .query(this::mapChain)
                .optional()
                .orElseThrow(() -> new NotFoundException("chain", id));
    }

    public ChainDetail detail(long id) {
        Chain chain = find(id);
        var targets = jdbc.sql("select t.* from chain_target t join chain_node n on n.id = t.node_id "
                        + "where n.chain_id = :id order by t.id")
                .param("id", id)
                .query((rs, n) -> new Target(
                        rs.getLong("id"),
                        rs.getLong("node_id"),
                        (Long) rs.getObject("enterprise_id"),
                        rs.getString("enterprise_name"),
                        TargetStatus.valueOf(rs.getString("status")),
                        rs.getString("note"),
                        rs.getLong("version")))
                .list();
        var segments = new LinkedHashMap<Segment, List<Node>>();
        for (Segment s : Segment.values()) {
            segments.put(s, new ArrayList<>());
        }
        jdbc.sql("select * from chain_node where chain_id = :id order by sort_order, id")
                .param("id", id)
                .query((rs, n) -> {
                    long nodeId = rs.getLong("id");
                    return new Node(
                            nodeId,
                            id,
                            Segment.valueOf(rs.getString("segment")),
                            rs.getString("name"),
                            targets.stream().filter(t -> t.nodeId() == nodeId).toList());
                })
                .list()
                .forEach(n -> segments.get(n.segment()).add(n));
        return new ChainDetail(chain, segments);
    }

    /** Nodes of a chain, for pickers. */
    public List<Node> nodes(long chainId) {
        return jdbc.sql("select * from chain_node where chain_id = :id order by sort_order, id")
                .param("id", chainId)
                .query((rs, n) -> new Node(
                        rs.getLong("id"),
                        chainId,
                        Segment.valueOf(rs.getString("segment")),
                        rs.getString("name"),
                        List.of()))
                .list();
    }

    @Transactional
    public long create(ChainForm form) {
        requireRole(Role.ADMIN);
        var problems = new ArrayList<Problem>();
        if (form.code() == null || !form.code().trim().matches("[A-Za-z0-9_-]{2,32}")) {
            problems.add(new Problem("code", "chain.code.invalid"));
        } else if (jdbc.sql("select count(*) from chain where code = :c")
                        .param("c", form.code().trim())
                        .query(Long.class)
                        .single()
                > 0) {
            problems.add(new Problem("code", "chain.code.taken"));
        }
        if (form.name() == null || form.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long region = currentUser.require().region();
        long id = jdbc.sql("insert into chain (code, name, tier, owner_region_id, description) values (:code, :name, "
                        + ":tier, :region, :d) returning id")
                .param("code", form.code().trim())
                .param("name", form.name().trim())
                .param("tier", (form.tier() == null ? Tier.OTHER : form.tier()).name())
                .param("region", region)
                .param("d", form.description())
                .query(Long.class)
                .single();
        for (String set : form.sets() == null ? List.<String>of() : form.sets()) {
            addToSet(id, set, region);
        }
        audit.record("CHAIN_CREATE", "chain", id, Outcome.SUCCESS, form.name());
        return id;
    }

    void addToSet(long chainId, String setName, long regionId) {
        if (setName == null || setName.isBlank()) {
            return;
        }
        long setId = jdbc.sql("select id from chain_set where name = :n")
                .param("n", setName.trim())
                .query(Long.class)
                .optional()
                .orElseGet(() -> jdbc.sql("insert into chain_set (code, name, owner_region_id) values "
                                + "(:code, :name, :r) returning id")
                        .param("code", "S" + System.nanoTime() % 1_000_000_000)
                        .param("name", setName.trim())
                        .param("r", regionId)
                        .query(Long.class)
                        .single());
        jdbc.sql("insert into chain_set_member (set_id, chain_id) values (:s, :c) on conflict do nothing")
                .param("s", setId)
                .param("c", chainId)
                .update();
    }

    @Transactional
    public long addNode(long chainId, Segment segment, String name) {
        requireRole(Role.ADMIN);
        find(chainId);
        if (name == null || name.isBlank() || segment == null) {
            throw new InvalidInputException("nodeName", "validation.required");
        }
        long id = jdbc.sql("insert into chain_node (chain_id, segment, name, sort_order) values (:c, :s, :n, "
                        + "(select coalesce(max(sort_order), 0) + 1 from chain_node where chain_id = :c)) returning id")
                .param("c", chainId)
                .param("s", segment.name())
                .param("n", name.trim())
                .query(Long.class)
                .single();
        audit.record("CHAIN_NODE_CREATE", "chain_node", id, Outcome.SUCCESS, name);
        return id;
    }

    /**
     * A node, for a body that names one: chains are shared by the whole city, so any node that exists may be named;
     * one that does not is answered like a read of a missing record (404).
     */
    public Node node(long nodeId) {
        return jdbc.sql("select * from chain_node where id = :id")
                .param("id", nodeId)
                .query((rs, n) -> new Node(
                        rs.getLong("id"),
                        rs.getLong("chain_id"),
                        Segment.valueOf(rs.getString("segment")),
                        rs.getString("name"),
                        List.of()))
                .optional()
                .orElseThrow(() -> new NotFoundException("chain_node", nodeId));
    }

    /**
     * Adds a target enterprise to a node of chain {@code chainId}: a node of another chain, or none, is a 404 like a
     * read of it; so is an enterprise id the registry does not hold (a merged entry's survivor is used).
     */
    @Transactional
    public long addTarget(long chainId, long nodeId, Long enterpriseId, String enterpriseName, TargetStatus status) {
        requireRole(Role.ADMIN, Role.CITY_STAFF);
        find(chainId);
        if (node(nodeId).chainId() != chainId) {
            throw new NotFoundException("chain_node", nodeId);
        }
        if (enterpriseId != null) {
            enterpriseId = enterprises.resolve(enterpriseId);
        }
        if (enterpriseName == null || enterpriseName.isBlank()) {
            throw new InvalidInputException("enterpriseName", "validation.required");
        }
        long id = jdbc.sql("insert into chain_target (node_id, enterprise_id, enterprise_name, status) values "
                        + "(:n, :e, :name, :s) returning id")
                .param("n", nodeId)
                .param("e", enterpriseId)
                .param("name", enterpriseName.trim())
                .param("s", (status == null ? TargetStatus.UNTOUCHED : status).name())
                .query(Long.class)
                .single();
        audit.record("CHAIN_TARGET_CREATE", "chain_target", id, Outcome.SUCCESS, enterpriseName);
        return id;
    }

    @Transactional
    public void setTargetStatus(long targetId, TargetStatus status, long version) {
        requireRole(Role.ADMIN, Role.CITY_STAFF);
        int n = jdbc.sql("update chain_target set status = :s, version = version + 1 where id = :id and version = :v")
                .param("s", status.name())
                .param("id", targetId)
                .param("v", version)
                .update();
        if (n == 0) {
            var current = jdbc.sql("select status, version from chain_target where id = :id")
                    .param("id", targetId)
                    .query()
                    .listOfRows();
            if (current.isEmpty()) {
                throw new NotFoundException("chain_target", targetId);
            }
            throw new ConflictException(
                    "chain_target",
                    version,
                    ((Number) current.get(0).get("version")).longValue(),
                    Map.of("status", current.get(0).get("status")));
        }
        audit.record("CHAIN_TARGET_STATUS", "chain_target", targetId, Outcome.SUCCESS, status.name());
    }

    @EventListener
    void onMerge(EnterprisesMerged event) {
        jdbc.sql("update chain_target set enterprise_id = :into where enterprise_id = :from")
                .param("into", event.intoId())
                .param("from", event.fromId())
                .update();
    }

    public boolean canEditTaxonomy() {
        return currentUser.get().map(u -> u.hasRole(Role.ADMIN)).orElse(false);
    }

    public boolean canEditTargets() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    private void requireRole(Role... roles) {
        var user = currentUser.require();
        for (Role r : roles) {
            if (user.hasRole(r)) {
                return;
            }
        }
        throw new AccessDeniedException("needs one of " + List.of(roles));
    }

    private Chain mapChain(ResultSet rs, int n) throws SQLException {
        String sets = rs.getString("sets");
        return new Chain(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                Tier.valueOf(rs.getString("tier")),
                rs.getLong("owner_region_id"),
                rs.getString("region_name"),
                rs.getString("description"),
                sets.isEmpty() ? List.of() : List.of(sets.split(",")),
                rs.getLong("nodes"),
                rs.getLong("targets"),
                rs.getLong("signed_targets"),
                rs.getLong("version"));
    }
}
