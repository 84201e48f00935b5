package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the API. A refused token is answered here with 401 and a
 * problem document that says why (unknown, expired, revoked, owner inactive), and an audit row.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final WarmUpIdentity warmUp;
    private final AuditLog audit;
    private final MessageSource messages;

    BearerTokenFilter(ApiTokens tokens, WarmUpIdentity warmUp, AuditLog audit, MessageSource messages) {
        this.tokens = tokens;
        this.warmUp = warmUp;
        this.audit = audit;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).trim();
        YinfengUser warmUpUser = warmUp.check(secret, request.getMethod(), request.getRemoteAddr());
        if (warmUpUser != null) {
            signedIn(warmUpUser, request, response, chain);
            return;
        }
        var check = tokens.check(secret);
        if (check.user() == null) {
            audit.record(
                    null,
                    null,
                    "API_TOKEN_REJECTED",
                    "api_token",
                    check.tokenId(),
                    Outcome.FAILURE,
                    check.rejection().name() + " " + request.getMethod() + " " + request.getRequestURI(),
                    request.getRemoteAddr());
            Locale locale = ApiLocale.of(request);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemResponses.write(
                    response,
                    401,
                    messages.getMessage("api.unauthorized.title", null, locale),
                    messages.getMessage("api.token." + check.rejection().name(), null, locale),
                    "token_" + check.rejection().name().toLowerCase(Locale.ROOT));
            return;
        }
        signedIn(check.user(), request, response, chain);
    }

    private static void signedIn(
            YinfengUser user, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
