package cn.yinfeng.enterprises;

import static cn.yinfeng.common.InvalidInputException.checkLength;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.enterprises.Enterprises.EnterpriseForm;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What makes a registry entry valid (the credit code's check digit and uniqueness, the name, the capital, the columns'
 * widths, the phone), and its fields as the SQL binds them; one set of rules for the form, the API, the proposal and
 * the import.
 */
final class EnterpriseRules {

    private EnterpriseRules() {}

    /** The form's problems; {@code takenBy} gives the entry (other than the one edited) holding a valid code. */
    static List<Problem> problems(EnterpriseForm form, Function<String, Optional<Long>> takenBy) {
        var problems = new ArrayList<Problem>();
        String code = CreditCode.normalise(form.creditCode());
        if (code != null) {
            var problem = CreditCode.problem(code);
            if (problem != null) {
                problems.add(new Problem(
                        "creditCode", "enterprise.code." + problem.name().toLowerCase()));
            } else {
                takenBy.apply(code)
                        .ifPresent(id -> problems.add(new Problem("creditCode", "enterprise.code.taken", id)));
            }
        }
        if (form.name() == null || form.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else if (form.name().trim().length() > 200 || NameKeys.of(form.name()).length() > 200) {
            // (the name key folds characters such as ㍿ into several: it must fit its column too)
            problems.add(new Problem("name", "validation.tooLong", 200));
        }
        if (form.registeredCapital() != null && form.registeredCapital().signum() < 0) {
            problems.add(new Problem("registeredCapital", "validation.notNegative"));
        } else if (form.registeredCapital() != null
                && form.registeredCapital().setScale(2, RoundingMode.HALF_UP).precision() - 2 > 14) {
            problems.add(new Problem("registeredCapital", "validation.amountTooLarge")); // beyond numeric(16, 2)
        }
        // the columns' widths: a longer text is the field's error, not a failed insert (an import row, an API call)
        checkLength(problems, "formerNames", form.formerNames(), 500);
        checkLength(problems, "hqProvince", form.hqProvince(), 50);
        checkLength(problems, "hqCity", form.hqCity(), 50);
        checkLength(problems, "industry", form.industry(), 100);
        checkLength(problems, "contactName", form.contactName(), 50);
        checkLength(problems, "sourceChannel", form.sourceChannel(), 50);
        if (form.contactPhone() != null
                && !form.contactPhone().isBlank()
                && !form.contactPhone().trim().matches("[0-9+\\- ]{5,20}")) {
            problems.add(new Problem("contactPhone", "validation.phone"));
        }
        return problems;
    }

    static Map<String, Object> fields(EnterpriseForm f, String code) {
        var m = new HashMap<String, Object>();
        m.put("code", code);
        m.put("name", f.name().trim());
        m.put("key", NameKeys.of(f.name()));
        m.put("former", blank(f.formerNames()));
        m.put("capital", f.registeredCapital());
        m.put("province", blank(f.hqProvince()));
        m.put("city", blank(f.hqCity()));
        m.put("industry", blank(f.industry()));
        m.put("contact", blank(f.contactName()));
        m.put("phone", blank(f.contactPhone()));
        m.put("channel", blank(f.sourceChannel()));
        return m;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
