package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.required;
import static cn.yinfeng.talent.TalentChecks.throwIfAny;
import static cn.yinfeng.talent.TalentChecks.trim;
import static cn.yinfeng.talent.TalentChecks.version;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.talent.TalentQueries.ListSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The introduced talents. Everyone reads within their region scope (in the SQL); only the talent office
 * (TALENT_OFFICER) writes, in its own scope. ID numbers and phones are encrypted on the way in and only their masked
 * form is ever read back here. The other records of the talent office: {@link Campaigns}, {@link Trainings},
 * {@link Partnerships}, {@link CareServices}, {@link Studios}.
 */
@Service
public class Talents {

    public enum Gender {
        M,
        F
    }

    public enum Degree {
        DOCTOR,
        MASTER,
        BACHELOR,
        COLLEGE,
        OTHER
    }

    public enum EmployerKind {
        INSTITUTION,
        ENTERPRISE,
        OTHER
    }

    /** ID number and phone: full values in, never read back here (blank on update keeps the stored value). */
    public record TalentForm(
            String name,
            Long regionId,
            Gender gender,
            Integer birthYear,
            Degree degree,
            String major,
            String university,
            String sourceCity,
            String employer,
            EmployerKind employerKind,
            LocalDate introducedOn,
            Long campaignId,
            String benefits,
            String idNumber,
            String phone,
            Long version) {}

    /** A talent as pages and the API show it: ID number and phone masked. */
    public record Talent(
            long id,
            long regionId,
            String regionName,
            String name,
            Gender gender,
            Integer birthYear,
            Degree degree,
            String major,
            String university,
            String sourceCity,
            String employer,
            EmployerKind employerKind,
            LocalDate introducedOn,
            Long campaignId,
            String campaignName,
            String benefits,
            String idNumber,
            String phone,
            long version)
            implements TalentWrites.Stored {}

    private static final String TABLE = "talent";

    private static final String SELECT = """
            select t.id, t.region_id, r.name as region_name, t.name, t.gender, t.birth_year, t.degree, t.major,
                   t.university, t.source_city, t.employer, t.employer_kind, t.introduced_on, t.campaign_id,
                   c.name as campaign_name, t.benefits, t.id_number_mask, t.phone_mask, t.version
              from talent t join region r on r.id = t.region_id left join talent_campaign c on c.id = t.campaign_id
            """;

    private static final RowMapper<Talent> TALENT = (rs, n) -> new Talent(
            rs.getLong("id"),
            rs.getLong("region_id"),
            rs.getString("region_name"),
            rs.getString("name"),
            rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")),
            (Integer) rs.getObject("birth_year"),
            Degree.valueOf(rs.getString("degree")),
            rs.getString("major"),
            rs.getString("university"),
            rs.getString("source_city"),
            rs.getString("employer"),
            EmployerKind.valueOf(rs.getString("employer_kind")),
            date(rs, "introduced_on"),
            (Long) rs.getObject("campaign_id"),
            rs.getString("campaign_name"),
            rs.getString("benefits"),
            rs.getString("id_number_mask"),
            rs.getString("phone_mask"),
            rs.getLong("version"));

    private static final ListSpec<Talent> LIST = new ListSpec<>(
            SELECT,
            "t",
            "t.name || ' ' || coalesce(t.major, '') || ' ' || coalesce(t.university, '') || ' ' || t.employer",
            "t.introduced_on",
            Map.of(
                    "name",
                    "t.name",
                    "date",
                    "t.introduced_on",
                    "degree",
                    "case t.degree when "
                            + "'DOCTOR' then 1 when 'MASTER' then 2 when 'BACHELOR' then 3 when 'COLLEGE' then 4 else 5 end",
                    "region",
                    "r.name",
                    "employer",
                    "t.employer"),
            "date",
            TALENT);

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final TalentWrites writes;
    private final TalentQueries queries;
    private final Campaigns campaigns;
    private final TalentCrypto crypto;

    Talents(
            CurrentUser currentUser,
            TalentWrites writes,
            TalentQueries queries,
            Campaigns campaigns,
            TalentCrypto crypto) {
        this.jdbc = queries.jdbc();
        this.currentUser = currentUser;
        this.writes = writes;
        this.queries = queries;
        this.campaigns = campaigns;
        this.crypto = crypto;
    }

    LocalDate today() {
        return writes.today();
    }

