package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.area;
import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.number;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.Trainings.ClassForm;
import cn.yinfeng.talent.Trainings.ClassKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Training classes as the pages show them: the form, and a detail with participants and sessions. */
@Component
class TrainingClassPage implements TalentRecordPage {

    private final Trainings trainings;
    private final TalentFields fields;

    TrainingClassPage(Trainings trainings, TalentFields fields) {
        this.trainings = trainings;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "classes";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return trainings.classes(query, TalentFields.parse(ClassKind.class, filter));
    }

    @Override
    public List<String[]> filters() {
        return TalentFields.names(ClassKind.values(), "classKind.");
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new ClassForm("", region, ClassKind.ZHONGQING, null, null, today, today, null, 0L);
    }

    @Override
    public Object editForm(long id) {
        var c = trainings.trainingClass(id);
        return new ClassForm(
                c.name(),
                c.regionId(),
                c.kind(),
                c.term(),
                c.partner(),
                c.startDate(),
                c.endDate(),
                c.notes(),
                c.version());
    }

    @Override
    public Long version(Object form) {
        return ((ClassForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (ClassForm) form;
        return List.of(
                text("name", "talent.field.className", f.name(), "col-md-8"),
                region(f.regionId()),
                fields.select(
                        "kind",
                        "talent.field.classKind",
                        ClassKind.values(),
                        "classKind.",
                        f.kind(),
                        false,
                        locale,
                        "col-md-4"),
                number("term", "talent.field.term", f.term(), "col-md-2"),
                text("partner", "talent.field.partner", f.partner(), "col-md-6"),
                date("startDate", "talent.field.startDate", f.startDate(), "col-md-3"),
                date("endDate", "talent.field.endDate", f.endDate(), "col-md-3"),
                area("notes", "talent.field.notes", f.notes()));
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        var c = trainings.trainingClass(id);
        model.addAttribute("trainingClass", c);
        return new Detail(
                c.name(),
                List.of(
                        fields.item("field.region", c.regionName(), locale),
                        fields.item(
                                "talent.field.classKind",
                                fields.msg("classKind." + c.kind(), locale)
                                        + (c.term() == null
                                                ? ""
                                                : " · " + fields.msg("talent.termN", locale, c.term())),
                                locale),
                        fields.item("talent.field.partner", c.partner(), locale),
                        fields.item("field.date", c.startDate() + " ~ " + c.endDate(), locale),
                        fields.item("talent.col.attendance", String.valueOf(c.attendance()), locale),
                        fields.item("talent.field.notes", c.notes(), locale)));
    }
}
