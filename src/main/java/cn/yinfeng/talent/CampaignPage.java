package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.area;
import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.Campaigns.CampaignForm;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Campaigns as the pages show them: the form, and a detail with the places visited and the positions. */
@Component
class CampaignPage implements TalentRecordPage {

    private final Campaigns campaigns;
    private final TalentFields fields;

    CampaignPage(Campaigns campaigns, TalentFields fields) {
        this.campaigns = campaigns;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "campaigns";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return campaigns.campaigns(query);
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new CampaignForm("", region, today, today, "", "", null, 0L);
    }

    @Override
    public Object editForm(long id) {
        var c = campaigns.campaign(id);
        return new CampaignForm(
                c.name(),
                c.regionId(),
                c.startDate(),
                c.endDate(),
                String.join("、", c.cities()),
                String.join("、", c.universities()),
                c.notes(),
                c.version());
    }

    @Override
    public Long version(Object form) {
        return ((CampaignForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (CampaignForm) form;
        return List.of(
                text("name", "talent.field.campaignName", f.name(), "col-md-8"),
                region(f.regionId()),
                date("startDate", "talent.field.startDate", f.startDate(), "col-md-3"),
                date("endDate", "talent.field.endDate", f.endDate(), "col-md-3"),
                text("cities", "talent.field.cities", f.cities(), "col-md-6"),
                text("universities", "talent.field.universities", f.universities(), "col-md-12"),
                area("notes", "talent.field.notes", f.notes()));
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        var c = campaigns.campaign(id);
        model.addAttribute("campaign", c);
        return new Detail(
                c.name(),
                List.of(
                        fields.item("field.region", c.regionName(), locale),
                        fields.item("field.date", c.startDate() + " ~ " + c.endDate(), locale),
                        fields.item("talent.fig.cities", String.join("、", c.cities()), locale),
                        fields.item("talent.fig.universities", String.join("、", c.universities()), locale),
                        fields.item("talent.col.institutions", String.valueOf(c.institutions()), locale),
                        fields.item("talent.col.openings", c.openings() + " / " + c.hires(), locale),
                        fields.item("talent.field.notes", c.notes(), locale)));
    }
}
