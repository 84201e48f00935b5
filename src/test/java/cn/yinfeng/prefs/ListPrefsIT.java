package cn.yinfeng.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Each user's column choice, page size and saved filters of a list: persisted, their own, versioned. */
class ListPrefsIT extends IntegrationTest {

    private String bearer(String user) {
        return "Bearer " + accounts.token(user);
    }

    @Test
    void aColumnChoicePersistsForItsUserOnlyAndAStaleVersionIsAConflict() throws Exception {
        String userA = accounts.create("lpa", "141181", Role.COUNTY_STAFF);
        String a = bearer(userA);
        String b = bearer(accounts.create("lpb", "141181", Role.COUNTY_STAFF));
        mvc.perform(get("/api/v1/me/list-prefs/projects").header("Authorization", a))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.hiddenColumns").isEmpty());
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[\"region\",\"leader\"],\"pageSize\":50,\"version\":0}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(get("/api/v1/me/list-prefs/projects").header("Authorization", a))
                .andExpect(jsonPath("$.hiddenColumns[0]").value("region"))
                .andExpect(jsonPath("$.hiddenColumns[1]").value("leader"))
                .andExpect(jsonPath("$.pageSize").value(50));
        // another user, and another list of the same user, see nothing of it
        mvc.perform(get("/api/v1/me/list-prefs/projects").header("Authorization", b))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.hiddenColumns").isEmpty());
        mvc.perform(get("/api/v1/me/list-prefs/talents").header("Authorization", a))
                .andExpect(jsonPath("$.hiddenColumns").isEmpty());
        // a second tab that read version 0 (or 1, after a change) does not overwrite silently
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[],\"version\":0}"))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[\"stage\"],\"pageSize\":100,\"version\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[\"stage\"],\"version\":1}"))
                .andExpect(status().isConflict());
        // only the offered page sizes, only plain column keys
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[],\"pageSize\":33,\"version\":2}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/me/list-prefs/projects")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenColumns\":[\"<script>\"],\"version\":2}"))
                .andExpect(status().isBadRequest());
        assertThat(auditRows("LIST_PREF", userA, "SUCCESS")).isEqualTo(2);
    }

    @Test
    void savedFiltersAreTheirUsersOwnAndStillScopedWhenApplied() throws Exception {
        String user = accounts.create("lpf", "141181", Role.COUNTY_STAFF);
        String a = bearer(user);
        String b = bearer(accounts.create("lpg", "141181", Role.COUNTY_STAFF));
        long zhongyang = regionByCode("141129");
        String body = mvc.perform(post("/api/v1/me/list-prefs/projects/filters")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"中阳重点\",\"params\":{\"regionId\":\"" + zhongyang
                                + "\",\"keyProject\":\"true\",\"page\":\"3\",\"cursor\":\"1|1\"}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        mvc.perform(get("/api/v1/me/list-prefs/projects/filters").header("Authorization", a))
                .andExpect(jsonPath("$[0].name").value("中阳重点"))
                .andExpect(jsonPath("$[0].params.regionId").value(String.valueOf(zhongyang)))
                .andExpect(jsonPath("$[0].params.page").doesNotExist())
                .andExpect(jsonPath("$[0].params.cursor").doesNotExist());
        mvc.perform(get("/api/v1/me/list-prefs/projects/filters").header("Authorization", b))
                .andExpect(jsonPath("$").isEmpty());
        mvc.perform(delete("/api/v1/me/list-prefs/projects/filters/" + id).header("Authorization", b))
                .andExpect(status().isNotFound());

        // the filter names 中阳, outside 孝义's scope: applied, the list still shows 孝义's rows only (none of 中阳's)
        String list = mvc.perform(get("/api/v1/projects?regionId=" + zhongyang + "&keyProject=true&size=100")
                        .header("Authorization", a))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Number> ids = JsonPath.read(list, "$.rows[*].id");
        long xiaoyi = regionByCode("141181");
        long readable = ids.isEmpty()
                ? 0
                : jdbc.sql("select count(*) from project where id = any(:ids)"
                                + " and (region_id = :x or attracting_region_id = :x)")
                        .param("ids", ids.stream().map(Number::longValue).toArray(Long[]::new))
                        .param("x", xiaoyi)
                        .query(Long.class)
                        .single();
        assertThat(readable).isEqualTo(ids.size());
        long unscoped = jdbc.sql("select count(*) from project where region_id = :z and key_project")
                .param("z", zhongyang)
                .query(Long.class)
                .single();
        assertThat((long) ids.size()).isLessThanOrEqualTo(unscoped);

        mvc.perform(post("/api/v1/me/list-prefs/projects/filters")
                        .header("Authorization", a)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  \",\"params\":{}}"))
                .andExpect(status().isBadRequest());
        mvc.perform(delete("/api/v1/me/list-prefs/projects/filters/" + id).header("Authorization", a))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me/list-prefs/projects/filters").header("Authorization", a))
                .andExpect(jsonPath("$").isEmpty());
        assertThat(auditRows("LIST_FILTER_DELETE", user, "SUCCESS")).isEqualTo(1);
    }
}
