package cn.yinfeng.accounts;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Password complexity (MLPS 身份鉴别 a): length, a mix of character classes, not the user name. */
@Component
public class PasswordPolicy {

    private final SecurityProperties.Password rules;

    @Autowired
    PasswordPolicy(SecurityProperties properties) {
        this.rules = properties.password();
    }

    PasswordPolicy(SecurityProperties.Password rules) {
        this.rules = rules;
    }

    /** Problems with {@code password} for {@code field}; empty when it is acceptable. */
    public List<Problem> check(String field, String username, String password) {
        var problems = new ArrayList<Problem>();
        if (password == null || password.length() < rules.minLength()) {
            problems.add(new Problem(field, "password.tooShort", rules.minLength()));
            return problems;
        }
        if (classes(password) < rules.minClasses()) {
            problems.add(new Problem(field, "password.tooSimple", rules.minClasses()));
        }
        if (username != null
                && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add(new Problem(field, "password.containsUsername"));
        }
        return problems;
    }

    static int classes(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
