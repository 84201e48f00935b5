package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.area;
import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.number;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.CareServices.CareForm;
import cn.yinfeng.talent.CareServices.CareKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Care services as the pages show them. */
@Component
class CarePage implements TalentRecordPage {

    private final CareServices cares;
    private final TalentFields fields;

    CarePage(CareServices cares, TalentFields fields) {
        this.cares = cares;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "care";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return cares.cares(query, TalentFields.parse(CareKind.class, filter));
    }

    @Override
    public List<String[]> filters() {
        return TalentFields.names(CareKind.values(), "careKind.");
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new CareForm(CareKind.HEALTH_CHECK, region, "", 1, today, null, null, null, 0L);
    }

    @Override
    public Object editForm(long id) {
        var c = cares.care(id);
        return new CareForm(
                c.kind(),
                c.regionId(),
                c.title(),
                c.batch(),
                c.serviceDate(),
                c.people(),
                c.amount(),
                c.notes(),
                c.version());
    }

    @Override
    public Long version(Object form) {
        return ((CareForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (CareForm) form;
        return List.of(
                fields.select(
                        "kind",
                        "talent.field.careKind",
                        CareKind.values(),
                        "careKind.",
                        f.kind(),
                        false,
                        locale,
                        "col-md-4"),
                text("title", "talent.field.careTitle", f.title(), "col-md-8"),
                region(f.regionId()),
                number("batch", "talent.field.batch", f.batch(), "col-md-2"),
                date("serviceDate", "talent.field.serviceDate", f.serviceDate(), "col-md-3"),
                number("people", "talent.field.people", f.people(), "col-md-3"),
                number("amount", "talent.field.amount", f.amount(), "col-md-4"),
                area("notes", "talent.field.notes", f.notes()));
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        var c = cares.care(id);
        return new Detail(
                c.title(),
                List.of(
                        fields.item("field.region", c.regionName(), locale),
                        fields.item("talent.field.careKind", fields.msg("careKind." + c.kind(), locale), locale),
                        fields.item("talent.field.batch", c.batch() == null ? null : String.valueOf(c.batch()), locale),
                        fields.item("talent.field.serviceDate", c.serviceDate().toString(), locale),
                        fields.item("talent.field.people", String.valueOf(c.people()), locale),
                        fields.item(
                                "talent.field.amount",
                                c.amount() == null ? null : c.amount().toPlainString(),
                                locale),
                        fields.item("talent.field.notes", c.notes(), locale)));
    }
}
