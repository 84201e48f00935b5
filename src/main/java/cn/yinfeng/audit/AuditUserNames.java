package cn.yinfeng.audit;

import java.util.Collection;
import java.util.Map;

/**
 * Display names of the users an audit page names, in one look-up for the page. The audit module depends on no
 * feature module, so the accounts module provides this; without it the page shows user names only.
 */
public interface AuditUserNames {

    Map<Long, String> displayNames(Collection<Long> userIds);
}
