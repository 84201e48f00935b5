package cn.yinfeng.enterprises;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.RegionScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The enterprise registry: validation, duplicate guard, search, merge, contact masking. */
@Service
public class Enterprises {

    public record EnterpriseForm(
            String creditCode,
            String name,
            String formerNames,
            BigDecimal registeredCapital,
            String hqProvince,
            String hqCity,
            String industry,
            String contactName,
            String contactPhone,
            String sourceChannel,
            Long version) {}

    /** Filters of the list; {@code prospect} null = all, true = without code, false = with code. */
    public record Search(String q, String industry, Boolean prospect, String sort, boolean desc, int page, int size) {
        public Search {
            q = q == null || q.isBlank() ? null : q.trim();
            industry = industry == null || industry.isBlank() ? null : industry.trim();
            page = Math.max(0, page);
            size = size <= 0 ? 20 : Math.min(size, 200);
        }
    }

    private static final Map<String, String> SORTS = Map.of(
            "name",
            "e.name",
            "code",
            "e.credit_code",
            "capital",
            "e.registered_capital",
            "updated",
            "e.updated_at",
            "city",
            "e.hq_city");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Enterprises(
            JdbcClient jdbc,
            JdbcTemplate template,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.template = template;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
    }

    /** Staff who follow up with investors see phone numbers; leaders and the talent office see them masked. */
    public boolean canSeeContacts() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF) || u.hasRole(Role.COUNTY_STAFF))
                .orElse(false);
    }

    public boolean canEdit() {
        return canSeeContacts();
    }

    public boolean canMerge() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    /**
     * The id a request body may store for registry entry {@code id}. The registry is shared by the whole city and
     * every staff user reads all of it, so any entry may be named; a merged entry stands for the one it was merged
     * into. An id the registry does not hold is answered like a read of it (404).
     */
    public long resolve(long id) {
        long current = id;
        for (int hop = 0; hop < 10; hop++) {
            long at = current;
            Long into = jdbc.sql("select coalesce(merged_into_id, 0) from enterprise where id = :id")
                    .param("id", at)
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("enterprise", id));
            if (into == 0) {
                return at;
            }
            current = into;
        }
        throw new NotFoundException("enterprise", id);
    }

    /**
     * SQL condition: entry {@code e} belongs to a region of the caller's scope (its {@code created_region_id}; an
     * entry without one belongs to the city, the root region). Binds {@link cn.yinfeng.regions.RegionScope#PARAM}.
     */
    private static String owned(RegionScope scope) {
        return "(" + scope.where("e.created_region_id") + " or (e.created_region_id is null and exists (select 1 "
                + "from region root where root.parent_id is null and root.path like :"
                + RegionScope.PARAM
                + ")))";
    }

    /**
     * Whether the caller may change entry {@code id} directly: staff whose region tree holds the entry's region (the
     * region that brought it in; the city for entries without one). Staff of other regions propose a change instead
     * ({@link EnterpriseProposals}).
     */
    public boolean canEditDirectly(long id) {
        if (!canEdit()) {
            return false;
        }
        var scope = currentUser.scope();
        return scope.bind(jdbc.sql("select count(*) from enterprise e where e.id = :id and " + owned(scope)))
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The name of the region entry {@code id} belongs to (the city's for an entry without one). */
    public String ownerRegionName(long id) {
        return jdbc.sql("select coalesce((select r.name from region r where r.id = e.created_region_id), (select "
                        + "root.name from region root where root.parent_id is null order by root.id limit 1)) from enterprise e "
                        + "where e.id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse("");
    }

    /**
     * The region each entry belongs to, by id, as {@link #ownerRegionName} names it (the city's for an entry without
     * one), in one statement: the registry's export writes it so that an import matches a code-less entry in its own
     * region.
     */
    public Map<Long, String> ownerRegionNames(Collection<Long> ids) {
        var out = new HashMap<Long, String>();
        if (!ids.isEmpty()) {
            jdbc.sql("select e.id, coalesce(r.name, (select root.name from region root where root.parent_id is null "
                            + "order by root.id limit 1)) from enterprise e left join region r on r.id = e.created_region_id "
                            + "where e.id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        out.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return out;
    }

    private Enterprise shown(Enterprise e) {
        return canSeeContacts() ? e : e.masked();
    }

    public Enterprise find(long id) {
        return findRaw(id).map(this::shown).orElseThrow(() -> new NotFoundException("enterprise", id));
    }

    Optional<Enterprise> findRaw(long id) {
        return jdbc.sql("select * from enterprise where id = :id")
                .param("id", id)
                .query(Enterprises::map)
                .optional();
    }

    public Optional<Enterprise> findByCode(String code) {
        String n = CreditCode.normalise(code);
        if (n == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from enterprise where credit_code = :c")
                .param("c", n)
                .query(Enterprises::map)
                .optional()
                .map(this::shown);
    }

    /** The registry's names of the entries with these credit codes (normalised), in one statement (imports). */
    public Map<String, String> namesByCode(Collection<String> codes) {
        var out = new HashMap<String, String>();
        if (codes.isEmpty()) {
            return out;
        }
        jdbc.sql("select credit_code, name from enterprise where credit_code = any(:c)")
                .param("c", codes.toArray(String[]::new))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    public PageResult<Enterprise> search(Search s) {
        var where = new StringBuilder(" where e.merged_into_id is null");
        var params = new HashMap<String, Object>();
        if (s.q() != null) {
            where.append(" and (e.name ilike :q or e.former_names ilike :q or e.credit_code = :code)");
            params.put("q", Like.contains(s.q()));
            params.put("code", s.q().toUpperCase());
        }
        if (s.industry() != null) {
            where.append(" and e.industry = :industry");
            params.put("industry", s.industry());
        }
        if (s.prospect() != null) {
            where.append(s.prospect() ? " and e.credit_code is null" : " and e.credit_code is not null");
        }
        long total = jdbc.sql("select count(*) from enterprise e" + where)
                .params(params)
                .query(Long.class)
                .single();
        String order =
                SORTS.getOrDefault(s.sort(), "e.updated_at") + (s.desc() ? " desc nulls last" : " asc nulls last");
        params.put("limit", s.size());
        params.put("offset", (long) s.page() * s.size());
        var rows = jdbc
                .sql("select e.* from enterprise e" + where + " order by " + order
                        + ", e.id limit :limit offset :offset")
                .params(params)
                .query(Enterprises::map)
                .list()
                .stream()
                .map(this::shown)
                .toList();
        return new PageResult<>(rows, total, s.page(), s.size());
    }

    public List<String> industries() {
        return jdbc.sql("select distinct industry from enterprise where industry is not null order by 1")
                .query(String.class)
                .list();
    }

    /** Registry entries whose normalised name equals that of {@code name}, other than {@code exceptId}. */
    public List<Enterprise> similar(String name, Long exceptId) {
        return jdbc
                .sql("select * from enterprise where name_key = :k and merged_into_id is null and id <> :id "
                        + "order by id")
                .param("k", NameKeys.of(name))
                .param("id", exceptId == null ? -1 : exceptId)
                .query(Enterprises::map)
                .list()
                .stream()
                .map(this::shown)
                .toList();
    }

    @Transactional
    public long create(EnterpriseForm form) {
        return create(form, null);
    }

    /**
     * Creates an entry recorded as brought in by {@code regionId} (null: the caller's own region), which must lie in
     * the caller's region tree. The ledger import uses it for rows that name their county.
     */
    @Transactional
    public long create(EnterpriseForm form, Long regionId) {
        requireEdit();
        Long region = regionId != null
                ? regionId
                : currentUser.get().map(u -> u.region()).orElse(null);
        if (regionId != null && !writable(regionId)) {
            throw new InvalidInputException("region", "project.region.outOfScope");
        }
        String code = validate(form, null);
        long id = jdbc.sql("""
                insert into enterprise (credit_code, name, name_key, former_names, registered_capital, hq_province,
                                        hq_city, industry, contact_name, contact_phone, source_channel,
                                        created_region_id)
                values (:code, :name, :key, :former, :capital, :province, :city, :industry, :contact, :phone,
                        :channel, :region) returning id
                """)
                .params(EnterpriseRules.fields(form, code))
                .param("region", region)
                .query(Long.class)
                .single();
        audit.record("ENTERPRISE_CREATE", "enterprise", id, Outcome.SUCCESS, form.name());
        return id;
    }

    /** Whether the caller may record an entry as brought in by this region (it lies in their region tree). */
    boolean writable(long regionId) {
        var scope = currentUser.scope();
        return scope.bind(jdbc.sql("select count(*) from region r where r.id = :id and " + scope.where("r.id")))
                        .param("id", regionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Many new entries at once, for imports: each checked with exactly the rules of {@link #create(EnterpriseForm,
     * Long)}, all written together (see {@link EnterpriseBatch}).
     */
    public EnterpriseBatch batch() {
        requireEdit();
        return new EnterpriseBatch(this, jdbc, template, audit);
    }

    /** Entries by id, as {@link #find} shows them, in one statement; ids that do not exist are left out. */
    public Map<Long, Enterprise> findAll(Collection<Long> ids) {
        var out = new HashMap<Long, Enterprise>();
        if (!ids.isEmpty()) {
            jdbc.sql("select * from enterprise where id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(Enterprises::map)
                    .list()
                    .forEach(e -> out.put(e.id(), shown(e)));
        }
        return out;
    }

    /**
     * Finds an enterprise by credit code, or by exact name among prospects, or creates a prospect/entry. A form error
     * is found before anything is written, so it does not spoil the caller's transaction (an import goes on with its
     * other rows).
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public long findOrCreate(String creditCode, String name) {
        String code = CreditCode.normalise(creditCode);
        if (code != null) {
            var existing = jdbc.sql("select id from enterprise where credit_code = :c")
                    .param("c", code)
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
        } else {
            var existing = jdbc.sql("select id from enterprise where name = :n and merged_into_id is null "
                            + "order by id limit 1")
                    .param("n", name.trim())
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return create(new EnterpriseForm(code, name, null, null, null, null, null, null, null, null, 0L));
    }

    /**
     * Changes an entry with the version read (a stale one is a conflict). Only staff of the entry's region or above
     * ({@link #canEditDirectly}) may; for others it is a form error naming the entry's region.
     */
    @Transactional
    public void update(long id, EnterpriseForm form) {
        requireEdit();
        Enterprise before = findRaw(id).orElseThrow(() -> new NotFoundException("enterprise", id));
        if (!canEditDirectly(id)) {
            // staff of another region: the page and the API turn this into a proposal; an import row is refused
            throw new InvalidInputException(null, "enterprise.edit.notOwner", ownerRegionName(id));
        }
        String code = validate(form, id);
        int n = jdbc.sql("""
                update enterprise set credit_code = :code, name = :name, name_key = :key, former_names = :former,
                       registered_capital = :capital, hq_province = :province, hq_city = :city,
                       industry = :industry, contact_name = :contact, contact_phone = :phone,
                       source_channel = :channel, version = version + 1, updated_at = now()
                 where id = :id and version = :version
                """)
                .params(EnterpriseRules.fields(form, code))
                .param("id", id)
                .param("version", form.version() == null ? -1 : form.version())
                .update();
        ConflictException.unlessUpdated(n, "enterprise", form.version() == null ? -1 : form.version(), () -> {
            Enterprise now = findRaw(id).orElseThrow();
            return new ConflictException.Stored(
                    now.version(),
                    Map.of(
                            "name",
                            now.name(),
                            "creditCode",
                            String.valueOf(now.creditCode()),
                            "industry",
                            String.valueOf(now.industry())));
        });
        audit.record(
                "ENTERPRISE_UPDATE",
                "enterprise",
                id,
                Outcome.SUCCESS,
                "before=" + before.name() + "/" + before.creditCode() + " after=" + form.name() + "/" + code);
    }

    /** Merges {@code fromId} into {@code intoId}: every reference moves, the old entry stays as a pointer. */
    @Transactional
    public void merge(long fromId, long intoId) {
        if (!canMerge()) {
            throw new AccessDeniedException("merge needs city staff");
        }
        if (fromId == intoId) {
            throw new InvalidInputException("intoId", "enterprise.merge.self");
        }
        Enterprise from = findRaw(fromId).orElseThrow(() -> new NotFoundException("enterprise", fromId));
        Enterprise into = findRaw(intoId).orElseThrow(() -> new NotFoundException("enterprise", intoId));
        if (from.mergedIntoId() != null || into.mergedIntoId() != null) {
            throw new InvalidInputException("intoId", "enterprise.merge.already");
        }
        events.publishEvent(new EnterprisesMerged(fromId, intoId));
        String formers = Stream.of(into.formerNames(), from.name(), from.formerNames())
                .filter(s -> s != null && !s.isBlank())
                .distinct()
                .reduce((a, b) -> a + "；" + b)
                .orElse(null);
        jdbc.sql("update enterprise set merged_into_id = :into, credit_code = null, version = version + 1, "
                        + "updated_at = now() where id = :from")
                .param("into", intoId)
                .param("from", fromId)
                .update();
        jdbc.sql("update enterprise set former_names = :f, credit_code = coalesce(credit_code, :code), "
                        + "version = version + 1, updated_at = now() where id = :into")
                .param("f", formers == null ? null : formers.substring(0, Math.min(500, formers.length())))
                .param("code", from.creditCode())
                .param("into", intoId)
                .update();
        audit.record("ENTERPRISE_MERGE", "enterprise", intoId, Outcome.SUCCESS, "merged " + fromId + " into " + intoId);
    }

    private void requireEdit() {
        if (!canEdit()) {
            throw new AccessDeniedException("editing enterprises needs staff role");
        }
    }

    /** Throws the form's problems as {@link #update} would check them (for a proposal of a change to entry {@code id}). */
    void check(EnterpriseForm form, long id) {
        validate(form, id);
    }

    private String validate(EnterpriseForm form, Long selfId) {
        var problems = EnterpriseRules.problems(
                form,
                code -> jdbc.sql("select id from enterprise where credit_code = :c")
                        .param("c", code)
                        .query(Long.class)
                        .optional()
                        .filter(id -> !id.equals(selfId)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return CreditCode.normalise(form.creditCode());
    }

    static Enterprise map(ResultSet rs, int n) throws SQLException {
        return new Enterprise(
                rs.getLong("id"),
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
                (Long) rs.getObject("merged_into_id"),
                rs.getLong("version"));
    }
}
