package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditUserNames;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Gives the audit page the display names of the users on it, one query for the page. */
@Component
class AccountAuditNames implements AuditUserNames {

    private final UserDirectory directory;

    AccountAuditNames(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Map<Long, String> displayNames(Collection<Long> userIds) {
        return directory.displayNames(userIds);
    }
}
