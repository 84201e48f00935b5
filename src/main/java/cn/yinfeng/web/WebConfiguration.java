package cn.yinfeng.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

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
     * jar (a quarter of the CPU the app spent under the load suite). The filter is registered disabled: the templates
     * ask {@link Assets} for the few static links a page has, and it remembers them.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var bean = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        bean.setEnabled(false);
        return bean;
    }

    /**
     * A year ({@code yinfeng.web.static-max-age}), public, immutable: every link to a static file carries its
     * content's hash ({@link Assets}). 0 sends no-store, as for pages: only to measure what caching saves (bench).
     */
    private final CacheControl staticCache;

    WebConfiguration(@Value("${yinfeng.web.static-max-age:365d}") Duration staticMaxAge) {
        this.staticCache = staticMaxAge.isZero()
                ? CacheControl.noStore()
                : CacheControl.maxAge(staticMaxAge).cachePublic().immutable();
    }

    /**
     * Static files (spring.web.resources.add-mappings is off, so these are the only ones): the app's own under
     * {@code /css} and {@code /js}, the webjars under {@code /webjars} by their version-agnostic paths, each also under
     * its content-hash name ({@code app-<md5>.css}), all cached for a year. The chain caches what it resolves.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(staticCache)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
                .addResolver(new LiteWebJarsResourceResolver());
        for (String dir : new String[] {"css", "js"}) {
            registry.addResourceHandler("/" + dir + "/**")
                    .addResourceLocations("classpath:/static/" + dir + "/")
                    .setCacheControl(staticCache)
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
