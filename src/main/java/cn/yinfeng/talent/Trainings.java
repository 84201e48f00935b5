package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.blank;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.dates;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Training classes (中青班, 铁肩班 …): their participants, the sessions held and who attended each. */
@Service
public class Trainings {

    public enum ClassKind {
        ZHONGQING,
        TIEJIAN,
        GUOQING,
        OTHER
    }

    public record ClassForm(
            String name,
            Long regionId,
            ClassKind kind,
            Integer term,
            String partner,
            LocalDate startDate,
            LocalDate endDate,
            String notes,
            Long version) {}

    public record TrainingClass(
            long id,
            long regionId,
            String regionName,
            String name,
            ClassKind kind,
            Integer term,
            String partner,
            LocalDate startDate,
            LocalDate endDate,
            String notes,
            long version,
            List<Participant> participants,
            List<Session> sessions)
            implements TalentWrites.Stored {

        /** 人次: participants present, summed over sessions. */
        public int attendance() {
            return sessions.stream().mapToInt(Session::present).sum();
        }
    }

    public record Participant(long id, String name, String unit, Long talentId) {}

    public record ParticipantForm(String name, String unit) {}

    public record Session(long id, LocalDate sessionDate, String topic, String speaker, int present) {}

    /** A session held; every participant counts as present except those listed as absent. */
    public record SessionForm(LocalDate sessionDate, String topic, String speaker, List<Long> absent) {}

    public record ClassRow(
            long id,
            String regionName,
            String name,
            ClassKind kind,
            Integer term,
            String partner,
            LocalDate startDate,
            LocalDate endDate,
            long participants,
            long sessions,
            long attendance) {}

    private static final String TABLE = "talent_training_class";

    private static final ListSpec<ClassRow> LIST = new ListSpec<>(
            """
            select c.id, r.name as region_name, c.name, c.kind, c.term, c.partner, c.start_date, c.end_date,
                   (select count(*) from talent_training_participant p where p.class_id = c.id) as participants,
                   (select count(*) from talent_training_session s where s.class_id = c.id) as sessions,
                   (select count(*) from talent_training_attendance a join talent_training_session s
                        on s.id = a.session_id where s.class_id = c.id) as attendance
              from talent_training_class c join region r on r.id = c.region_id
            """,
            "c",
            "c.name || ' ' || coalesce(c.partner, '')",
            "c.start_date",
            Map.of("name", "c.name", "date", "c.start_date", "region", "r.name", "kind", "c.kind"),
            "date",
            (rs, n) -> new ClassRow(
                    rs.getLong("id"),
                    rs.getString("region_name"),
                    rs.getString("name"),
                    ClassKind.valueOf(rs.getString("kind")),
                    (Integer) rs.getObject("term"),
                    rs.getString("partner"),
                    date(rs, "start_date"),
                    date(rs, "end_date"),
                    rs.getLong("participants"),
                    rs.getLong("sessions"),
                    rs.getLong("attendance")));

    private final JdbcClient jdbc;
    private final TalentWrites writes;
    private final TalentQueries queries;

    Trainings(TalentWrites writes, TalentQueries queries) {
        this.jdbc = queries.jdbc();
        this.writes = writes;
        this.queries = queries;
    }

