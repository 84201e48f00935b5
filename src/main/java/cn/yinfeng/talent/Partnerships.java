package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.required;
import static cn.yinfeng.talent.TalentChecks.throwIfAny;
import static cn.yinfeng.talent.TalentChecks.trim;
import static cn.yinfeng.talent.TalentChecks.version;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.TalentQueries.ListSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Partnerships with universities: practice bases and joint projects, from signing to their end. */
@Service
public class Partnerships {

    public enum PartnershipKind {
        BASE,
        PROJECT
    }

    public enum PartnershipStatus {
        SIGNED,
        ACTIVE,
        ENDED
    }

    public record PartnershipForm(
            String university,
            Long regionId,
            PartnershipKind kind,
            String name,
            LocalDate signedOn,
            PartnershipStatus status,
            String notes,
            Long version) {}

    public record Partnership(
            long id,
            long regionId,
            String regionName,
            String university,
            PartnershipKind kind,
            String name,
            LocalDate signedOn,
            PartnershipStatus status,
            String notes,
            long version)
            implements TalentWrites.Stored {}

    private static final String TABLE = "talent_partnership";

    private static final String SELECT =
            "select p.*, r.name as region_name from talent_partnership p " + "join region r on r.id = p.region_id";

    private static final RowMapper<Partnership> PARTNERSHIP = (rs, n) -> new Partnership(
            rs.getLong("id"),
            rs.getLong("region_id"),
            rs.getString("region_name"),
            rs.getString("university"),
            PartnershipKind.valueOf(rs.getString("kind")),
            rs.getString("name"),
            date(rs, "signed_on"),
            PartnershipStatus.valueOf(rs.getString("status")),
            rs.getString("notes"),
            rs.getLong("version"));

    private static final ListSpec<Partnership> LIST = new ListSpec<>(
            SELECT,
            "p",
            "p.university || ' ' || p.name",
            "p.signed_on",
            Map.of(
                    "university",
                    "p.university",
                    "name",
                    "p.name",
                    "date",
                    "p.signed_on",
                    "region",
                    "r.name",
                    "kind",
                    "p.kind"),
            "date",
            PARTNERSHIP);

    private final JdbcClient jdbc;
    private final TalentWrites writes;
    private final TalentQueries queries;

    Partnerships(TalentWrites writes, TalentQueries queries) {
        this.jdbc = queries.jdbc();
        this.writes = writes;
        this.queries = queries;
    }

    @Transactional
    public long createPartnership(PartnershipForm f) {
        var w = writes.creating(f.regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_partnership (region_id, university, kind, name, signed_on, status, notes, created_by)
                values (:region, :university, :kind, :name, :signedOn, :status, :notes, :by) returning id
                """)
                .params(params(f, w.region()))
                .param("by", w.by())
                .query(Long.class)
                .single();
        writes.audit("TALENT_PARTNERSHIP_CREATE", TABLE, id, f.university() + " " + f.name());
        return id;
    }

    @Transactional
    public void updatePartnership(long id, PartnershipForm f) {
        writes.requireWriter();
        long region = writes.regionForUpdate(partnership(id), f.regionId());
        validate(f);
        int n = jdbc.sql("""
                update talent_partnership set region_id = :region, university = :university, kind = :kind,
                       name = :name, signed_on = :signedOn, status = :status, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """)
                .params(params(f, region))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        writes.requireUpdated(n, TABLE, f.version(), () -> partnership(id), now -> new Object[] {
            "university", now.university(), "name", now.name(), "signedOn", now.signedOn(), "status", now.status()
        });
        writes.audit("TALENT_PARTNERSHIP_UPDATE", TABLE, id, f.name());
    }

    private void validate(PartnershipForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "university", f.university());
        required(problems, "name", f.name());
        checkLength(problems, "university", f.university(), 100);
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        required(problems, "kind", f.kind());
        TalentChecks.notFuture(problems, "signedOn", f.signedOn(), writes.today(), "talent.signedInFuture");
        throwIfAny(problems);
    }

    private static Map<String, Object> params(PartnershipForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("university", f.university().trim());
        m.put("kind", f.kind().name());
        m.put("name", f.name().trim());
        m.put("signedOn", f.signedOn());
        m.put("status", (f.status() == null ? PartnershipStatus.SIGNED : f.status()).name());
        m.put("notes", trim(f.notes()));
        return m;
    }

    public Partnership partnership(long id) {
        return queries.one(SELECT, "p", id, TABLE, PARTNERSHIP);
    }

    public PageResult<Partnership> partnerships(ListQuery q, PartnershipKind kind) {
        return queries.list(LIST, q, kind == null ? null : Map.entry("p.kind = :kind", kind.name()));
    }
}
