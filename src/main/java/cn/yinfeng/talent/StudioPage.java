package cn.yinfeng.talent;

import static cn.yinfeng.talent.TalentFields.area;
import static cn.yinfeng.talent.TalentFields.date;
import static cn.yinfeng.talent.TalentFields.region;
import static cn.yinfeng.talent.TalentFields.text;

import cn.yinfeng.common.PageResult;
import cn.yinfeng.talent.Studios.StudioForm;
import cn.yinfeng.talent.Studios.StudioKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Expert studios as the pages show them: the form, and a detail with members and outputs. */
@Component
class StudioPage implements TalentRecordPage {

    private final Studios studios;
    private final TalentFields fields;

    StudioPage(Studios studios, TalentFields fields) {
        this.studios = studios;
        this.fields = fields;
    }

    @Override
    public String kind() {
        return "studios";
    }

    @Override
    public PageResult<?> list(ListQuery query, String filter) {
        return studios.studios(query);
    }

    @Override
    public Object blankForm(long region, LocalDate today) {
        return new StudioForm("", region, StudioKind.DOCTORAL, null, today, null, 0L);
    }

    @Override
    public Object editForm(long id) {
        var s = studios.studio(id);
        return new StudioForm(
                s.name(), s.regionId(), s.kind(), s.leadExpert(), s.establishedOn(), s.notes(), s.version());
    }

    @Override
    public Long version(Object form) {
        return ((StudioForm) form).version();
    }

    @Override
    public List<Field> fields(Object form, Locale locale) {
        var f = (StudioForm) form;
        return List.of(
                text("name", "talent.field.studioName", f.name(), "col-md-8"),
                region(f.regionId()),
                fields.select(
                        "kind",
                        "talent.field.studioKind",
                        StudioKind.values(),
                        "studioKind.",
                        f.kind(),
                        false,
                        locale,
                        "col-md-4"),
                text("leadExpert", "talent.field.leadExpert", f.leadExpert(), "col-md-4"),
                date("establishedOn", "talent.field.establishedOn", f.establishedOn(), "col-md-4"),
                area("notes", "talent.field.notes", f.notes()));
    }

    @Override
    public Detail detail(long id, Model model, Locale locale) {
        var s = studios.studio(id);
        model.addAttribute("studio", s);
        return new Detail(
                s.name(),
                List.of(
                        fields.item("field.region", s.regionName(), locale),
                        fields.item("talent.field.studioKind", fields.msg("studioKind." + s.kind(), locale), locale),
                        fields.item("talent.field.leadExpert", s.leadExpert(), locale),
                        fields.item(
                                "talent.field.establishedOn", s.establishedOn().toString(), locale),
                        fields.item("talent.field.notes", s.notes(), locale)));
    }
}
