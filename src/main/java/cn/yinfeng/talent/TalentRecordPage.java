package cn.yinfeng.talent;

import cn.yinfeng.common.PageResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.ui.Model;

/**
 * One kind of talent record as the pages show it ({@code /talent/{kind}}): its list, its blank and edit forms, the
 * fields of its form and the lines of its detail. The one list, form and detail template take what this gives, so
 * every kind looks and behaves the same.
 */
interface TalentRecordPage {

    /** A form field: input type text|number|date|select|textarea|region|pii. */
    record Field(String name, String label, String type, Object value, List<Option> options, String cols) {}

    record Option(String value, String label, boolean selected) {}

    /** A line of a detail page. */
    record Item(String label, String value) {}

    /** The detail page's title and lines. */
    record Detail(String title, List<Item> items) {}

    /** The path word: campaigns, talents, classes, partnerships, care, studios. */
    String kind();

    PageResult<?> list(ListQuery query, String filter);

    /** The filter choices of the list, as {value, message key}. */
    default List<String[]> filters() {
        return List.of();
    }

    Object blankForm(long region, LocalDate today);

    Object editForm(long id);

    /** The version a form was read at (a stale one is a 409 on save). */
    Long version(Object form);

    List<Field> fields(Object form, Locale locale);

    /** The record's detail; what the template shows under it (positions, sessions …) goes into the model. */
    Detail detail(long id, Model model, Locale locale);
}
