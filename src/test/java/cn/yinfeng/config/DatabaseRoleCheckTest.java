package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.config.DatabaseRoleCheck.RoleFacts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The start-up check of the application's database role, on the facts it reads (checklist #19, #32). */
class DatabaseRoleCheckTest {

    private static final RoleFacts CLEAN =
            new RoleFacts("yinfeng_app", false, false, false, false, false, false, false);

    @Test
    @DisplayName("checklist #32: the prod check refuses a superuser")
    void refusesASuperuserWhenEnforcing() {
        var superuser = new RoleFacts("postgres", true, true, true, true, true, true, true);
        assertThatThrownBy(() -> new DatabaseRoleCheck(true).enforce(superuser))
                .isInstanceOf(DatabaseRoleCheck.PrivilegedRoleException.class)
                .hasMessageContaining("\"postgres\"")
                .hasMessageContaining("is a superuser")
                .hasMessageContaining("Refusing to start");
    }

    @Test
    @DisplayName("checklist #19: the prod check refuses a role that may UPDATE or DELETE audit_log")
    void refusesARoleThatMayChangeTheAuditLog() {
        var updater = new RoleFacts("app", false, false, false, false, true, false, false);
        var deleter = new RoleFacts("app", false, false, false, false, false, true, false);
        assertThatThrownBy(() -> new DatabaseRoleCheck(true).enforce(updater))
                .hasMessageContaining("may UPDATE audit_log");
        assertThatThrownBy(() -> new DatabaseRoleCheck(true).enforce(deleter))
                .hasMessageContaining("may DELETE from audit_log");
    }

    @Test
    void outsideProdAPrivilegedRoleIsOnlyWarnedAbout() {
        var superuser = new RoleFacts("postgres", true, false, false, true, true, true, true);
        assertThatCode(() -> new DatabaseRoleCheck(false).enforce(superuser)).doesNotThrowAnyException();
    }

    @Test
    void aLeastPrivilegedRolePassesAndCreateDbAloneIsNoReasonToRefuse() {
        assertThat(CLEAN.problems()).isEmpty();
        assertThatCode(() -> new DatabaseRoleCheck(true).enforce(CLEAN)).doesNotThrowAnyException();
        var createDb = new RoleFacts("yinfeng_app", false, false, true, false, false, false, false);
        assertThatCode(() -> new DatabaseRoleCheck(true).enforce(createDb)).doesNotThrowAnyException();
    }
}
