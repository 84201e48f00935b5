/**
 * The append-only, hash-chained audit log of user and security events, its verification and its admin page.
 * Depends on no feature module: callers identify themselves through {@link cn.yinfeng.audit.AuditActor}.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package cn.yinfeng.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
