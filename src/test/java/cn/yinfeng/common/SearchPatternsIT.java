package cn.yinfeng.common;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * What a user types into a list's search box is searched for as written: {@code %} and {@code _} are not wildcards,
 * and a backslash (a path pasted from Windows, say) is a character, not a broken pattern.
 */
class SearchPatternsIT extends IntegrationTest {

    private static final String CITY = "Bearer demo-token-city";

    @Test
    void aPercentSignFindsOnlyNamesWithOne() throws Exception {
        mvc.perform(get("/api/v1/enterprises").param("q", "%").header("Authorization", CITY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/talent/talents").param("q", "_").header("Authorization", "Bearer demo-token-talent"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void aBackslashIsSearchedForNotAnError() throws Exception {
        for (String path : new String[] {"/api/v1/tasks", "/api/v1/enterprises"}) {
            mvc.perform(get(path).param("q", "C:\\台账\\").header("Authorization", CITY))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(0));
        }
    }
}
