package cn.yinfeng.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

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
class OpenApiConfiguration {}
