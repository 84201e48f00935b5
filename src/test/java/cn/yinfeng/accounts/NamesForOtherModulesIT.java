package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What other modules read of users through {@link Accounts}: names for whole pages at once, ids by user name or by a
 * piece of the display name, who holds a role; and the pages of those modules still showing the same names.
 */
class NamesForOtherModulesIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String CITY_NAME = "市投促中心 王科长";

    @Autowired
    Accounts directory;

    @Autowired
    Regions regions;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private void rename(long id, String displayName) {
        jdbc.sql("update app_user set display_name = :n where id = :id")
                .param("n", displayName)
                .param("id", id)
                .update();
    }

    private void disable(long id) {
        jdbc.sql("update app_user set enabled = false where id = :id")
                .param("id", id)
                .update();
    }

    private String page(String user, String url) throws Exception {
        var session = (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        var r = mvc.perform(get(url).session(session)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void displayNamesComeForManyUsersAtOnceEnabledOrNotAndUnknownIdsAreAbsent() {
        long on = accounts.id(accounts.create("dn", "141181", Role.COUNTY_STAFF));
        long off = accounts.id(accounts.create("dn", "141181", Role.LEADER));
        disable(off);
        var names = directory.displayNames(List.of(on, off, -1L));
        assertThat(names).containsOnlyKeys(on, off);
        assertThat(names.get(off)).startsWith("测试用户 dn");
        assertThat(directory.displayNames(List.of())).isEmpty();
        var cards = directory.cards(Set.of(on));
        assertThat(cards.get(on).regionName()).isEqualTo("孝义市");
        assertThat(cards.get(on).displayName()).isEqualTo(names.get(on));
    }

    @Test
    void aUserIsFoundByExactlyTheirUserNameAndByAPieceOfTheirDisplayNameTakenLiterally() {
        String username = accounts.create("lit", "141181", Role.COUNTY_STAFF);
        long percent = accounts.id(username);
        long other = accounts.id(accounts.create("lit", "141181", Role.COUNTY_STAFF));
        rename(percent, "名称检索 完成10%_甲");
        rename(other, "名称检索 完成10xy甲");
        assertThat(directory.idOf(username)).contains(percent);
        assertThat(directory.idOf(username.toUpperCase())).isEmpty();
        assertThat(directory.displayNameContains("10%_")).containsExactly(percent);
        assertThat(directory.displayNameContains("名称检索 完成")).contains(percent, other);
    }

    @Test
    void roleHoldersAreEnabledUsersWithOneOfTheRolesAndOfTheRegionItself() {
        long xiaoyi = regions.findByCode("141181").orElseThrow().id();
        long staff = accounts.id(accounts.create("rh", "141181", Role.COUNTY_STAFF));
        long leader = accounts.id(accounts.create("rh", "141181", Role.LEADER));
        long gone = accounts.id(accounts.create("rh", "141181", Role.COUNTY_STAFF));
        disable(gone);
        assertThat(directory.enabledWithRole(List.of(staff, leader, gone), EnumSet.allOf(Role.class)))
                .containsExactly(staff, leader);
        assertThat(directory.enabledWithRole(List.of(staff, leader), EnumSet.of(Role.LEADER)))
                .containsExactly(leader);
        assertThat(directory.enabledOfRegion(xiaoyi, EnumSet.of(Role.COUNTY_STAFF)))
                .contains(staff, accounts.id("xiaoyi"))
                .doesNotContain(leader, gone);
        long city = regions.findByCode("141100").orElseThrow().id();
        assertThat(directory.enabledOfRegion(city, EnumSet.of(Role.COUNTY_STAFF)))
                .doesNotContain(staff);
        assertThat(directory.enabledIn(staff, regions.scopeOf(city))).isTrue();
        assertThat(directory.enabledIn(staff, regions.scopeOf(xiaoyi))).isTrue();
        long zhongyang = regions.findByCode("141129").orElseThrow().id();
        assertThat(directory.enabledIn(staff, regions.scopeOf(zhongyang))).isFalse();
        assertThat(directory.enabledIn(gone, regions.scopeOf(xiaoyi))).isFalse();
        assertThat(directory.recipients())
                .extracting(Accounts.Recipient::id)
                .contains(staff)
                .doesNotContain(gone);
    }

    @Test
    void theCitySearchesProposalsByTheProposersNameAndSeesWhoDecided() throws Exception {
        String proposer = accounts.create("prp", "141181", Role.COUNTY_STAFF);
        String token = "Bearer " + accounts.token(proposer);
        String body = call(post("/api/v1/enterprises"), CITY, "{\"name\":\"提议人检索测试企业\",\"industry\":\"化工\"}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long entry = ((Number) JsonPath.read(body, "$.id")).longValue();
        String edit = "{\"name\":\"提议人检索测试改名\",\"industry\":\"化工\",\"version\":0}";
        long pid = ((Number) JsonPath.read(
                        call(put("/api/v1/enterprises/" + entry), token, edit)
                                .andExpect(status().isAccepted())
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        "$.id"))
                .longValue();
        // the proposer's display name is "测试用户 <user name>": a piece of it finds the proposal, and only it
        call(get("/api/v1/enterprises/proposals?q=" + proposer), CITY, null)
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].id").value(pid))
                .andExpect(jsonPath("$.rows[0].proposedBy").value("测试用户 " + proposer))
                .andExpect(jsonPath("$.rows[0].decidedBy").doesNotExist());
        call(post("/api/v1/enterprises/proposals/" + pid + "/reject"), CITY, "{\"reason\":\"名称有误\"}")
                .andExpect(status().isOk());
        call(get("/api/v1/enterprises/proposals/" + pid), token, null)
                .andExpect(jsonPath("$.proposedBy").value("测试用户 " + proposer))
                .andExpect(jsonPath("$.decidedBy").value(CITY_NAME));
    }

    @Test
    void aTaskShowsItsIssuerAssigneeAndActorsByName() throws Exception {
        long xiaoyi = regions.findByCode("141181").orElseThrow().id();
        long assignee = accounts.id("xiaoyi");
        LocalDate deadline = LocalDate.now(clock.withZone(Projects.ZONE)).plusDays(5);
        String body = call(
                        post("/api/v1/tasks"),
                        CITY,
                        "{\"title\":\"名称显示督办\",\"requirement\":\"请回复\",\"regionId\":" + xiaoyi + ",\"assigneeUserId\":"
                                + assignee + ",\"deadline\":\"" + deadline + "\"}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        call(get("/api/v1/tasks/" + id), CITY, null)
                .andExpect(jsonPath("$.issuerName").value(CITY_NAME))
                .andExpect(jsonPath("$.assigneeName").value("孝义市投促中心 李干事"));
        call(get("/api/v1/tasks?q=名称显示督办"), CITY, null)
                .andExpect(jsonPath("$.rows[0].issuerName").value(CITY_NAME))
                .andExpect(jsonPath("$.rows[0].assigneeName").value("孝义市投促中心 李干事"));
        call(get("/api/v1/tasks/" + id + "/events"), CITY, null)
                .andExpect(jsonPath("$[0].kind").value("CREATED"))
                .andExpect(jsonPath("$[0].actorName").value(CITY_NAME));
    }

    @Test
    void aPublishedReportNamesWhoPublishedItAndTheGrantListNamesTheGrantedUser() throws Exception {
        var session = (MockHttpSession) mvc.perform(formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(post("/stats/report/publish")
                .session(session)
                .with(csrf())
                .param("region", "141181")
                .param("to", "2016-12"));
        assertThat(page("city", "/stats/report?region=141181&to=2016-12")).contains(CITY_NAME);
        // the demo grant of the talent officer, made by the administrator
        assertThat(page("admin", "/admin/talent-grants")).contains("中阳县人才办 赵主任").contains("中阳县");
    }
}
