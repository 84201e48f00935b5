package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.blank;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.required;
import static cn.yinfeng.talent.TalentChecks.throwIfAny;
import static cn.yinfeng.talent.TalentChecks.trim;
import static cn.yinfeng.talent.TalentChecks.version;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.TalentQueries.ListSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Expert studios (博士工作室, 专家工作室 …): their members and what they produced. */
@Service
public class Studios {

    public enum StudioKind {
        DOCTORAL,
        EXPERT,
        SKILL
    }

    public record StudioForm(
            String name,
            Long regionId,
            StudioKind kind,
            String leadExpert,
            LocalDate establishedOn,
            String notes,
            Long version) {}

    public record Studio(
            long id,
            long regionId,
            String regionName,
            String name,
            StudioKind kind,
            String leadExpert,
            LocalDate establishedOn,
            String notes,
            long version,
            List<Member> members,
            List<Output> outputs)
            implements TalentWrites.Stored {}

    public record Member(long id, String name, String title) {}

    public record Output(long id, LocalDate outputDate, String title) {}

    public record StudioRow(
            long id,
            String regionName,
            String name,
            StudioKind kind,
            String leadExpert,
            LocalDate establishedOn,
            long members,
            long outputs) {}

    private static final String TABLE = "talent_studio";

    private static final ListSpec<StudioRow> LIST = new ListSpec<>(
            """
            select s.id, r.name as region_name, s.name, s.kind, s.lead_expert, s.established_on,
                   (select count(*) from talent_studio_member m where m.studio_id = s.id) as members,
                   (select count(*) from talent_studio_output o where o.studio_id = s.id) as outputs
              from talent_studio s join region r on r.id = s.region_id
            """,
            "s",
            "s.name || ' ' || coalesce(s.lead_expert, '')",
            "s.established_on",
            Map.of("name", "s.name", "date", "s.established_on", "region", "r.name"),
            "date",
            (rs, n) -> new StudioRow(
                    rs.getLong("id"),
                    rs.getString("region_name"),
                    rs.getString("name"),
                    StudioKind.valueOf(rs.getString("kind")),
                    rs.getString("lead_expert"),
                    date(rs, "established_on"),
                    rs.getLong("members"),
                    rs.getLong("outputs")));

    private final JdbcClient jdbc;
    private final TalentWrites writes;
    private final TalentQueries queries;

    Studios(TalentWrites writes, TalentQueries queries) {
        this.jdbc = queries.jdbc();
        this.writes = writes;
        this.queries = queries;
    }

    @Transactional
    public long createStudio(StudioForm f) {
        var w = writes.creating(f.regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_studio (region_id, name, kind, lead_expert, established_on, notes, created_by)
                values (:region, :name, :kind, :lead, :established, :notes, :by) returning id
                """)
                .params(params(f, w.region()))
                .param("by", w.by())
                .query(Long.class)
                .single();
        writes.audit("TALENT_STUDIO_CREATE", TABLE, id, f.name());
        return id;
    }

    @Transactional
    public void updateStudio(long id, StudioForm f) {
        writes.requireWriter();
        long region = writes.regionForUpdate(studio(id), f.regionId());
        validate(f);
        int n = jdbc.sql("""
                update talent_studio set region_id = :region, name = :name, kind = :kind, lead_expert = :lead,
                       established_on = :established, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """)
                .params(params(f, region))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        writes.requireUpdated(
                n, TABLE, f.version(), () -> studio(id), now -> new Object[] {
                    "name", now.name(), "leadExpert", now.leadExpert(), "establishedOn", now.establishedOn()
                });
        writes.audit("TALENT_STUDIO_UPDATE", TABLE, id, f.name());
    }

    private void validate(StudioForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "leadExpert", f.leadExpert(), 100);
        checkLength(problems, "notes", f.notes(), 2000);
        required(problems, "kind", f.kind());
        TalentChecks.notFuture(problems, "establishedOn", f.establishedOn(), writes.today(), "talent.signedInFuture");
        throwIfAny(problems);
    }

    private static Map<String, Object> params(StudioForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("name", f.name().trim());
        m.put("kind", f.kind().name());
        m.put("lead", trim(f.leadExpert()));
        m.put("established", f.establishedOn());
        m.put("notes", trim(f.notes()));
        return m;
    }

    public Studio studio(long id) {
        return queries.one(
                "select s.*, r.name as region_name from talent_studio s " + "join region r on r.id = s.region_id",
                "s",
                id,
                TABLE,
                (rs, n) -> new Studio(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        rs.getString("name"),
                        StudioKind.valueOf(rs.getString("kind")),
                        rs.getString("lead_expert"),
                        date(rs, "established_on"),
                        rs.getString("notes"),
                        rs.getLong("version"),
                        members(id),
                        outputs(id)));
    }

    private List<Member> members(long studioId) {
        return jdbc.sql("select * from talent_studio_member where studio_id = :s order by id")
                .param("s", studioId)
                .query((m, i) -> new Member(m.getLong("id"), m.getString("name"), m.getString("title")))
                .list();
    }

    private List<Output> outputs(long studioId) {
        return jdbc.sql("select * from talent_studio_output where studio_id = :s order by output_date, id")
                .param("s", studioId)
                .query((o, i) -> new Output(o.getLong("id"), date(o, "output_date"), o.getString("title")))
                .list();
    }

    @Transactional
    public long addMember(long studioId, String name, String title) {
        writes.requireWriter();
        writes.requireWritable(studio(studioId).regionId());
        if (blank(name)) {
            throw new InvalidInputException("memberName", "validation.required");
        }
        if (name.trim().length() > 50 || (title != null && title.trim().length() > 100)) {
            throw new InvalidInputException(
                    name.trim().length() > 50 ? "memberName" : "memberTitle",
                    "validation.tooLong",
                    name.trim().length() > 50 ? 50 : 100);
        }
        long id = jdbc.sql("insert into talent_studio_member (studio_id, name, title) values (:s, :n, :t) returning id")
                .param("s", studioId)
                .param("n", name.trim())
                .param("t", trim(title))
                .query(Long.class)
                .single();
        writes.bump(TABLE, studioId);
        writes.audit("TALENT_STUDIO_MEMBER_ADD", TABLE, studioId, name);
        return id;
    }

    @Transactional
    public long addOutput(long studioId, LocalDate date, String title) {
        writes.requireWriter();
        Studio s = studio(studioId);
        writes.requireWritable(s.regionId());
        var problems = new ArrayList<Problem>();
        required(problems, "outputTitle", title);
        checkLength(problems, "outputTitle", title, 200);
        if (date == null) {
            problems.add(new Problem("outputDate", "validation.required"));
        } else if (date.isBefore(s.establishedOn())) {
            problems.add(new Problem("outputDate", "talent.studio.outputBeforeStudio"));
        }
        throwIfAny(problems);
        long id = jdbc.sql("insert into talent_studio_output (studio_id, output_date, title) values (:s, :d, :t) "
                        + "returning id")
                .param("s", studioId)
                .param("d", date)
                .param("t", title.trim())
                .query(Long.class)
                .single();
        writes.bump(TABLE, studioId);
        writes.audit("TALENT_STUDIO_OUTPUT_ADD", TABLE, studioId, title);
        return id;
    }

    public PageResult<StudioRow> studios(ListQuery q) {
        return queries.list(LIST, q);
    }
}
