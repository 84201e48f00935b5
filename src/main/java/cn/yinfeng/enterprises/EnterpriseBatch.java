package cn.yinfeng.enterprises;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.CopyRows;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.enterprises.Enterprises.EnterpriseForm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Many new registry entries at once, for imports. Each is checked with exactly the rules of
 * {@link Enterprises#create(EnterpriseForm, Long)} (the same method, with the region and credit-code look-ups done once
 * for the batch), then all are written together by COPY with ids taken from the table's own sequence, and one audit
 * row records the batch instead of one per entry. Written inside the caller's transaction, so a failure leaves
 * nothing. Two entries of one batch with the same credit code are the caller's to prevent (an import refuses the
 * second row as a duplicate in the file); the unique key refuses them at {@link #write} otherwise.
 */
public final class EnterpriseBatch {

    /** An entry written by {@link #write}: the caller's key for the row, and the new entry's id. */
    public record Created(int key, long id) {}

    private record Pending(int key, EnterpriseForm form, String code, long regionId) {}

    private final Enterprises enterprises;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final AuditLog audit;
    private final Map<Long, Boolean> writable = new HashMap<>();
    private final Map<String, Optional<Long>> codes = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();

    EnterpriseBatch(Enterprises enterprises, JdbcClient jdbc, JdbcTemplate template, AuditLog audit) {
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.template = template;
        this.audit = audit;
    }

    /** Looks up in one statement which of these (normalised) credit codes are registered, for {@link #check}. */
    public void preload(Collection<String> creditCodes) {
        var wanted = creditCodes.stream()
                .filter(c -> c != null && !codes.containsKey(c))
                .distinct()
                .toList();
        if (wanted.isEmpty()) {
            return;
        }
        wanted.forEach(c -> codes.put(c, Optional.empty()));
        jdbc.sql("select credit_code, id from enterprise where credit_code = any(:c)")
                .param("c", wanted.toArray(String[]::new))
                .query(rs -> {
                    codes.put(rs.getString(1), Optional.of(rs.getLong(2)));
                });
    }

    /** The problems {@code create(form, regionId)} would report; none means it may be {@link #add}ed. */
    public List<Problem> check(EnterpriseForm form, long regionId) {
        if (!writable.computeIfAbsent(regionId, enterprises::writable)) {
            return List.of(new Problem("region", "project.region.outOfScope"));
        }
        return EnterpriseRules.problems(
                form,
                code -> codes.computeIfAbsent(
                        code,
                        c -> jdbc.sql("select id from enterprise where credit_code = :c")
                                .param("c", c)
                                .query(Long.class)
                                .optional()));
    }

    /** Adds a form to write, recorded as brought in by {@code regionId}; it is checked again, and refused if wrong. */
    public void add(int key, EnterpriseForm form, long regionId) {
        var problems = check(form, regionId);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        pending.add(new Pending(key, form, CreditCode.normalise(form.creditCode()), regionId));
    }

    public int size() {
        return pending.size();
    }

    /** Writes every added entry in the caller's transaction; {@code source} goes into the audit row. */
    public List<Created> write(String source) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an enterprise batch is written inside a transaction");
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql(
                        "select nextval(pg_get_serial_sequence('enterprise', 'id')) " + "from generate_series(1, :n)")
                .param("n", pending.size())
                .query(Long.class)
                .list();
        CopyRows.copy(template, """
                copy enterprise (id, credit_code, name, name_key, former_names, registered_capital, hq_province,
                                 hq_city, industry, contact_name, contact_phone, source_channel, created_region_id)
                from stdin
                """, rows -> {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                Map<String, Object> f = EnterpriseRules.fields(p.form(), p.code());
                rows.add(ids.get(i))
                        .add(f.get("code"))
                        .add(f.get("name"))
                        .add(f.get("key"))
                        .add(f.get("former"))
                        .add(f.get("capital"))
                        .add(f.get("province"))
                        .add(f.get("city"))
                        .add(f.get("industry"))
                        .add(f.get("contact"))
                        .add(f.get("phone"))
                        .add(f.get("channel"))
                        .add(p.regionId());
                rows.endRow();
            }
        });
        var created = new ArrayList<Created>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            created.add(new Created(pending.get(i).key(), ids.get(i)));
            if (pending.get(i).code() != null) {
                codes.put(pending.get(i).code(), Optional.of(ids.get(i))); // taken from now on, for later checks
            }
        }
        audit.record(
                "ENTERPRISE_CREATE_BATCH",
                "enterprise",
                ids.get(0),
                Outcome.SUCCESS,
                created.size() + " enterprises, ids " + ids.get(0) + " .. " + ids.get(ids.size() - 1) + "; " + source);
        pending.clear();
        return created;
    }
}
