package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The talent office's records: campaigns with positions and places visited, introduced talents, training classes
 * with participants, sessions and attendance, university partnerships, care services and expert studios. Everyone
 * reads within their region scope (in the SQL); only the talent office (TALENT_OFFICER) writes, in its own scope.
 * ID numbers and phones are encrypted on the way in and only their masked form is ever read back here.
 */
@Service
public class Talents {

    public enum Gender { M, F }

    public enum Degree { DOCTOR, MASTER, BACHELOR, COLLEGE, OTHER }

    public enum EmployerKind { INSTITUTION, ENTERPRISE, OTHER }

    public enum ClassKind { ZHONGQING, TIEJIAN, GUOQING, OTHER }

    public enum PartnershipKind { BASE, PROJECT }

    public enum PartnershipStatus { SIGNED, ACTIVE, ENDED }

    public enum CareKind { HEALTH_CHECK, SUBSIDY, HOUSING, OTHER }

    public enum StudioKind { DOCTORAL, EXPERT, SKILL }

    // ------------------------------------------------------------------ records and forms

    public record CampaignForm(String name, Long regionId, LocalDate startDate, LocalDate endDate, String cities,
            String universities, String notes, Long version) {}

    public record Campaign(long id, long regionId, String regionName, String name, LocalDate startDate,
            LocalDate endDate, List<String> cities, List<String> universities, String notes, long version,
            List<Position> positions) {

        public long institutions() {
            return positions.stream().map(Position::institution).distinct().count();
        }

        public int openings() {
            return positions.stream().mapToInt(Position::openings).sum();
        }

        public int hires() {
            return positions.stream().mapToInt(Position::hires).sum();
        }
    }

    public record PositionForm(String institution, String title, Integer openings, String requirements,
            Integer applicants, Integer hires) {}

    public record Position(long id, String institution, String title, int openings, String requirements,
            int applicants, int hires) {}

    public record CampaignRow(long id, String regionName, String name, LocalDate startDate, LocalDate endDate,
            long institutions, long openings, long hires, long cities, long universities) {}

    /** ID number and phone: full values in, never read back here (blank on update keeps the stored value). */
    public record TalentForm(String name, Long regionId, Gender gender, Integer birthYear, Degree degree,
            String major, String university, String sourceCity, String employer, EmployerKind employerKind,
            LocalDate introducedOn, Long campaignId, String benefits, String idNumber, String phone, Long version) {}

    /** A talent as pages and the API show it: ID number and phone masked. */
    public record Talent(long id, long regionId, String regionName, String name, Gender gender, Integer birthYear,
            Degree degree, String major, String university, String sourceCity, String employer,
            EmployerKind employerKind, LocalDate introducedOn, Long campaignId, String campaignName, String benefits,
            String idNumber, String phone, long version) {}

    public record ClassForm(String name, Long regionId, ClassKind kind, Integer term, String partner,
            LocalDate startDate, LocalDate endDate, String notes, Long version) {}

