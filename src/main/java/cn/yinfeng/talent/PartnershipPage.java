package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.area;
import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.Partnerships.PartnershipForm;
import cn.yinfeng.talent.Partnerships.PartnershipKind;
import cn.yinfeng.talent.Partnerships.PartnershipStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** University partnerships as the pages show them. */
@Component
class PartnershipPage implements TalentRecordPage {

    private final Partnerships partnerships;
    private final TalentFields fields;

    PartnershipPage(Partnerships partnerships, TalentFields fields) {
        this.partnerships = partnerships;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "partnerships";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return partnerships.partnerships(query, TalentFields.parse(PartnershipKind.class, filter));
    }

    @Override
    public List<String[]> filters() {
        return TalentFields.names(PartnershipKind.values(), "partnershipKind.");
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new PartnershipForm("", region, PartnershipKind.BASE, "", today, PartnershipStatus.SIGNED, null, 0L);
    }

    @Override
    public Object editForm(long id) {
        var p = partnerships.partnership(id);
        return new PartnershipForm(
                p.university(), p.regionId(), p.kind(), p.name(), p.signedOn(), p.status(), p.notes(), p.version());
    }

    @Override
    public Long version(Object form) {
        return ((PartnershipForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (PartnershipForm) form;
        return List.of(
                text("university", "talent.field.partnerUniversity", f.university(), "col-md-5"),
                fields.select(
                        "kind",
                        "talent.field.partnershipKind",
                        PartnershipKind.values(),
                        "partnershipKind.",
                        f.kind(),
                        false,
                        locale,
                        "col-md-3"),
                region(f.regionId()),
                text("name", "talent.field.partnershipName", f.name(), "col-md-6"),
                date("signedOn", "talent.field.signedOn", f.signedOn(), "col-md-3"),
                fields.select(
                        "status",
                        "field.status",
                        PartnershipStatus.values(),
                        "partnershipStatus.",
                        f.status(),
                        false,
                        locale,
                        "col-md-3"),
                area("notes", "talent.field.notes", f.notes()));
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        var p = partnerships.partnership(id);
        return new Detail(
                p.university() + " · " + p.name(),
                List.of(
                        fields.item("field.region", p.regionName(), locale),
                        fields.item(
                                "talent.field.partnershipKind",
                                fields.msg("partnershipKind." + p.kind(), locale),
                                locale),
                        fields.item("talent.field.signedOn", p.signedOn().toString(), locale),
                        fields.item("field.status", fields.msg("partnershipStatus." + p.status(), locale), locale),
                        fields.item("talent.field.notes", p.notes(), locale)));
    }
}
