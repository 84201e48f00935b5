package cn.yinfeng.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * When administrators must use a second factor, an administrator who has none is sent to enrol before any other
 * page; the API is unaffected (tokens are a separate credential).
 */
@Configuration(proxyBeanMethods = false)
class TotpEnrolmentInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String ENROLLED = "yinfeng.totpEnrolled";

    private final SecurityProperties properties;
    private final CurrentUser currentUser;

    TotpEnrolmentInterceptor(SecurityProperties properties, CurrentUser currentUser) {
        this.properties = properties;
        this.currentUser = currentUser;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .excludePathPatterns(
                        "/account/totp",
                        "/logout",
                        "/login/**",
                        "/error",
                        "/api/**",
                        "/webjars/**",
                        "/css/**",
                        "/js/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!properties.totp().requiredForAdmin()) {
            return true;
        }
        var user = currentUser.get().orElse(null);
        if (user == null || !user.isAdmin() || user.totpEnabled()) {
            return true;
        }
        var session = request.getSession(false);
        if (session != null && Boolean.TRUE.equals(session.getAttribute(ENROLLED))) {
            return true;
        }
        response.sendRedirect(request.getContextPath() + "/account/totp");
        return false;
    }
}