    public record TrainingClass(long id, long regionId, String regionName, String name, ClassKind kind, Integer term,
            String partner, LocalDate startDate, LocalDate endDate, String notes, long version,
            List<Participant> participants, List<Session> sessions) {

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

    public record ClassRow(long id, String regionName, String name, ClassKind kind, Integer term, String partner,
            LocalDate startDate, LocalDate endDate, long participants, long sessions, long attendance) {}

    public record PartnershipForm(String university, Long regionId, PartnershipKind kind, String name,
            LocalDate signedOn, PartnershipStatus status, String notes, Long version) {}

    public record Partnership(long id, long regionId, String regionName, String university, PartnershipKind kind,
            String name, LocalDate signedOn, PartnershipStatus status, String notes, long version) {}

    /** Amount in 万元. */
    public record CareForm(CareKind kind, Long regionId, String title, Integer batch, LocalDate serviceDate,
            Integer people, BigDecimal amount, String notes, Long version) {}

    public record Care(long id, long regionId, String regionName, CareKind kind, String title, Integer batch,
            LocalDate serviceDate, int people, BigDecimal amount, String notes, long version) {}

    public record StudioForm(String name, Long regionId, StudioKind kind, String leadExpert, LocalDate establishedOn,
            String notes, Long version) {}

    public record Studio(long id, long regionId, String regionName, String name, StudioKind kind, String leadExpert,
            LocalDate establishedOn, String notes, long version, List<Member> members, List<Output> outputs) {}

    public record Member(long id, String name, String title) {}

    public record Output(long id, LocalDate outputDate, String title) {}

    public record StudioRow(long id, String regionName, String name, StudioKind kind, String leadExpert,
            LocalDate establishedOn, long members, long outputs) {}

    /** A list's search: free text, a region subtree, a year, the sort column and direction, a page. */
    public record ListQuery(String q, Long regionId, Integer year, String sort, String dir, Integer page,
            Integer size) {

        public int pageOrZero() {
            return page == null || page < 0 ? 0 : page;
        }

        public int sizeOrDefault() {
            return size == null || size < 1 ? 20 : Math.min(size, 200);
        }

        public boolean asc() {
            return "asc".equals(dir);
        }
    }

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final AuditLog audit;
    private final TalentCrypto crypto;
    private final Clock clock;

    Talents(JdbcClient jdbc, CurrentUser currentUser, Regions regions, AuditLog audit, TalentCrypto crypto,
            Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
        this.audit = audit;
        this.crypto = crypto;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
    }

    /** Only the talent office records and edits. */
    public boolean canWrite() {
        return currentUser.get().map(u -> u.hasRole(Role.TALENT_OFFICER)).orElse(false);
    }

    // ------------------------------------------------------------------ campaigns

    @Transactional
    public long createCampaign(CampaignForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validateCampaign(f);
        long id = jdbc.sql("""
                insert into talent_campaign (region_id, name, start_date, end_date, notes, created_by)
                values (:region, :name, :start, :end, :notes, :by) returning id
                """).param("region", region).param("name", f.name().trim()).param("start", f.startDate())
                .param("end", f.endDate()).param("notes", trim(f.notes())).param("by", user.id())
                .query(Long.class).single();
        savePlaces(id, f);
        audit.record("TALENT_CAMPAIGN_CREATE", "talent_campaign", id, Outcome.SUCCESS, f.name());
        return id;
    }

    @Transactional
    public void updateCampaign(long id, CampaignForm f) {
        requireWriter();
        Campaign before = campaign(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validateCampaign(f);
        int n = jdbc.sql("""
                update talent_campaign set region_id = :region, name = :name, start_date = :start, end_date = :end,
                       notes = :notes, version = version + 1
                 where id = :id and version = :version
                """).param("region", region).param("name", f.name().trim()).param("start", f.startDate())
                .param("end", f.endDate()).param("notes", trim(f.notes())).param("id", id)
                .param("version", version(f.version())).update();
        if (n == 0) {
            Campaign now = campaign(id);
            throw conflict("talent_campaign", f.version(), now.version(), "name", now.name(), "startDate",
                    now.startDate(), "endDate", now.endDate());
        }
        jdbc.sql("delete from talent_campaign_place where campaign_id = :id").param("id", id).update();
        savePlaces(id, f);
        audit.record("TALENT_CAMPAIGN_UPDATE", "talent_campaign", id, Outcome.SUCCESS, f.name());
    }

    private void validateCampaign(CampaignForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        dates(problems, f.startDate(), f.endDate());
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        for (String place : split(f.cities()) ) {
            checkLength(problems, "cities", place, 100);
        }
        for (String place : split(f.universities())) {
            checkLength(problems, "universities", place, 100);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void savePlaces(long campaignId, CampaignForm f) {
        for (var kind : List.of("CITY", "UNIVERSITY")) {
            for (String name : split(kind.equals("CITY") ? f.cities() : f.universities())) {
                jdbc.sql("insert into talent_campaign_place (campaign_id, kind, name) values (:c, :k, :n) "
                        + "on conflict do nothing").param("c", campaignId).param("k", kind).param("n", name).update();
            }
        }
    }

    public Campaign campaign(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select c.*, r.name as region_name from talent_campaign c "
                + "join region r on r.id = c.region_id where c.id = :id and " + scope.where("c.region_id")))
                .param("id", id)
                .query((rs, n) -> new Campaign(rs.getLong("id"), rs.getLong("region_id"), rs.getString("region_name"),
                        rs.getString("name"), date(rs, "start_date"), date(rs, "end_date"), places(id, "CITY"),
                        places(id, "UNIVERSITY"), rs.getString("notes"), rs.getLong("version"), positions(id)))
                .optional().orElseThrow(() -> new NotFoundException("talent_campaign", id));
    }

    private List<String> places(long campaignId, String kind) {
        return jdbc.sql("select name from talent_campaign_place where campaign_id = :c and kind = :k order by id")
                .param("c", campaignId).param("k", kind).query(String.class).list();
    }

    private List<Position> positions(long campaignId) {
        return jdbc.sql("select * from talent_position where campaign_id = :c order by id").param("c", campaignId)
                .query((rs, n) -> new Position(rs.getLong("id"), rs.getString("institution"), rs.getString("title"),
                        rs.getInt("openings"), rs.getString("requirements"), rs.getInt("applicants"),
                        rs.getInt("hires"))).list();
    }

    @Transactional
    public long addPosition(long campaignId, PositionForm f) {
        requireWriter();
        Campaign c = campaign(campaignId);
        requireWritable(c.regionId());
        validatePosition(f, true);
        long id = jdbc.sql("""
                insert into talent_position (campaign_id, institution, title, openings, requirements, applicants, hires)
                values (:c, :inst, :title, :openings, :req, :applicants, :hires) returning id
                """).param("c", campaignId).param("inst", f.institution().trim()).param("title", f.title().trim())
                .param("openings", f.openings()).param("req", trim(f.requirements()))
                .param("applicants", zero(f.applicants())).param("hires", zero(f.hires())).query(Long.class).single();
        bump("talent_campaign", campaignId);
        audit.record("TALENT_POSITION_ADD", "talent_campaign", campaignId, Outcome.SUCCESS,
                f.institution() + " " + f.title() + " x" + f.openings());
        return id;
    }

    /** Applicants and hires of a position, as the campaign goes on. */
    @Transactional
    public void updatePosition(long campaignId, long positionId, PositionForm f) {
        requireWriter();
        Campaign c = campaign(campaignId);
        requireWritable(c.regionId());
        Position p = c.positions().stream().filter(x -> x.id() == positionId).findFirst()
                .orElseThrow(() -> new NotFoundException("talent_position", positionId));
        var merged = new PositionForm(f.institution() == null ? p.institution() : f.institution(),
                f.title() == null ? p.title() : f.title(), f.openings() == null ? p.openings() : f.openings(),
                f.requirements() == null ? p.requirements() : f.requirements(),
                f.applicants() == null ? p.applicants() : f.applicants(), f.hires() == null ? p.hires() : f.hires());
        validatePosition(merged, false);
        jdbc.sql("""
                update talent_position set institution = :inst, title = :title, openings = :openings,
                       requirements = :req, applicants = :applicants, hires = :hires where id = :id
                """).param("inst", merged.institution().trim()).param("title", merged.title().trim())
                .param("openings", merged.openings()).param("req", trim(merged.requirements()))
                .param("applicants", merged.applicants()).param("hires", merged.hires()).param("id", positionId)
                .update();
        bump("talent_campaign", campaignId);
        audit.record("TALENT_POSITION_UPDATE", "talent_campaign", campaignId, Outcome.SUCCESS,
                "position " + positionId + " applicants " + merged.applicants() + " hires " + merged.hires());
    }

    private void validatePosition(PositionForm f, boolean creating) {
        var problems = new ArrayList<Problem>();
        required(problems, "institution", f.institution());
        required(problems, "title", f.title());
        checkLength(problems, "institution", f.institution(), 200);
        checkLength(problems, "title", f.title(), 200);
        checkLength(problems, "requirements", f.requirements(), 1000);
        if (f.openings() == null) {
            problems.add(new Problem("openings", "validation.required"));
        } else if (f.openings() < 1) {
            problems.add(new Problem("openings", "talent.position.openingsPositive"));
        }
        if (f.applicants() != null && f.applicants() < 0) {
            problems.add(new Problem("applicants", "validation.notNegative"));
        }
        if (f.hires() != null && f.hires() < 0) {
            problems.add(new Problem("hires", "validation.notNegative"));
        }
        if (f.hires() != null && f.applicants() != null && f.hires() > f.applicants()) {
            problems.add(new Problem("hires", "talent.position.hiresOverApplicants"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    public PageResult<CampaignRow> campaigns(ListQuery q) {
        return list("""
                select c.id, r.name as region_name, c.name, c.start_date, c.end_date,
                       (select count(distinct p.institution) from talent_position p where p.campaign_id = c.id) as institutions,
                       (select coalesce(sum(p.openings), 0) from talent_position p where p.campaign_id = c.id) as openings,
                       (select coalesce(sum(p.hires), 0) from talent_position p where p.campaign_id = c.id) as hires,
                       (select count(*) from talent_campaign_place pl where pl.campaign_id = c.id and pl.kind = 'CITY') as cities,
                       (select count(*) from talent_campaign_place pl where pl.campaign_id = c.id and pl.kind = 'UNIVERSITY') as universities
                  from talent_campaign c join region r on r.id = c.region_id
                """, "c", "c.name", "c.start_date",
                Map.of("name", "c.name", "date", "c.start_date", "region", "r.name"), "date", q,
                (rs, n) -> new CampaignRow(rs.getLong("id"), rs.getString("region_name"), rs.getString("name"),
                        date(rs, "start_date"), date(rs, "end_date"), rs.getLong("institutions"),
                        rs.getLong("openings"), rs.getLong("hires"), rs.getLong("cities"), rs.getLong("universities")));
    }

    /** Campaigns a talent may be linked to: those the caller sees, newest first. */
    public List<CampaignRow> campaignChoices() {
        return campaigns(new ListQuery(null, null, null, "date", "desc", 0, 200)).rows();
    }

    // ------------------------------------------------------------------ talents

    @Transactional
    public long createTalent(TalentForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        String idNumber = PersonalData.normaliseId(f.idNumber());
        String phone = PersonalData.normalisePhone(f.phone());
        validateTalent(f, idNumber, phone);
        checkCampaign(f.campaignId());
        var p = talentParams(f, region);
        p.put("idEnc", crypto.encrypt(idNumber, "talent.id_number"));
        p.put("idMask", PersonalData.maskIdNumber(idNumber));
        p.put("phoneEnc", crypto.encrypt(phone, "talent.phone"));
        p.put("phoneMask", PersonalData.maskPhone(phone));
        p.put("by", user.id());
        long id = jdbc.sql("""
                insert into talent (region_id, name, gender, birth_year, degree, major, university, source_city,
                                    employer, employer_kind, introduced_on, campaign_id, benefits, id_number_enc,
                                    id_number_mask, phone_enc, phone_mask, created_by)
                values (:region, :name, :gender, :birthYear, :degree, :major, :university, :sourceCity, :employer,
                        :employerKind, :introducedOn, :campaignId, :benefits, :idEnc, :idMask, :phoneEnc, :phoneMask,
                        :by) returning id
                """).params(p).query(Long.class).single();
        // the audit detail names the person, never their ID number or phone
        audit.record("TALENT_CREATE", "talent", id, Outcome.SUCCESS, f.name());
        return id;
    }

    @Transactional
    public void updateTalent(long id, TalentForm f) {
        requireWriter();
        Talent before = talent(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        String idNumber = PersonalData.normaliseId(f.idNumber());
        String phone = PersonalData.normalisePhone(f.phone());
        validateTalent(f, idNumber, phone);
        checkCampaign(f.campaignId());
        var p = talentParams(f, region);
        p.put("id", id);
        p.put("version", version(f.version()));
        // a blank ID number or phone keeps what is stored: the form never holds the full values
        p.put("idEnc", crypto.encrypt(idNumber, "talent.id_number"));
        p.put("idMask", PersonalData.maskIdNumber(idNumber));
        p.put("phoneEnc", crypto.encrypt(phone, "talent.phone"));
        p.put("phoneMask", PersonalData.maskPhone(phone));
        int n = jdbc.sql("""
                update talent set region_id = :region, name = :name, gender = :gender, birth_year = :birthYear,
                       degree = :degree, major = :major, university = :university, source_city = :sourceCity,
                       employer = :employer, employer_kind = :employerKind, introduced_on = :introducedOn,
                       campaign_id = :campaignId, benefits = :benefits,
                       id_number_enc = coalesce(:idEnc, id_number_enc), id_number_mask = coalesce(:idMask, id_number_mask),
                       phone_enc = coalesce(:phoneEnc, phone_enc), phone_mask = coalesce(:phoneMask, phone_mask),
                       version = version + 1
                 where id = :id and version = :version
                """).params(p).update();
        if (n == 0) {
            Talent now = talent(id);
            throw conflict("talent", f.version(), now.version(), "name", now.name(), "degree", now.degree(),
                    "employer", now.employer(), "introducedOn", now.introducedOn());
        }
        audit.record("TALENT_UPDATE", "talent", id, Outcome.SUCCESS, f.name()
                + (idNumber != null ? " (ID number changed)" : "") + (phone != null ? " (phone changed)" : ""));
    }

    private void validateTalent(TalentForm f, String idNumber, String phone) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        if (f.degree() == null) {
            problems.add(new Problem("degree", "validation.required"));
        }
        required(problems, "employer", f.employer());
        checkLength(problems, "name", f.name(), 50);
        checkLength(problems, "major", f.major(), 100);
        checkLength(problems, "university", f.university(), 100);
        checkLength(problems, "sourceCity", f.sourceCity(), 50);
        checkLength(problems, "employer", f.employer(), 200);
        checkLength(problems, "benefits", f.benefits(), 1000);
        if (f.introducedOn() == null) {
            problems.add(new Problem("introducedOn", "validation.required"));
        } else if (f.introducedOn().isAfter(today())) {
            problems.add(new Problem("introducedOn", "talent.introducedInFuture"));
        }
        if (f.birthYear() != null && (f.birthYear() < 1930 || f.birthYear() > 2020)) {
            problems.add(new Problem("birthYear", "talent.birthYear.range"));
        }
        if (idNumber != null) {
            if (!PersonalData.validIdNumber(idNumber)) {
                problems.add(new Problem("idNumber", "talent.idNumber.invalid"));
            } else if (f.birthYear() != null && PersonalData.birthYear(idNumber) != f.birthYear()) {
                problems.add(new Problem("birthYear", "talent.idNumber.birthYear"));
            }
        }
        if (phone != null && !PersonalData.validPhone(phone)) {
            problems.add(new Problem("phone", "talent.phone.invalid"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void checkCampaign(Long campaignId) {
        if (campaignId != null) {
            try {
                campaign(campaignId);
            } catch (NotFoundException e) {
                throw new InvalidInputException("campaignId", "talent.campaign.notVisible");
            }
        }
    }

    private Map<String, Object> talentParams(TalentForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("name", f.name().trim());
        m.put("gender", f.gender() == null ? null : f.gender().name());
        m.put("birthYear", f.birthYear());
        m.put("degree", f.degree().name());
        m.put("major", trim(f.major()));
        m.put("university", trim(f.university()));
        m.put("sourceCity", trim(f.sourceCity()));
        m.put("employer", f.employer().trim());
        m.put("employerKind", (f.employerKind() == null ? EmployerKind.INSTITUTION : f.employerKind()).name());
        m.put("introducedOn", f.introducedOn());
        m.put("campaignId", f.campaignId());
        m.put("benefits", trim(f.benefits()));
        return m;
    }

    private static final String TALENT_SELECT = """
            select t.id, t.region_id, r.name as region_name, t.name, t.gender, t.birth_year, t.degree, t.major,
                   t.university, t.source_city, t.employer, t.employer_kind, t.introduced_on, t.campaign_id,
                   c.name as campaign_name, t.benefits, t.id_number_mask, t.phone_mask, t.version
              from talent t join region r on r.id = t.region_id left join talent_campaign c on c.id = t.campaign_id
            """;

    private static final RowMapper<Talent> TALENT = (rs, n) -> new Talent(rs.getLong("id"), rs.getLong("region_id"),
            rs.getString("region_name"), rs.getString("name"),
            rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")),
            (Integer) rs.getObject("birth_year"), Degree.valueOf(rs.getString("degree")), rs.getString("major"),
            rs.getString("university"), rs.getString("source_city"), rs.getString("employer"),
            EmployerKind.valueOf(rs.getString("employer_kind")), date(rs, "introduced_on"),
            (Long) rs.getObject("campaign_id"), rs.getString("campaign_name"), rs.getString("benefits"),
            rs.getString("id_number_mask"), rs.getString("phone_mask"), rs.getLong("version"));

    /** A talent with masked ID number and phone; not found outside the caller's scope. */
    public Talent talent(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(TALENT_SELECT + " where t.id = :id and " + scope.where("t.region_id")))
                .param("id", id).query(TALENT).optional().orElseThrow(() -> new NotFoundException("talent", id));
    }

    /** Filter: free text over name, major, university, employer; {@code degree} narrows further. */
    public PageResult<Talent> talents(ListQuery q, Degree degree) {
        return list(TALENT_SELECT, "t", "t.name || ' ' || coalesce(t.major, '') || ' ' || coalesce(t.university, '') "
                + "|| ' ' || t.employer", "t.introduced_on",
                Map.of("name", "t.name", "date", "t.introduced_on", "degree", "case t.degree when 'DOCTOR' then 1 "
                        + "when 'MASTER' then 2 when 'BACHELOR' then 3 when 'COLLEGE' then 4 else 5 end",
                        "region", "r.name", "employer", "t.employer"),
                "date", q, TALENT, degree == null ? null : Map.entry("t.degree = :degree", degree.name()));
    }

    /** The stored ciphertexts of a talent visible to the caller (for reveal and a granted export only). */
    Map<String, String> ciphertexts(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select t.id_number_enc, t.phone_enc from talent t where t.id = :id and "
                + scope.where("t.region_id"))).param("id", id).query((rs, n) -> {
                    var m = new HashMap<String, String>();
                    m.put("idNumber", rs.getString(1));
                    m.put("phone", rs.getString(2));
                    return m;
                }).optional().orElseThrow(() -> new NotFoundException("talent", id));
    }

    // ------------------------------------------------------------------ training

    @Transactional
    public long createClass(ClassForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validateClass(f);
        long id = jdbc.sql("""
                insert into talent_training_class (region_id, name, kind, term, partner, start_date, end_date, notes,
                                                   created_by)
                values (:region, :name, :kind, :term, :partner, :start, :end, :notes, :by) returning id
                """).params(classParams(f, region)).param("by", user.id()).query(Long.class).single();
        audit.record("TALENT_CLASS_CREATE", "talent_training_class", id, Outcome.SUCCESS, f.name());
        return id;
    }

    @Transactional
    public void updateClass(long id, ClassForm f) {
        requireWriter();
        TrainingClass before = trainingClass(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validateClass(f);
        for (Session s : before.sessions()) {
            if (f.startDate() != null && f.endDate() != null
                    && (s.sessionDate().isBefore(f.startDate()) || s.sessionDate().isAfter(f.endDate()))) {
                throw new InvalidInputException("startDate", "talent.class.sessionsOutside");
            }
        }
        int n = jdbc.sql("""
                update talent_training_class set region_id = :region, name = :name, kind = :kind, term = :term,
                       partner = :partner, start_date = :start, end_date = :end, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """).params(classParams(f, region)).param("id", id).param("version", version(f.version())).update();
        if (n == 0) {
            TrainingClass now = trainingClass(id);
            throw conflict("talent_training_class", f.version(), now.version(), "name", now.name(), "startDate",
                    now.startDate(), "endDate", now.endDate());
        }
        audit.record("TALENT_CLASS_UPDATE", "talent_training_class", id, Outcome.SUCCESS, f.name());
    }

    private void validateClass(ClassForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        if (f.kind() == null) {
            problems.add(new Problem("kind", "validation.required"));
        }
        if (f.term() != null && f.term() < 1) {
            problems.add(new Problem("term", "talent.class.termPositive"));
        }
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "partner", f.partner(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        dates(problems, f.startDate(), f.endDate());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Map<String, Object> classParams(ClassForm f, long region) {
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
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select c.*, r.name as region_name from talent_training_class c "
                + "join region r on r.id = c.region_id where c.id = :id and " + scope.where("c.region_id")))
                .param("id", id)
                .query((rs, n) -> new TrainingClass(rs.getLong("id"), rs.getLong("region_id"),
                        rs.getString("region_name"), rs.getString("name"), ClassKind.valueOf(rs.getString("kind")),
                        (Integer) rs.getObject("term"), rs.getString("partner"), date(rs, "start_date"),
                        date(rs, "end_date"), rs.getString("notes"), rs.getLong("version"), participants(id),
                        sessions(id)))
                .optional().orElseThrow(() -> new NotFoundException("talent_training_class", id));
    }

    private List<Participant> participants(long classId) {
        return jdbc.sql("select * from talent_training_participant where class_id = :c order by id")
                .param("c", classId).query((rs, n) -> new Participant(rs.getLong("id"), rs.getString("name"),
                        rs.getString("unit"), (Long) rs.getObject("talent_id"))).list();
    }

    private List<Session> sessions(long classId) {
        return jdbc.sql("""
                select s.*, (select count(*) from talent_training_attendance a where a.session_id = s.id) as present
                  from talent_training_session s where s.class_id = :c order by s.session_date, s.id
                """).param("c", classId).query((rs, n) -> new Session(rs.getLong("id"), date(rs, "session_date"),
                        rs.getString("topic"), rs.getString("speaker"), rs.getInt("present"))).list();
    }

    /** Adds participants (one or many at once, e.g. a class list); the same name and unit twice is kept once. */
    @Transactional
    public int addParticipants(long classId, List<ParticipantForm> people) {
        requireWriter();
        TrainingClass c = trainingClass(classId);
        requireWritable(c.regionId());
        var list = people == null ? List.<ParticipantForm>of()
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
        var existing = new java.util.HashSet<String>();
        c.participants().forEach(p -> existing.add(p.name() + "|" + (p.unit() == null ? "" : p.unit())));
        int added = 0;
        for (ParticipantForm p : list) {
            String unit = trim(p.unit());
            if (!existing.add(p.name().trim() + "|" + (unit == null ? "" : unit))) {
                continue;
            }
            // a participant who is an introduced talent of the class's region is linked to the record
            Long talentId = jdbc.sql("select t.id from talent t where t.name = :n and t.region_id = :r "
                    + "and (cast(:u as varchar) is null or t.employer = :u) order by t.id limit 1")
                    .param("n", p.name().trim()).param("r", c.regionId()).param("u", unit).query(Long.class)
                    .optional().orElse(null);
            jdbc.sql("insert into talent_training_participant (class_id, name, unit, talent_id) values (:c, :n, :u, :t)")
                    .param("c", classId).param("n", p.name().trim()).param("u", unit).param("t", talentId).update();
            added++;
        }
        bump("talent_training_class", classId);
        audit.record("TALENT_PARTICIPANTS_ADD", "talent_training_class", classId, Outcome.SUCCESS, added + " added");
        return added;
    }

    /** A session held on a date within the class; everyone enrolled is present unless listed as absent. */
    @Transactional
    public long addSession(long classId, SessionForm f) {
        requireWriter();
        TrainingClass c = trainingClass(classId);
        requireWritable(c.regionId());
        var problems = new ArrayList<Problem>();
        required(problems, "topic", f.topic());
        checkLength(problems, "topic", f.topic(), 200);
        checkLength(problems, "speaker", f.speaker(), 100);
        if (f.sessionDate() == null) {
            problems.add(new Problem("sessionDate", "validation.required"));
        } else if (f.sessionDate().isBefore(c.startDate()) || f.sessionDate().isAfter(c.endDate())) {
            problems.add(new Problem("sessionDate", "talent.session.outside", c.startDate().toString(),
                    c.endDate().toString()));
        }
        if (c.participants().isEmpty()) {
            problems.add(new Problem("participants", "talent.session.noParticipants"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("insert into talent_training_session (class_id, session_date, topic, speaker) values "
                + "(:c, :d, :t, :s) returning id").param("c", classId).param("d", f.sessionDate())
                .param("t", f.topic().trim()).param("s", trim(f.speaker())).query(Long.class).single();
        var absent = f.absent() == null ? List.<Long>of() : f.absent();
        jdbc.sql("""
                insert into talent_training_attendance (session_id, participant_id)
                select :s, p.id from talent_training_participant p
                 where p.class_id = :c and not (p.id = any (:absent))
                """).param("s", id).param("c", classId).param("absent", absent.toArray(new Long[0])).update();
        bump("talent_training_class", classId);
        audit.record("TALENT_SESSION_ADD", "talent_training_class", classId, Outcome.SUCCESS,
                f.sessionDate() + " " + f.topic());
        return id;
    }

    public PageResult<ClassRow> classes(ListQuery q, ClassKind kind) {
        return list("""
                select c.id, r.name as region_name, c.name, c.kind, c.term, c.partner, c.start_date, c.end_date,
                       (select count(*) from talent_training_participant p where p.class_id = c.id) as participants,
                       (select count(*) from talent_training_session s where s.class_id = c.id) as sessions,
                       (select count(*) from talent_training_attendance a join talent_training_session s
                            on s.id = a.session_id where s.class_id = c.id) as attendance
                  from talent_training_class c join region r on r.id = c.region_id
                """, "c", "c.name || ' ' || coalesce(c.partner, '')", "c.start_date",
                Map.of("name", "c.name", "date", "c.start_date", "region", "r.name", "kind", "c.kind"), "date", q,
                (rs, n) -> new ClassRow(rs.getLong("id"), rs.getString("region_name"), rs.getString("name"),
                        ClassKind.valueOf(rs.getString("kind")), (Integer) rs.getObject("term"),
                        rs.getString("partner"), date(rs, "start_date"), date(rs, "end_date"),
                        rs.getLong("participants"), rs.getLong("sessions"), rs.getLong("attendance")),
                kind == null ? null : Map.entry("c.kind = :kind", kind.name()));
    }

    // ------------------------------------------------------------------ partnerships

    @Transactional
    public long createPartnership(PartnershipForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validatePartnership(f);
        long id = jdbc.sql("""
                insert into talent_partnership (region_id, university, kind, name, signed_on, status, notes, created_by)
                values (:region, :university, :kind, :name, :signedOn, :status, :notes, :by) returning id
                """).params(partnershipParams(f, region)).param("by", user.id()).query(Long.class).single();
        audit.record("TALENT_PARTNERSHIP_CREATE", "talent_partnership", id, Outcome.SUCCESS,
                f.university() + " " + f.name());
        return id;
    }

    @Transactional
    public void updatePartnership(long id, PartnershipForm f) {
        requireWriter();
        Partnership before = partnership(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validatePartnership(f);
        int n = jdbc.sql("""
                update talent_partnership set region_id = :region, university = :university, kind = :kind,
                       name = :name, signed_on = :signedOn, status = :status, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """).params(partnershipParams(f, region)).param("id", id).param("version", version(f.version()))
                .update();
        if (n == 0) {
            Partnership now = partnership(id);
            throw conflict("talent_partnership", f.version(), now.version(), "university", now.university(),
                    "name", now.name(), "signedOn", now.signedOn(), "status", now.status());
        }
        audit.record("TALENT_PARTNERSHIP_UPDATE", "talent_partnership", id, Outcome.SUCCESS, f.name());
    }

    private void validatePartnership(PartnershipForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "university", f.university());
        required(problems, "name", f.name());
        checkLength(problems, "university", f.university(), 100);
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        if (f.kind() == null) {
            problems.add(new Problem("kind", "validation.required"));
        }
        if (f.signedOn() == null) {
            problems.add(new Problem("signedOn", "validation.required"));
        } else if (f.signedOn().isAfter(today())) {
            problems.add(new Problem("signedOn", "talent.signedInFuture"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Map<String, Object> partnershipParams(PartnershipForm f, long region) {
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

    private static final RowMapper<Partnership> PARTNERSHIP = (rs, n) -> new Partnership(rs.getLong("id"),
            rs.getLong("region_id"), rs.getString("region_name"), rs.getString("university"),
            PartnershipKind.valueOf(rs.getString("kind")), rs.getString("name"), date(rs, "signed_on"),
            PartnershipStatus.valueOf(rs.getString("status")), rs.getString("notes"), rs.getLong("version"));

    public Partnership partnership(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select p.*, r.name as region_name from talent_partnership p "
                + "join region r on r.id = p.region_id where p.id = :id and " + scope.where("p.region_id")))
                .param("id", id).query(PARTNERSHIP).optional()
                .orElseThrow(() -> new NotFoundException("talent_partnership", id));
    }

    public PageResult<Partnership> partnerships(ListQuery q, PartnershipKind kind) {
        return list("select p.*, r.name as region_name from talent_partnership p join region r on r.id = p.region_id",
                "p", "p.university || ' ' || p.name", "p.signed_on",
                Map.of("university", "p.university", "name", "p.name", "date", "p.signed_on", "region", "r.name",
                        "kind", "p.kind"), "date", q, PARTNERSHIP,
                kind == null ? null : Map.entry("p.kind = :kind", kind.name()));
    }

    // ------------------------------------------------------------------ care

    @Transactional
    public long createCare(CareForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validateCare(f);
        long id = jdbc.sql("""
                insert into talent_care (region_id, kind, title, batch, service_date, people, amount, notes, created_by)
                values (:region, :kind, :title, :batch, :date, :people, :amount, :notes, :by) returning id
                """).params(careParams(f, region)).param("by", user.id()).query(Long.class).single();
        audit.record("TALENT_CARE_CREATE", "talent_care", id, Outcome.SUCCESS, f.title());
        return id;
    }

    @Transactional
    public void updateCare(long id, CareForm f) {
        requireWriter();
        Care before = care(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validateCare(f);
        int n = jdbc.sql("""
                update talent_care set region_id = :region, kind = :kind, title = :title, batch = :batch,
                       service_date = :date, people = :people, amount = :amount, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """).params(careParams(f, region)).param("id", id).param("version", version(f.version())).update();
        if (n == 0) {
            Care now = care(id);
            throw conflict("talent_care", f.version(), now.version(), "title", now.title(), "serviceDate",
                    now.serviceDate(), "people", now.people());
        }
        audit.record("TALENT_CARE_UPDATE", "talent_care", id, Outcome.SUCCESS, f.title());
    }

    private void validateCare(CareForm f) {
        var problems = new ArrayList<Problem>();
        if (f.kind() == null) {
            problems.add(new Problem("kind", "validation.required"));
        }
        required(problems, "title", f.title());
        checkLength(problems, "title", f.title(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        if (f.serviceDate() == null) {
            problems.add(new Problem("serviceDate", "validation.required"));
        }
        if (f.people() != null && f.people() < 0) {
            problems.add(new Problem("people", "validation.notNegative"));
        }
        if (f.batch() != null && f.batch() < 1) {
            problems.add(new Problem("batch", "talent.care.batchPositive"));
        }
        if (f.amount() != null && f.amount().signum() < 0) {
            problems.add(new Problem("amount", "validation.notNegative"));
        }
        if (f.kind() == CareKind.HEALTH_CHECK && (f.people() == null || f.people() < 1)) {
            problems.add(new Problem("people", "talent.care.peopleRequired"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Map<String, Object> careParams(CareForm f, long region) {
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

    private static final RowMapper<Care> CARE = (rs, n) -> new Care(rs.getLong("id"), rs.getLong("region_id"),
            rs.getString("region_name"), CareKind.valueOf(rs.getString("kind")), rs.getString("title"),
            (Integer) rs.getObject("batch"), date(rs, "service_date"), rs.getInt("people"), rs.getBigDecimal("amount"),
            rs.getString("notes"), rs.getLong("version"));

    public Care care(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select c.*, r.name as region_name from talent_care c "
                + "join region r on r.id = c.region_id where c.id = :id and " + scope.where("c.region_id")))
                .param("id", id).query(CARE).optional().orElseThrow(() -> new NotFoundException("talent_care", id));
    }

    public PageResult<Care> cares(ListQuery q, CareKind kind) {
        return list("select c.*, r.name as region_name from talent_care c join region r on r.id = c.region_id",
                "c", "c.title || ' ' || coalesce(c.notes, '')", "c.service_date",
                Map.of("title", "c.title", "date", "c.service_date", "region", "r.name", "kind", "c.kind",
                        "people", "c.people"), "date", q, CARE,
                kind == null ? null : Map.entry("c.kind = :kind", kind.name()));
    }

    // ------------------------------------------------------------------ studios

    @Transactional
    public long createStudio(StudioForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validateStudio(f);
        long id = jdbc.sql("""
                insert into talent_studio (region_id, name, kind, lead_expert, established_on, notes, created_by)
                values (:region, :name, :kind, :lead, :established, :notes, :by) returning id
                """).params(studioParams(f, region)).param("by", user.id()).query(Long.class).single();
        audit.record("TALENT_STUDIO_CREATE", "talent_studio", id, Outcome.SUCCESS, f.name());
        return id;
    }

    @Transactional
    public void updateStudio(long id, StudioForm f) {
        requireWriter();
        Studio before = studio(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validateStudio(f);
        int n = jdbc.sql("""
                update talent_studio set region_id = :region, name = :name, kind = :kind, lead_expert = :lead,
                       established_on = :established, notes = :notes, version = version + 1
                 where id = :id and version = :version
                """).params(studioParams(f, region)).param("id", id).param("version", version(f.version())).update();
        if (n == 0) {
            Studio now = studio(id);
            throw conflict("talent_studio", f.version(), now.version(), "name", now.name(), "leadExpert",
                    now.leadExpert(), "establishedOn", now.establishedOn());
        }
        audit.record("TALENT_STUDIO_UPDATE", "talent_studio", id, Outcome.SUCCESS, f.name());
    }

    private void validateStudio(StudioForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "leadExpert", f.leadExpert(), 100);
        checkLength(problems, "notes", f.notes(), 2000);
        if (f.kind() == null) {
            problems.add(new Problem("kind", "validation.required"));
        }
        if (f.establishedOn() == null) {
            problems.add(new Problem("establishedOn", "validation.required"));
        } else if (f.establishedOn().isAfter(today())) {
            problems.add(new Problem("establishedOn", "talent.signedInFuture"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Map<String, Object> studioParams(StudioForm f, long region) {
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
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select s.*, r.name as region_name from talent_studio s "
                + "join region r on r.id = s.region_id where s.id = :id and " + scope.where("s.region_id")))
                .param("id", id)
                .query((rs, n) -> new Studio(rs.getLong("id"), rs.getLong("region_id"), rs.getString("region_name"),
                        rs.getString("name"), StudioKind.valueOf(rs.getString("kind")), rs.getString("lead_expert"),
                        date(rs, "established_on"), rs.getString("notes"), rs.getLong("version"),
                        jdbc.sql("select * from talent_studio_member where studio_id = :s order by id").param("s", id)
                                .query((m, i) -> new Member(m.getLong("id"), m.getString("name"), m.getString("title")))
                                .list(),
                        jdbc.sql("select * from talent_studio_output where studio_id = :s order by output_date, id")
                                .param("s", id).query((o, i) -> new Output(o.getLong("id"), date(o, "output_date"),
                                        o.getString("title"))).list()))
                .optional().orElseThrow(() -> new NotFoundException("talent_studio", id));
    }

    @Transactional
    public long addMember(long studioId, String name, String title) {
        requireWriter();
        Studio s = studio(studioId);
        requireWritable(s.regionId());
        if (blank(name)) {
            throw new InvalidInputException("memberName", "validation.required");
        }
        if (name.trim().length() > 50 || (title != null && title.trim().length() > 100)) {
            throw new InvalidInputException(name.trim().length() > 50 ? "memberName" : "memberTitle",
                    "validation.tooLong", name.trim().length() > 50 ? 50 : 100);
        }
        long id = jdbc.sql("insert into talent_studio_member (studio_id, name, title) values (:s, :n, :t) returning id")
                .param("s", studioId).param("n", name.trim()).param("t", trim(title)).query(Long.class).single();
        bump("talent_studio", studioId);
        audit.record("TALENT_STUDIO_MEMBER_ADD", "talent_studio", studioId, Outcome.SUCCESS, name);
        return id;
    }

    @Transactional
    public long addOutput(long studioId, LocalDate date, String title) {
        requireWriter();
        Studio s = studio(studioId);
        requireWritable(s.regionId());
        var problems = new ArrayList<Problem>();
        required(problems, "outputTitle", title);
        checkLength(problems, "outputTitle", title, 200);
        if (date == null) {
            problems.add(new Problem("outputDate", "validation.required"));
        } else if (date.isBefore(s.establishedOn())) {
            problems.add(new Problem("outputDate", "talent.studio.outputBeforeStudio"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("insert into talent_studio_output (studio_id, output_date, title) values (:s, :d, :t) "
                + "returning id").param("s", studioId).param("d", date).param("t", title.trim()).query(Long.class)
                .single();
        bump("talent_studio", studioId);
        audit.record("TALENT_STUDIO_OUTPUT_ADD", "talent_studio", studioId, Outcome.SUCCESS, title);
        return id;
    }

    public PageResult<StudioRow> studios(ListQuery q) {
        return list("""
                select s.id, r.name as region_name, s.name, s.kind, s.lead_expert, s.established_on,
                       (select count(*) from talent_studio_member m where m.studio_id = s.id) as members,
                       (select count(*) from talent_studio_output o where o.studio_id = s.id) as outputs
                  from talent_studio s join region r on r.id = s.region_id
                """, "s", "s.name || ' ' || coalesce(s.lead_expert, '')", "s.established_on",
                Map.of("name", "s.name", "date", "s.established_on", "region", "r.name"), "date", q,
                (rs, n) -> new StudioRow(rs.getLong("id"), rs.getString("region_name"), rs.getString("name"),
                        StudioKind.valueOf(rs.getString("kind")), rs.getString("lead_expert"),
                        date(rs, "established_on"), rs.getLong("members"), rs.getLong("outputs")));
    }

    // ------------------------------------------------------------------ list machinery

    private <T> PageResult<T> list(String select, String alias, String textExpr, String dateExpr,
            Map<String, String> sorts, String defaultSort, ListQuery q, RowMapper<T> mapper) {
        return list(select, alias, textExpr, dateExpr, sorts, defaultSort, q, mapper, null);
    }

    /**
     * One page of a list inside the caller's scope: {@code select} names the record table with {@code alias} and
     * joins {@code region r}; free text, region subtree and year narrow it; the sort is one of {@code sorts}.
     */
    private <T> PageResult<T> list(String select, String alias, String textExpr, String dateExpr,
            Map<String, String> sorts, String defaultSort, ListQuery q, RowMapper<T> mapper,
            Map.Entry<String, String> extra) {
        RegionScope scope = currentUser.scope();
        var params = new HashMap<String, Object>();
        params.put(RegionScope.PARAM, scope.pathPattern());
        var where = new StringBuilder(" where ").append(scope.where(alias + ".region_id"));
        if (!blank(q.q())) {
            where.append(" and (").append(textExpr).append(") ilike :q");
            params.put("q", "%" + q.q().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.regionId() != null) {
            Region region = regions.find(q.regionId()).orElse(null);
            where.append(" and ").append(alias).append(".region_id in (select fr.id from region fr where fr.path like :rf)");
            params.put("rf", region == null ? "/none/" : region.path() + "%");
        }
        if (q.year() != null) {
            where.append(" and ").append(dateExpr).append(" between :yFrom and :yTo");
            params.put("yFrom", LocalDate.of(q.year(), 1, 1));
            params.put("yTo", LocalDate.of(q.year(), 12, 31));
        }
        if (extra != null) {
            where.append(" and ").append(extra.getKey());
            params.put(extra.getKey().substring(extra.getKey().indexOf(':') + 1), extra.getValue());
        }
        String sortExpr = sorts.getOrDefault(q.sort() == null ? defaultSort : q.sort(), sorts.get(defaultSort));
        String dir = q.sort() == null ? "desc" : (q.asc() ? "asc" : "desc");
        long total = jdbc.sql("select count(*) from (" + select + where + ") counted").params(params)
                .query(Long.class).single();
        int size = q.sizeOrDefault();
        int page = q.pageOrZero();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<T> rows = jdbc.sql(select + where + " order by " + sortExpr + " " + dir + ", " + alias + ".id " + dir
                + " limit :limit offset :offset").params(params).query(mapper).list();
        return new PageResult<>(rows, total, page, size);
    }

    // ------------------------------------------------------------------ helpers

    private YinfengUser requireWriter() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.TALENT_OFFICER)) {
            throw new AccessDeniedException("talent records are kept by the talent office");
        }
        return u;
    }

    private void requireWritable(long regionId) {
        currentUser.requireWritable(regionId);
    }

    private long checkRegion(Long regionId, YinfengUser user) {
        return currentUser.checkRegion(regionId, "talent.region.outOfScope");
    }

    private void bump(String table, long id) {
        // table names come from this class only
        jdbc.sql("update " + table + " set version = version + 1 where id = :id").param("id", id).update();
    }

    private static ConflictException conflict(String what, Long expected, long current, Object... pairs) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return new ConflictException(what, version(expected), current, m);
    }

    private static void dates(List<Problem> problems, LocalDate start, LocalDate end) {
        if (start == null) {
            problems.add(new Problem("startDate", "validation.required"));
        }
        if (end == null) {
            problems.add(new Problem("endDate", "validation.required"));
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new Problem("endDate", "talent.endBeforeStart"));
        }
    }

    static List<String> split(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return List.of(names.split("[\\n,，、;；]+")).stream().map(String::trim).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    private static long version(Long v) {
        return v == null ? -1 : v;
    }

    private static int zero(Integer v) {
        return v == null ? 0 : v;
    }

    private static void required(List<Problem> problems, String field, String value) {
        if (blank(value)) {
            problems.add(new Problem(field, "validation.required"));
        }
    }

    /** Longer than the column holds: an error under the field, not a database failure. */

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }
}
