package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document describes the whole API: every mapping under /api/v1, with each of its methods. */
class OpenApiCoverageIT extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @DisplayName("issue 18: every /api/v1 request mapping, any method, is an operation of /v3/api-docs")
    void everyApiMappingIsInTheOpenApiDocument() throws Exception {
        JsonNode paths = apiDocs().path("paths");
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (var info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") && !pattern.equals("/api/v1")) {
                    continue;
                }
                checked++;
                JsonNode path = paths.path(documented(pattern));
                if (methods.isEmpty()) {
                    if (path.isMissingNode() || path.isEmpty()) {
                        missing.add("ANY " + pattern);
                    }
                }
                for (RequestMethod m : methods) {
                    if (path.path(m.name().toLowerCase()).isMissingNode()) {
                        missing.add(m + " " + pattern);
                    }
                }
            }
        }
        assertThat(checked).as("mappings under /api/v1").isGreaterThan(10);
        assertThat(missing)
                .as("mappings under /api/v1 missing from /v3/api-docs:%n  %s", String.join("\n  ", missing))
                .isEmpty();
    }

    @Test
    @DisplayName("issue 18: each export is described with its query parameters and the file types it answers with")
    void theExportsListTheirQueryParametersAndTheirFileTypes() throws Exception {
        JsonNode paths = apiDocs().path("paths");
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        assertExport(paths, "/api/v1/projects/export", List.of("format", "q", "regionId", "stage", "signedFrom"), xlsx);
        assertExport(paths, "/api/v1/funds/export", List.of("format", "regionId", "from", "to"), xlsx);
        assertExport(paths, "/api/v1/enterprises/export", List.of("format", "q", "industry", "prospect"), xlsx);
        assertExport(paths, "/api/v1/activities/export", List.of("format", "from", "to", "regionId", "type"), xlsx);
        assertExport(paths, "/api/v1/audit/export", List.of("from", "to", "username", "action", "outcome"), null);
    }

    private static void assertExport(JsonNode paths, String path, List<String> params, String xlsx) {
        JsonNode get = paths.path(path).path("get");
        var names = new ArrayList<String>();
        get.path("parameters").forEach(p -> {
            assertThat(p.path("in").asString()).as(path + " " + p).isEqualTo("query");
            names.add(p.path("name").asString());
        });
        assertThat(names).as(path + " parameters").containsAll(params).doesNotContain("locale", "response");
        JsonNode content = get.path("responses").path("200").path("content");
        var types = new ArrayList<String>();
        content.propertyNames().forEach(types::add);
        assertThat(types).as(path + " response types").contains("text/csv");
        if (xlsx != null) {
            assertThat(types).as(path + " response types").contains(xlsx);
        }
    }

    private JsonNode apiDocs() throws Exception {
        String body = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }

    /** The path as OpenAPI writes it: {@code {id:\d+}} becomes {@code {id}}. */
    private static String documented(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }
}
