package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureCredentialsExpiredEvent;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains. {@code /actuator/**}: health and probes open to anyone (details for administrators only),
 * everything else (Prometheus metrics) for an administrator's session or API token, or the scrape token.
 * Then two more. {@code /api/**}: stateless, Bearer tokens only, no cookies read, so no CSRF token is needed and
 * failures are problem documents. Everything else: form sign-in with session, CSRF on every form, lockout,
 * password expiry and the TOTP second factor.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";

    /** One year: browsers then use https only for the host and its subdomains. */
    static final long HSTS_MAX_AGE = 365L * 24 * 3600;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        var events = new DefaultAuthenticationEventPublisher(publisher);
        // events are looked up by the exact exception class: our own kinds must be named, or they publish nothing
        // (and a wrong one-time code would neither count towards the lockout nor be audited)
        events.setAdditionalExceptionMappings(Map.of(
                TotpRequiredException.class, AuthenticationFailureBadCredentialsEvent.class,
                TotpReplayException.class, AuthenticationFailureBadCredentialsEvent.class,
                PasswordExpiredException.class, AuthenticationFailureCredentialsExpiredEvent.class));
        return events;
    }

    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @Bean
    AuthenticationManager authenticationManager(
            YinfengUserDetailsService details,
            PasswordEncoder encoder,
            UserRepository users,
            Clock clock,
            AuthenticationEventPublisher events) {
        var manager = new ProviderManager(new PasswordAndTotpAuthenticationProvider(details, encoder, users, clock));
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    @Bean
    @Order(0)
    SecurityFilterChain actuatorChain(
            HttpSecurity http,
            ApiTokens tokens,
            WarmUpIdentity warmUp,
            AuditLog audit,
            MessageSource messages,
            @Value("${yinfeng.metrics.scrape-token:}") String scrapeToken)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasAnyAuthority("ROLE_" + Role.ADMIN.name(), MetricsScrapeFilter.AUTHORITY))
                // a probe or a scraper never gets a session; an administrator's existing session is still read
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(
                        new MetricsScrapeFilter(scrapeToken, new BearerTokenFilter(tokens, warmUp, audit, messages)),
                        AnonymousAuthenticationFilter.class)
                .headers(h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problem(
                                    response,
                                    401,
                                    "api.unauthorized.title",
                                    "api.unauthorized.detail",
                                    messages,
                                    request);
                        })
                        .accessDeniedHandler((request, response, ex) -> problem(
                                response, 403, "api.forbidden.title", "api.forbidden.detail", messages, request)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http, ApiTokens tokens, WarmUpIdentity warmUp, AuditLog audit, MessageSource messages)
            throws Exception {
        http.securityMatcher("/api/**")
                // least privilege (checklist #8): a talent-only user reaches the talent API and their own
                // account only; see TalentOfficerRights
                .authorizeHttpRequests(a -> a.anyRequest().access(TalentOfficerRights.api()))
                // bearer tokens only: the API never reads the session cookie, so a forged cross-site request
                // carries no credentials and CSRF tokens are not needed here
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(s -> s.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(
                        new BearerTokenFilter(tokens, warmUp, audit, messages), AnonymousAuthenticationFilter.class)
                .headers(h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problem(
                                    response,
                                    401,
                                    "api.unauthorized.title",
                                    "api.unauthorized.detail",
                                    messages,
                                    request);
                        })
                        .accessDeniedHandler((request, response, ex) -> problem(
                                response, 403, "api.forbidden.title", "api.forbidden.detail", messages, request)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            @Value("${yinfeng.api-docs.public:false}") boolean apiDocsPublic)
            throws Exception {
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/login/**",
                                "/setup",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        // the API's description: open in the demo, else for signed-in users (yinfeng.api-docs.public)
                        .requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
                        .access(
                                apiDocsPublic
                                        ? SingleResultAuthorizationManager.<RequestAuthorizationContext>permitAll()
                                        : AuthenticatedAuthorizationManager
                                                .<RequestAuthorizationContext>authenticated())
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        // least privilege (checklist #8): a talent-only user reaches the talent pages, home,
                        // account and inbox only, nothing of investment work; see TalentOfficerRights
                        .anyRequest()
                        .access(TalentOfficerRights.pages()))
                .formLogin(f -> f.loginPage("/login")
                        .authenticationDetailsSource(LoginDetails::new)
                        .successHandler(new SavedRequestAwareAuthenticationSuccessHandler())
                        .failureHandler(failureHandler())
                        .permitAll())
                .logout(l ->
                        l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        // on secure requests only (https, or X-Forwarded-Proto: https from a trusted proxy)
                        .httpStrictTransportSecurity(
                                t -> t.maxAgeInSeconds(HSTS_MAX_AGE).includeSubDomains(true))
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Each refusal gets its own message on the sign-in page; the password-expired case goes to the change form. */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
            String target;
            if (ex instanceof PasswordExpiredException expired) {
                // password (and code) proved right: a fresh session id, holding the marker that opens the change
                // form for this user only, for a few minutes
                if (request.getSession(false) != null) {
                    request.changeSessionId();
                }
                request.getSession().setAttribute(ExpiredPasswordMarker.ATTRIBUTE, expired.marker());
                target = "/login/expired";
            } else if (ex instanceof LockedException) {
                target = "/login?error=locked";
            } else if (ex instanceof DisabledException) {
                target = "/login?error=disabled";
            } else {
                target = "/login?error=bad";
            }
            response.sendRedirect(request.getContextPath() + target);
        };
    }

    private static void problem(
            HttpServletResponse response,
            int status,
            String titleKey,
            String detailKey,
            MessageSource messages,
            HttpServletRequest request)
            throws IOException {
        var locale = ApiLocale.of(request);
        ProblemResponses.write(
                response,
                status,
                messages.getMessage(titleKey, null, locale),
                messages.getMessage(detailKey, null, locale),
                null);
    }
}