    /** Only the talent office records and edits. */
    public boolean canWrite() {
        return writes.canWrite();
    }

    @Transactional
    public long createTalent(TalentForm f) {
        var w = writes.creating(f.regionId());
        var p = checkedParams(f, w.region());
        p.put("by", w.by());
        long id = jdbc.sql("""
                insert into talent (region_id, name, gender, birth_year, degree, major, university, source_city,
                                    employer, employer_kind, introduced_on, campaign_id, benefits, id_number_enc,
                                    id_number_mask, phone_enc, phone_mask, created_by)
                values (:region, :name, :gender, :birthYear, :degree, :major, :university, :sourceCity, :employer,
                        :employerKind, :introducedOn, :campaignId, :benefits, :idEnc, :idMask, :phoneEnc, :phoneMask,
                        :by) returning id
                """).params(p).query(Long.class).single();
        // the audit detail names the person, never their ID number or phone
        writes.audit("TALENT_CREATE", TABLE, id, f.name());
        return id;
    }

    @Transactional
    public void updateTalent(long id, TalentForm f) {
        writes.requireWriter();
        long region = writes.regionForUpdate(talent(id), f.regionId());
        var p = checkedParams(f, region);
        p.put("id", id);
        p.put("version", version(f.version()));
        // a blank ID number or phone keeps what is stored: the form never holds the full values
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
        writes.requireUpdated(n, TABLE, f.version(), () -> talent(id), now -> new Object[] {
            "name", now.name(), "degree", now.degree(), "employer", now.employer(), "introducedOn", now.introducedOn()
        });
        writes.audit(
                "TALENT_UPDATE",
                TABLE,
                id,
                f.name()
                        + (p.get("idEnc") != null ? " (ID number changed)" : "")
                        + (p.get("phoneEnc") != null ? " (phone changed)" : ""));
    }

    /** The form checked, as parameters: ID number and phone normalised, encrypted and masked (null if blank). */
    private Map<String, Object> checkedParams(TalentForm f, long region) {
        String idNumber = PersonalData.normaliseId(f.idNumber());
        String phone = PersonalData.normalisePhone(f.phone());
        validate(f, idNumber, phone);
        checkCampaign(f.campaignId());
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
        m.put("idEnc", crypto.encrypt(idNumber, "talent.id_number"));
        m.put("idMask", PersonalData.maskIdNumber(idNumber));
        m.put("phoneEnc", crypto.encrypt(phone, "talent.phone"));
        m.put("phoneMask", PersonalData.maskPhone(phone));
        return m;
    }

    private void validate(TalentForm f, String idNumber, String phone) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        required(problems, "degree", f.degree());
        required(problems, "employer", f.employer());
        checkLength(problems, "name", f.name(), 50);
        checkLength(problems, "major", f.major(), 100);
        checkLength(problems, "university", f.university(), 100);
        checkLength(problems, "sourceCity", f.sourceCity(), 50);
        checkLength(problems, "employer", f.employer(), 200);
        checkLength(problems, "benefits", f.benefits(), 1000);
        TalentChecks.notFuture(problems, "introducedOn", f.introducedOn(), today(), "talent.introducedInFuture");
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
        throwIfAny(problems);
    }

    private void checkCampaign(Long campaignId) {
        if (campaignId != null) {
            try {
                campaigns.campaign(campaignId);
            } catch (NotFoundException e) {
                throw new InvalidInputException("campaignId", "talent.campaign.notVisible");
            }
        }
    }

    /** A talent with masked ID number and phone; not found outside the caller's scope. */
    public Talent talent(long id) {
        return queries.one(SELECT, "t", id, TABLE, TALENT);
    }

    /** Filter: free text over name, major, university, employer; {@code degree} narrows further. */
    public PageResult<Talent> talents(ListQuery q, Degree degree) {
        return queries.list(LIST, q, degree == null ? null : Map.entry("t.degree = :degree", degree.name()));
    }

    /** The stored ciphertexts of a talent visible to the caller (for reveal and a granted export only). */
    Map<String, String> ciphertexts(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select t.id_number_enc, t.phone_enc from talent t where t.id = :id and "
                        + scope.where("t.region_id")))
                .param("id", id)
                .query((rs, n) -> {
                    var m = new HashMap<String, String>();
                    m.put("idNumber", rs.getString(1));
                    m.put("phone", rs.getString(2));
                    return m;
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("talent", id));
    }
}
