package cn.yinfeng.accounts;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.regions.ScopeProvider;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting and which rows they may see. Fails closed: without a signed-in Yinfeng user there is no scope, and
 * asking for one is an access denial, never an unrestricted query.
 */
@Component
public class CurrentUser implements ScopeProvider {

    private final Regions regions;

    CurrentUser(Regions regions) {
        this.regions = regions;
    }

    public Optional<YinfengUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof YinfengUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public YinfengUser require() {
        return get().orElseThrow(() -> new AccessDeniedException("no signed-in user"));
    }

    /** Whether someone is signed in who keeps the ledgers (county or city staff). */
    public boolean isStaff() {
        return get().map(YinfengUser::isStaff).orElse(false);
    }

    /** The signed-in county or city staff member; anyone else is refused (403) with {@code why} in the log. */
    public YinfengUser requireStaff(String why) {
        YinfengUser u = require();
        if (!u.isStaff()) {
            throw new AccessDeniedException(why);
        }
        return u;
    }

    /** The region scope of the current user: their region and everything below it. */
    public RegionScope scope() {
        return regions.scopeOf(require().region());
    }

    @Override
    public RegionScope current() {
        return scope();
    }

    /** Refuses a write to a region outside the caller's scope (a 403: the caller asked for a record there). */
    public void requireWritable(long regionId) {
        Region r = regions.find(regionId).orElseThrow();
        if (!scope().covers(r)) {
            throw new AccessDeniedException("region outside the caller's scope");
        }
    }

    /**
     * The region a form names, or the caller's own when it names none; one outside the caller's scope is an error
     * on the form's {@code regionId} field with the given message key.
     */
    public long checkRegion(Long regionId, String messageKey) {
        long id = regionId == null ? require().region() : regionId;
        Region r = regions.find(id).orElse(null);
        if (r == null || !scope().covers(r)) {
            throw new InvalidInputException("regionId", messageKey);
        }
        return id;
    }
}
