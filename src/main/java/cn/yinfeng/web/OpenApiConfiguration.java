package cn.yinfeng.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document at {@code /v3/api-docs}: every {@code /api/v1} endpoint takes a Bearer API token. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Yinfeng 引凤 API",
                        version = "v1",
                        description =
                                "双招双引 platform API. Authenticate with `Authorization: Bearer <token>`; tokens are created "
                                        + "on the account page or with POST /api/v1/tokens. Errors are RFC 9457 problem documents."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
class OpenApiConfiguration {

    /**
     * Springdoc documents a method of a page controller ({@code @Controller}, not {@code @RestController}) only when
     * it has {@code @ResponseBody} or {@code @Operation}, so a download mapped for a page and for the API at once
     * ({@code @GetMapping({"/x/export", "/api/v1/x/export"})}) was left out. Every controller with a mapping under
     * {@code /api/} counts as an API controller here; {@code springdoc.paths-to-match} still keeps its page paths out.
     */
    @Bean
    SmartInitializingSingleton apiMappingsOfPageControllersAreDocumented(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        return () -> SpringDocUtils.getConfig()
                .addRestControllers(mappings.getHandlerMethods().entrySet().stream()
                        .filter(e -> e.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/")))
                        .map(e -> e.getValue().getBeanType())
                        .distinct()
                        .toArray(Class<?>[]::new));
    }
}
