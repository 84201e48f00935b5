package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.number;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.Talents.Degree;
import cn.yinfeng.talent.Talents.EmployerKind;
import cn.yinfeng.talent.Talents.Gender;
import cn.yinfeng.talent.Talents.Talent;
import cn.yinfeng.talent.Talents.TalentForm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Introduced talents as the pages show them: ID number and phone never pre-filled, masked in the detail. */
@Component
class IntroducedTalentPage implements TalentRecordPage {

    private final Talents talents;
    private final Campaigns campaigns;
    private final TalentPii pii;
    private final TalentFields fields;

    IntroducedTalentPage(Talents talents, Campaigns campaigns, TalentPii pii, TalentFields fields) {
        this.talents = talents;
        this.campaigns = campaigns;
        this.pii = pii;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "talents";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return talents.talents(query, TalentFields.parse(Degree.class, filter));
    }

    @Override
    public List<String[]> filters() {
        return TalentFields.names(Degree.values(), "degree.");
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new TalentForm(
                "",
                region,
                null,
                null,
                Degree.MASTER,
                null,
                null,
                null,
                "",
                EmployerKind.INSTITUTION,
                today,
                null,
                null,
                null,
                null,
                0L);
    }

    @Override
    public Object editForm(long id) {
        var t = talents.talent(id);
        return new TalentForm(
                t.name(),
                t.regionId(),
                t.gender(),
                t.birthYear(),
                t.degree(),
                t.major(),
                t.university(),
                t.sourceCity(),
                t.employer(),
                t.employerKind(),
                t.introducedOn(),
                t.campaignId(),
                t.benefits(),
                null,
                null,
                t.version());
    }

    @Override
    public Long version(Object form) {
        return ((TalentForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (TalentForm) form;
        var out = new ArrayList<Field>();
        out.add(text("name", "talent.field.name", f.name(), "col-md-4"));
        out.add(fields.select(
                "gender", "talent.field.gender", Gender.values(), "gender.", f.gender(), true, locale, "col-md-2"));
        out.add(number("birthYear", "talent.field.birthYear", f.birthYear(), "col-md-2"));
        out.add(region(f.regionId()));
        out.add(fields.select(
                "degree", "talent.field.degree", Degree.values(), "degree.", f.degree(), false, locale, "col-md-3"));
        out.add(text("major", "talent.field.major", f.major(), "col-md-3"));
        out.add(text("university", "talent.field.university", f.university(), "col-md-3"));
        out.add(text("sourceCity", "talent.field.sourceCity", f.sourceCity(), "col-md-3"));
        out.add(text("employer", "talent.field.employer", f.employer(), "col-md-6"));
        out.add(fields.select(
                "employerKind",
                "talent.field.employerKind",
                EmployerKind.values(),
                "employerKind.",
                f.employerKind(),
                false,
                locale,
                "col-md-3"));
        out.add(date("introducedOn", "talent.field.introducedOn", f.introducedOn(), "col-md-3"));
        out.add(new Field(
                "campaignId", "talent.field.campaign", "select", null, campaignOptions(f, locale), "col-md-6"));
        out.add(text("benefits", "talent.field.benefits", f.benefits(), "col-md-6"));
        // personal data: never pre-filled; blank keeps what is stored
        out.add(new Field("idNumber", "talent.field.idNumber", "pii", f.idNumber(), null, "col-md-6"));
        out.add(new Field("phone", "talent.field.phone", "pii", f.phone(), null, "col-md-6"));
        return out;
    }

    private List<Option> campaignOptions(TalentForm f, Locale locale) {
        var options = new ArrayList<Option>();
        options.add(new Option("", fields.msg("talent.noCampaign", locale), f.campaignId() == null));
        for (var c : campaigns.campaignChoices()) {
            options.add(
                    new Option(String.valueOf(c.id()), c.name(), f.campaignId() != null && f.campaignId() == c.id()));
        }
        return options;
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        Talent t = talents.talent(id);
        model.addAttribute("talent", t);
        model.addAttribute("granted", pii.granted());
        return new Detail(
                t.name(),
                List.of(
                        fields.item("field.region", t.regionName(), locale),
                        fields.item(
                                "talent.field.gender",
                                t.gender() == null ? null : fields.msg("gender." + t.gender(), locale),
                                locale),
                        fields.item(
                                "talent.field.birthYear",
                                t.birthYear() == null ? null : String.valueOf(t.birthYear()),
                                locale),
                        fields.item("talent.field.degree", fields.msg("degree." + t.degree(), locale), locale),
                        fields.item("talent.field.major", t.major(), locale),
                        fields.item("talent.field.university", t.university(), locale),
                        fields.item("talent.field.sourceCity", t.sourceCity(), locale),
                        fields.item(
                                "talent.field.employer",
                                t.employer() + " · " + fields.msg("employerKind." + t.employerKind(), locale),
                                locale),
                        fields.item(
                                "talent.field.introducedOn", t.introducedOn().toString(), locale),
                        fields.item("talent.field.campaign", t.campaignName(), locale),
                        fields.item("talent.field.benefits", t.benefits(), locale)));
    }
}
