package cn.yinfeng.accounts;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Least privilege of the talent office (人才办, checklist #8). A user whose only role is TALENT_OFFICER works on
 * the talent module (campaigns, talents, training, partnerships, care, studios and their figures) and on what every
 * user has (home, own account and tokens, own inbox, the region tree the talent forms choose from). The talent
 * module references nothing of projects, so nothing of investment work is theirs: projects, funds, enterprises,
 * chains, activities, ledger imports, targets, statistics, supervision and reconciliation all answer 403.
 * <p>
 * The rule is an allow-list and fails closed: a path not named here is refused to a talent-only user, so a new
 * investment page is never open to them by default. A user holding TALENT_OFFICER together with another role keeps
 * that role's rights. The role table is in docs/security/talent-and-personal-data.md.
 */
final class TalentOfficerRights {

    /** Pages a talent-only user may reach (besides the sign-in, error and static paths everyone may). */
    static final List<String> PAGES =
            List.of("/", "/account", "/account/**", "/inbox", "/inbox/**", "/talent", "/talent/**");

    /** API paths a talent-only user may reach. */
    static final List<String> API = List.of(
            "/api/v1/me",
            "/api/v1/me/**",
            "/api/v1/tokens",
            "/api/v1/tokens/**",
            "/api/v1/regions",
            "/api/v1/regions/**",
            "/api/v1/inbox",
            "/api/v1/inbox/**",
            "/api/v1/talent/**");

    private TalentOfficerRights() {}

    /** Authenticated, and for a talent-only user one of {@link #PAGES}. */
    static AuthorizationManager<RequestAuthorizationContext> pages() {
        return rule(PAGES);
    }

    /** Authenticated, and for a talent-only user one of {@link #API}. */
    static AuthorizationManager<RequestAuthorizationContext> api() {
        return rule(API);
    }

    /** Whether TALENT_OFFICER is the only role among these authorities (factor authorities do not count). */
    static boolean talentOnly(Collection<? extends GrantedAuthority> authorities) {
        var roles = authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .toList();
        return !roles.isEmpty() && roles.stream().allMatch(Role.TALENT_OFFICER.authority()::equals);
    }

    private static AuthorizationManager<RequestAuthorizationContext> rule(List<String> allowed) {
        RequestMatcher talentPaths = new OrRequestMatcher(allowed.stream()
                .map(p -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(p))
                .toList());
        AuthorizationManager<RequestAuthorizationContext> authenticated =
                AuthenticatedAuthorizationManager.authenticated();
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(
                    Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
                AuthorizationResult signedIn = authenticated.authorize(authentication, context);
                if (signedIn == null || !signedIn.isGranted()) {
                    return signedIn;
                }
                if (!talentOnly(authentication.get().getAuthorities())) {
                    return new AuthorizationDecision(true);
                }
                return new AuthorizationDecision(talentPaths.matches(context.getRequest()));
            }

            @Override
            public String toString() {
                return "authenticated, talent office limited to " + allowed;
            }
        };
    }
}
