package cn.yinfeng.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Chinese first: pages speak Chinese until the user picks English ({@code ?lang=en}, kept in a cookie). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("yf-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        // pages default to Chinese; API clients that ask for English in Accept-Language get it
        resolver.setDefaultLocaleFunction(request -> request.getRequestURI().startsWith("/api/")
                        && request.getHeader("Accept-Language") != null
                        && "en".equals(request.getLocale().getLanguage())
                ? Locale.ENGLISH
                : Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    /**
     * Boot turns the resource chain on for the version-agnostic webjar URLs, and with it a filter that passes every
     * link a page writes ({@code @{/projects/42}} as much as {@code @{/webjars/...}}) through the resource resolvers to
     * look for a versioned file; a miss is not cached, so each link of each page was a class-path lookup inside the
     * jar (a quarter of the CPU the app spent under the load suite). Links need no rewriting here (no content-hash
     * versions), so the filter is registered disabled; the webjars are still served by the resolver chain.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var bean = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        bean.setEnabled(false);
        return bean;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