    @Transactional
    public long createClass(ClassForm f) {
        var w = writes.creating(f.regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_training_class (region_id, name, kind, term, partner, start_date, end_date, notes,
                                                   created_by)
                values (:region, :name, :kind, :term, :partner, :start, :end, :notes, :by) returning id
                """)
                .params(params(f, w.region()))
                .param("by", w.by())
                .query(Long.class)
                .single();
        writes.audit("TALENT_CLASS_CREATE", TABLE, id, f.name());
        return id;
    }

    @Transactional
    public void updateClass(long id, ClassForm f) {
        writes.requireWriter();
        TrainingClass before = trainingClass(id);
        long region = writes.regionForUpdate(before, f.regionId());
        validate(f);
        for (Session s : before.sessions()) {
            if (f.startDate() != null
                    && f.endDate() != null
                    && (s.sessionDate().isBefore(f.startDate())
                            || s.sessionDate().isAfter(f.endDate()))) {
                throw new InvalidInputException("startDate", "talent.class.sessionsOutside");
            }
        }
        int n = jdbc.sql("""
                update talent_training_class set region_id = :region, name = :name, kind = :kind, term = :term,
                       partner = :partner, start_date = :start, end_date = :end, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """)
                .params(params(f, region))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        writes.requireUpdated(n, TABLE, f.version(), () -> trainingClass(id), now ->
                new Object[] {"name", now.name(), "startDate", now.startDate(), "endDate", now.endDate()});
        writes.audit("TALENT_CLASS_UPDATE", TABLE, id, f.name());
    }

    private static void validate(ClassForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        required(problems, "kind", f.kind());
        if (f.term() != null && f.term() < 1) {
            problems.add(new Problem("term", "talent.class.termPositive"));
        }
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "partner", f.partner(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        dates(problems, f.startDate(), f.endDate());
        throwIfAny(problems);
    }

    private static Map<String, Object> params(ClassForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("name", f.name().trim());
        m.put("kind", f.kind().name());
        m.put("term", f.term());
        m.put("partner", trim(f.partner()));
        m.put("start", f.startDate());
        m.put("end", f.endDate());
        m.put("notes", trim(f.notes()));
        return m;
    }

    public TrainingClass trainingClass(long id) {
        return queries.one(
                "select c.*, r.name as region_name from talent_training_class c "
                        + "join region r on r.id = c.region_id",
                "c",
                id,
                TABLE,
                (rs, n) -> new TrainingClass(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        rs.getString("name"),
                        ClassKind.valueOf(rs.getString("kind")),
                        (Integer) rs.getObject("term"),
                        rs.getString("partner"),
                        date(rs, "start_date"),
                        date(rs, "end_date"),
                        rs.getString("notes"),
                        rs.getLong("version"),
                        participants(id),
                        sessions(id)));
    }

    private List<Participant> participants(long classId) {
        return jdbc.sql("select * from talent_training_participant where class_id = :c order by id")
                .param("c", classId)
                .query((rs, n) -> new Participant(
                        rs.getLong("id"), rs.getString("name"), rs.getString("unit"), (Long) rs.getObject("talent_id")))
                .list();
    }

    private List<Session> sessions(long classId) {
        return jdbc.sql("""
                select s.*, (select count(*) from talent_training_attendance a where a.session_id = s.id) as present
                  from talent_training_session s where s.class_id = :c order by s.session_date, s.id
                """)
                .param("c", classId)
                .query((rs, n) -> new Session(
                        rs.getLong("id"),
                        date(rs, "session_date"),
                        rs.getString("topic"),
                        rs.getString("speaker"),
                        rs.getInt("present")))
                .list();
    }

    /** Adds participants (one or many at once, e.g. a class list); the same name and unit twice is kept once. */
    @Transactional
    public int addParticipants(long classId, List<ParticipantForm> people) {
        writes.requireWriter();
        TrainingClass c = trainingClass(classId);
        writes.requireWritable(c.regionId());
        var list = checkedParticipants(people);
        var existing = new HashSet<String>();
        c.participants().forEach(p -> existing.add(p.name() + "|" + (p.unit() == null ? "" : p.unit())));
        int added = 0;
        for (ParticipantForm p : list) {
            String unit = trim(p.unit());
            if (existing.add(p.name().trim() + "|" + (unit == null ? "" : unit))) {
                addParticipant(c, p.name().trim(), unit);
                added++;
            }
        }
        writes.bump(TABLE, classId);
        writes.audit("TALENT_PARTICIPANTS_ADD", TABLE, classId, added + " added");
        return added;
    }

    /** The people named, at least one; a name or unit too long answers the first such problem only. */
    private static List<ParticipantForm> checkedParticipants(List<ParticipantForm> people) {
        var list = people == null
                ? List.<ParticipantForm>of()
                : people.stream().filter(p -> p != null && !blank(p.name())).toList();
        if (list.isEmpty()) {
            throw new InvalidInputException("participants", "talent.participants.required");
        }
        var tooLong = new ArrayList<Problem>();
        for (ParticipantForm p : list) {
            checkLength(tooLong, "names", p.name(), 50);
            checkLength(tooLong, "unit", p.unit(), 200);
        }
        if (!tooLong.isEmpty()) {
            throw new InvalidInputException(tooLong.subList(0, 1));
        }
        return list;
    }

    private void addParticipant(TrainingClass c, String name, String unit) {
        // a participant who is an introduced talent of the class's region is linked to the record
        Long talentId = jdbc.sql("select t.id from talent t where t.name = :n and t.region_id = :r "
                        + "and (cast(:u as varchar) is null or t.employer = :u) order by t.id limit 1")
                .param("n", name)
                .param("r", c.regionId())
                .param("u", unit)
                .query(Long.class)
                .optional()
                .orElse(null);
        jdbc.sql("insert into talent_training_participant (class_id, name, unit, talent_id) values (:c, :n, :u, :t)")
                .param("c", c.id())
                .param("n", name)
                .param("u", unit)
                .param("t", talentId)
                .update();
    }

    /** A session held on a date within the class; everyone enrolled is present unless listed as absent. */
    @Transactional
    public long addSession(long classId, SessionForm f) {
        writes.requireWriter();
        TrainingClass c = trainingClass(classId);
        writes.requireWritable(c.regionId());
        validate(f, c);
        long id = jdbc.sql("insert into talent_training_session (class_id, session_date, topic, speaker) values "
                        + "(:c, :d, :t, :s) returning id")
                .param("c", classId)
                .param("d", f.sessionDate())
                .param("t", f.topic().trim())
                .param("s", trim(f.speaker()))
                .query(Long.class)
                .single();
        var absent = f.absent() == null ? List.<Long>of() : f.absent();
        jdbc.sql("""
                insert into talent_training_attendance (session_id, participant_id)
                select :s, p.id from talent_training_participant p
                 where p.class_id = :c and not (p.id = any (:absent))
                """)
                .param("s", id)
                .param("c", classId)
                .param("absent", absent.toArray(new Long[0]))
                .update();
        writes.bump(TABLE, classId);
        writes.audit("TALENT_SESSION_ADD", TABLE, classId, f.sessionDate() + " " + f.topic());
        return id;
    }

    private static void validate(SessionForm f, TrainingClass c) {
        var problems = new ArrayList<Problem>();
        required(problems, "topic", f.topic());
        checkLength(problems, "topic", f.topic(), 200);
        checkLength(problems, "speaker", f.speaker(), 100);
        if (f.sessionDate() == null) {
            problems.add(new Problem("sessionDate", "validation.required"));
        } else if (f.sessionDate().isBefore(c.startDate()) || f.sessionDate().isAfter(c.endDate())) {
            problems.add(new Problem(
                    "sessionDate",
                    "talent.session.outside",
                    c.startDate().toString(),
                    c.endDate().toString()));
        }
        if (c.participants().isEmpty()) {
            problems.add(new Problem("participants", "talent.session.noParticipants"));
        }
        throwIfAny(problems);
    }

    public PageResult<ClassRow> classes(ListQuery q, ClassKind kind) {
        return queries.list(LIST, q, kind == null ? null : Map.entry("c.kind = :kind", kind.name()));
    }
}
