package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.required;
import static cn.yinfeng.talent.TalentChecks.throwIfAny;
import static cn.yinfeng.talent.TalentChecks.trim;
import static cn.yinfeng.talent.TalentChecks.version;
import static cn.yinfeng.talent.TalentChecks.zero;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.TalentQueries.ListSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Care for talents: health checks, subsidies paid, housing, each with the people served and the amount. */
@Service
public class CareServices {

    public enum CareKind {
        HEALTH_CHECK,
        SUBSIDY,
        HOUSING,
        OTHER
    }

    /** Amount in 万元. */
    public record CareForm(
            CareKind kind,
            Long regionId,
            String title,
            Integer batch,
            LocalDate serviceDate,
            Integer people,
            BigDecimal amount,
            String notes,
            Long version) {}

    public record Care(
            long id,
            long regionId,
            String regionName,
            CareKind kind,
            String title,
            Integer batch,
            LocalDate serviceDate,
            int people,
            BigDecimal amount,
            String notes,
            long version)
            implements TalentWrites.Stored {}

    private static final String TABLE = "talent_care";

    private static final String SELECT =
            "select c.*, r.name as region_name from talent_care c " + "join region r on r.id = c.region_id";

    private static final RowMapper<Care> CARE = (rs, n) -> new Care(
            rs.getLong("id"),
            rs.getLong("region_id"),
            rs.getString("region_name"),
            CareKind.valueOf(rs.getString("kind")),
            rs.getString("title"),
            (Integer) rs.getObject("batch"),
            date(rs, "service_date"),
            rs.getInt("people"),
            rs.getBigDecimal("amount"),
            rs.getString("notes"),
            rs.getLong("version"));

    private static final ListSpec<Care> LIST = new ListSpec<>(
            SELECT,
            "c",
            "c.title || ' ' || coalesce(c.notes, '')",
            "c.service_date",
            Map.of(
                    "title",
                    "c.title",
                    "date",
                    "c.service_date",
                    "region",
                    "r.name",
                    "kind",
                    "c.kind",
                    "people",
                    "c.people"),
            "date",
            CARE);

    private final JdbcClient jdbc;
    private final TalentWrites writes;
    private final TalentQueries queries;

    CareServices(TalentWrites writes, TalentQueries queries) {
        this.jdbc = queries.jdbc();
        this.writes = writes;
        this.queries = queries;
    }

    @Transactional
    public long createCare(CareForm f) {
        var w = writes.creating(f.regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_care (region_id, kind, title, batch, service_date, people, amount, notes, created_by)
                values (:region, :kind, :title, :batch, :date, :people, :amount, :notes, :by) returning id
                """)
                .params(params(f, w.region()))
                .param("by", w.by())
                .query(Long.class)
                .single();
        writes.audit("TALENT_CARE_CREATE", TABLE, id, f.title());
        return id;
    }

    @Transactional
    public void updateCare(long id, CareForm f) {
        writes.requireWriter();
        long region = writes.regionForUpdate(care(id), f.regionId());
        validate(f);
        int n = jdbc.sql("""
                update talent_care set region_id = :region, kind = :kind, title = :title, batch = :batch,
                       service_date = :date, people = :people, amount = :amount, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """)
                .params(params(f, region))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        writes.requireUpdated(n, TABLE, f.version(), () -> care(id), now ->
                new Object[] {"title", now.title(), "serviceDate", now.serviceDate(), "people", now.people()});
        writes.audit("TALENT_CARE_UPDATE", TABLE, id, f.title());
    }

    private static void validate(CareForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "kind", f.kind());
        required(problems, "title", f.title());
        checkLength(problems, "title", f.title(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        required(problems, "serviceDate", f.serviceDate());
        TalentChecks.notNegative(problems, "people", f.people());
        if (f.batch() != null && f.batch() < 1) {
            problems.add(new Problem("batch", "talent.care.batchPositive"));
        }
        if (f.amount() != null && f.amount().signum() < 0) {
            problems.add(new Problem("amount", "validation.notNegative"));
        }
        if (f.kind() == CareKind.HEALTH_CHECK && (f.people() == null || f.people() < 1)) {
            problems.add(new Problem("people", "talent.care.peopleRequired"));
        }
        throwIfAny(problems);
    }

    private static Map<String, Object> params(CareForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("kind", f.kind().name());
        m.put("title", f.title().trim());
        m.put("batch", f.batch());
        m.put("date", f.serviceDate());
        m.put("people", zero(f.people()));
        m.put("amount", f.amount());
        m.put("notes", trim(f.notes()));
        return m;
    }

    public Care care(long id) {
        return queries.one(SELECT, "c", id, TABLE, CARE);
    }

    public PageResult<Care> cares(ListQuery q, CareKind kind) {
        return queries.list(LIST, q, kind == null ? null : Map.entry("c.kind = :kind", kind.name()));
    }
}
