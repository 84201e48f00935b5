package cn.yinfeng.talent;

import static cn.yinfeng.common.InvalidInputException.checkLength;
import static cn.yinfeng.talent.TalentChecks.date;
import static cn.yinfeng.talent.TalentChecks.dates;
import static cn.yinfeng.talent.TalentChecks.required;
import static cn.yinfeng.talent.TalentChecks.throwIfAny;
import static cn.yinfeng.talent.TalentChecks.trim;
import static cn.yinfeng.talent.TalentChecks.version;
import static cn.yinfeng.talent.TalentChecks.zero;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.common.TypedNames;
import cn.yinfeng.talent.TalentQueries.ListSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recruiting campaigns (招才引智): the cities and universities visited, and the positions offered with their hires. */
@Service
public class Campaigns {

    public record CampaignForm(
            String name,
            Long regionId,
            LocalDate startDate,
            LocalDate endDate,
            String cities,
            String universities,
            String notes,
            Long version) {}

    public record Campaign(
            long id,
            long regionId,
            String regionName,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            List<String> cities,
            List<String> universities,
            String notes,
            long version,
            List<Position> positions)
            implements TalentWrites.Stored {

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

    public record PositionForm(
            String institution,
            String title,
            Integer openings,
            String requirements,
            Integer applicants,
            Integer hires) {}

    public record Position(
            long id, String institution, String title, int openings, String requirements, int applicants, int hires) {}

    public record CampaignRow(
            long id,
            String regionName,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            long institutions,
            long openings,
            long hires,
            long cities,
            long universities) {}

    private static final String TABLE = "talent_campaign";

    private static final ListSpec<CampaignRow> LIST = new ListSpec<>(
            """
            select c.id, r.name as region_name, c.name, c.start_date, c.end_date,
                   (select count(distinct p.institution) from talent_position p where p.campaign_id = c.id) as institutions,
                   (select coalesce(sum(p.openings), 0) from talent_position p where p.campaign_id = c.id) as openings,
                   (select coalesce(sum(p.hires), 0) from talent_position p where p.campaign_id = c.id) as hires,
                   (select count(*) from talent_campaign_place pl where pl.campaign_id = c.id and pl.kind = 'CITY') as cities,
                   (select count(*) from talent_campaign_place pl where pl.campaign_id = c.id and pl.kind = 'UNIVERSITY') as universities
              from talent_campaign c join region r on r.id = c.region_id
            """,
            "c",
            "c.name",
            "c.start_date",
            Map.of("name", "c.name", "date", "c.start_date", "region", "r.name"),
            "date",
            (rs, n) -> new CampaignRow(
                    rs.getLong("id"),
                    rs.getString("region_name"),
                    rs.getString("name"),
                    date(rs, "start_date"),
                    date(rs, "end_date"),
                    rs.getLong("institutions"),
                    rs.getLong("openings"),
                    rs.getLong("hires"),
                    rs.getLong("cities"),
                    rs.getLong("universities")));

    private final JdbcClient jdbc;
    private final TalentWrites writes;
    private final TalentQueries queries;

    Campaigns(TalentWrites writes, TalentQueries queries) {
        this.jdbc = queries.jdbc();
        this.writes = writes;
        this.queries = queries;
    }

    @Transactional
    public long createCampaign(CampaignForm f) {
        var w = writes.creating(f.regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_campaign (region_id, name, start_date, end_date, notes, created_by)
                values (:region, :name, :start, :end, :notes, :by) returning id
                """)
                .param("region", w.region())
                .param("name", f.name().trim())
                .param("start", f.startDate())
                .param("end", f.endDate())
                .param("notes", trim(f.notes()))
                .param("by", w.by())
                .query(Long.class)
                .single();
        savePlaces(id, f);
        writes.audit("TALENT_CAMPAIGN_CREATE", TABLE, id, f.name());
        return id;
    }

    @Transactional
    public void updateCampaign(long id, CampaignForm f) {
        writes.requireWriter();
        long region = writes.regionForUpdate(campaign(id), f.regionId());
        validate(f);
        int n = jdbc.sql("""
                update talent_campaign set region_id = :region, name = :name, start_date = :start, end_date = :end,
                       notes = :notes, version = version + 1
                 where id = :id and version = :version
                """)
                .param("region", region)
                .param("name", f.name().trim())
                .param("start", f.startDate())
                .param("end", f.endDate())
                .param("notes", trim(f.notes()))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        writes.requireUpdated(n, TABLE, f.version(), () -> campaign(id), now ->
                new Object[] {"name", now.name(), "startDate", now.startDate(), "endDate", now.endDate()});
        jdbc.sql("delete from talent_campaign_place where campaign_id = :id")
                .param("id", id)
                .update();
        savePlaces(id, f);
        writes.audit("TALENT_CAMPAIGN_UPDATE", TABLE, id, f.name());
    }

    private static void validate(CampaignForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "name", f.name());
        dates(problems, f.startDate(), f.endDate());
        checkLength(problems, "name", f.name(), 200);
        checkLength(problems, "notes", f.notes(), 2000);
        for (String place : TypedNames.split(f.cities())) {
            checkLength(problems, "cities", place, 100);
        }
        for (String place : TypedNames.split(f.universities())) {
            checkLength(problems, "universities", place, 100);
        }
        throwIfAny(problems);
    }

    private void savePlaces(long campaignId, CampaignForm f) {
        for (var kind : List.of("CITY", "UNIVERSITY")) {
            for (String name : TypedNames.split(kind.equals("CITY") ? f.cities() : f.universities())) {
                jdbc.sql("insert into talent_campaign_place (campaign_id, kind, name) values (:c, :k, :n) "
                                + "on conflict do nothing")
                        .param("c", campaignId)
                        .param("k", kind)
                        .param("n", name)
                        .update();
            }
        }
    }

    public Campaign campaign(long id) {
        return queries.one(
                "select c.*, r.name as region_name from talent_campaign c " + "join region r on r.id = c.region_id",
                "c",
                id,
                TABLE,
                (rs, n) -> new Campaign(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        rs.getString("name"),
                        date(rs, "start_date"),
                        date(rs, "end_date"),
                        places(id, "CITY"),
                        places(id, "UNIVERSITY"),
                        rs.getString("notes"),
                        rs.getLong("version"),
                        positions(id)));
    }

    private List<String> places(long campaignId, String kind) {
        return jdbc.sql("select name from talent_campaign_place where campaign_id = :c and kind = :k order by id")
                .param("c", campaignId)
                .param("k", kind)
                .query(String.class)
                .list();
    }

    private List<Position> positions(long campaignId) {
        return jdbc.sql("select * from talent_position where campaign_id = :c order by id")
                .param("c", campaignId)
                .query((rs, n) -> new Position(
                        rs.getLong("id"),
                        rs.getString("institution"),
                        rs.getString("title"),
                        rs.getInt("openings"),
                        rs.getString("requirements"),
                        rs.getInt("applicants"),
                        rs.getInt("hires")))
                .list();
    }

    @Transactional
    public long addPosition(long campaignId, PositionForm f) {
        writes.requireWriter();
        writes.requireWritable(campaign(campaignId).regionId());
        validate(f);
        long id = jdbc.sql("""
                insert into talent_position (campaign_id, institution, title, openings, requirements, applicants, hires)
                values (:c, :inst, :title, :openings, :req, :applicants, :hires) returning id
                """)
                .param("c", campaignId)
                .param("inst", f.institution().trim())
                .param("title", f.title().trim())
                .param("openings", f.openings())
                .param("req", trim(f.requirements()))
                .param("applicants", zero(f.applicants()))
                .param("hires", zero(f.hires()))
                .query(Long.class)
                .single();
        writes.bump(TABLE, campaignId);
        writes.audit("TALENT_POSITION_ADD", TABLE, campaignId, f.institution() + " " + f.title() + " x" + f.openings());
        return id;
    }

    /** Applicants and hires of a position, as the campaign goes on. */
    @Transactional
    public void updatePosition(long campaignId, long positionId, PositionForm f) {
        writes.requireWriter();
        Campaign c = campaign(campaignId);
        writes.requireWritable(c.regionId());
        Position p = c.positions().stream()
                .filter(x -> x.id() == positionId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("talent_position", positionId));
        var merged = new PositionForm(
                f.institution() == null ? p.institution() : f.institution(),
                f.title() == null ? p.title() : f.title(),
                f.openings() == null ? p.openings() : f.openings(),
                f.requirements() == null ? p.requirements() : f.requirements(),
                f.applicants() == null ? p.applicants() : f.applicants(),
                f.hires() == null ? p.hires() : f.hires());
        validate(merged);
        jdbc.sql("""
                update talent_position set institution = :inst, title = :title, openings = :openings,
                       requirements = :req, applicants = :applicants, hires = :hires where id = :id
                """)
                .param("inst", merged.institution().trim())
                .param("title", merged.title().trim())
                .param("openings", merged.openings())
                .param("req", trim(merged.requirements()))
                .param("applicants", merged.applicants())
                .param("hires", merged.hires())
                .param("id", positionId)
                .update();
        writes.bump(TABLE, campaignId);
        writes.audit(
                "TALENT_POSITION_UPDATE",
                TABLE,
                campaignId,
                "position " + positionId + " applicants " + merged.applicants() + " hires " + merged.hires());
    }

    private static void validate(PositionForm f) {
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
        TalentChecks.notNegative(problems, "applicants", f.applicants());
        TalentChecks.notNegative(problems, "hires", f.hires());
        if (f.hires() != null && f.applicants() != null && f.hires() > f.applicants()) {
            problems.add(new Problem("hires", "talent.position.hiresOverApplicants"));
        }
        throwIfAny(problems);
    }

    public PageResult<CampaignRow> campaigns(ListQuery q) {
        return queries.list(LIST, q);
    }

    /** Campaigns a talent may be linked to: those the caller sees, newest first. */
    public List<CampaignRow> campaignChoices() {
        return campaigns(new ListQuery(null, null, null, "date", "desc", 0, 200))
                .rows();
    }
}
