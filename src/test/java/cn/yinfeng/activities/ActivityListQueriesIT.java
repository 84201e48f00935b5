package cn.yinfeng.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.projects.ProjectFollowups;
import cn.yinfeng.projects.ProjectLifecycle;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import com.jayway.jsonpath.JsonPath;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The activity lists read a page's related rows (visits, visiting enterprises, linked and signed projects) for the
 * whole page at once: each list row is what a read of that one record answers, and a page costs the same number of
 * SQL statements whatever its size. The records it adds are planned ones of 2031 named with a mark of this class,
 * so the 2024 demo figures stay exact.
 */
class ActivityListQueriesIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String PREFIX = "列表批量";

    @Autowired
    DataSource dataSource;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    Accounts accountsApi;

    @Autowired
    AuditLog audit;

    @Autowired
    Clock appClock;

    @Autowired
    Regions regions;

    @Autowired
    Enterprises enterprises;

    @Autowired
    Projects projects;

    @Autowired
    ProjectLifecycle lifecycle;

    @Autowired
    ProjectFollowups followups;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String json(MockHttpServletRequestBuilder r, String body) throws Exception {
        return mvc.perform(r.header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body == null ? "" : body))
                .andExpect(status().is2xxSuccessful())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private long id(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private List<Long> someProjects() {
        return jdbc.sql("select id from project order by id limit 3")
                .query(Long.class)
                .list();
    }

    /** Four planned delegations and talks of 2031 under {@code mark}, most linked to projects, and four events. */
    private void fourOfEach(String mark) throws Exception {
        List<Long> projectIds = someProjects();
        for (int i = 0; i < 4; i++) {
            String day = "2031-0" + (i + 3) + "-1" + i;
            long d = id(json(
                    post("/api/v1/delegations"),
                    "{\"title\":\"" + mark + "考察团" + i + "\",\"regionId\":" + region("141181") + ",\"visitDate\":\""
                            + day + "\",\"hostName\":\"分管副县长\",\"status\":\"PLANNED\",\"enterprises\":[\"" + mark
                            + "乙企业" + i + "\",\"" + mark + "甲企业" + i + "\"]}"));
            long t = id(json(
                    post("/api/v1/talks"),
                    "{\"regionId\":" + region("141129") + ",\"talkDate\":\"" + day + "\",\"enterpriseName\":\"" + mark
                            + "洽谈企业" + i + "\",\"participants\":\"" + mark + "投促中心\",\"status\":\"PLANNED\"}"));
            json(
                    post("/api/v1/events"),
                    "{\"regionId\":" + region("141100") + ",\"kind\":\"PROMOTION\",\"title\":\"" + mark + "推介会" + i
                            + "\",\"eventDate\":\"" + day + "\",\"place\":\"上海\",\"status\":\"PLANNED\"}");
            for (int k = 0; k < i && k < projectIds.size(); k++) {
                json(post("/api/v1/delegations/" + d + "/projects"), "{\"projectId\":" + projectIds.get(k) + "}");
                json(post("/api/v1/talks/" + t + "/projects"), "{\"projectId\":" + projectIds.get(k) + "}");
            }
        }
    }

    /** Every row of the list is, field for field, what {@code GET path/{id}} answers for it. */
    private List<Map<String, Object>> rowsAsRead(String path, String query) throws Exception {
        String list = json(get(path + query), null);
        List<Map<String, Object>> rows = JsonPath.read(list, "$.rows");
        for (Map<String, Object> row : rows) {
            Map<String, Object> read = JsonPath.read(json(get(path + "/" + row.get("id")), null), "$");
            assertThat(row).as(path + "/" + row.get("id")).isEqualTo(read);
        }
        return rows;
    }

    @Test
    @DisplayName("each list row answers what a read of that record answers, its related rows in the same order")
    void eachListRowIsWhatAReadOfThatRecordAnswers() throws Exception {
        String mark = PREFIX + System.nanoTime();
        fourOfEach(mark);
        String mine = "?from=2031-01-01&to=2031-12-31&size=10&q=" + mark;

        var delegations = rowsAsRead("/api/v1/delegations", mine);
        assertThat(delegations).hasSize(4);
        assertThat(delegations.get(0).get("enterprises"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(mark + "甲企业3", mark + "乙企业3");
        assertThat(sizes(delegations, "projects")).containsExactly(3, 2, 1, 0);
        var talks = rowsAsRead("/api/v1/talks", mine);
        assertThat(sizes(talks, "projects")).containsExactly(3, 2, 1, 0);
        assertThat(rowsAsRead("/api/v1/events", mine)).hasSize(4);

        // the demo's 2024 trips with the enterprises visited, and its ceremony with the projects signed there
        var trips = rowsAsRead("/api/v1/trips", "?from=2024-01-01&to=2024-12-31&size=30");
        assertThat(trips).hasSize(30);
        assertThat(sizes(trips, "visits")).filteredOn(n -> n > 1).hasSizeGreaterThan(1);
        var events = rowsAsRead("/api/v1/events", "?from=2024-01-01&to=2024-12-31");
        assertThat(sizes(events, "projects")).filteredOn(n -> n > 1).isNotEmpty();
    }

    private static List<Integer> sizes(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> ((List<?>) r.get(field)).size()).toList();
    }

    @Test
    @DisplayName("a page of a list costs the same number of SQL statements whatever its size")
    void aPageCostsTheSameStatementsWhateverItsSize() throws Exception {
        String mark = PREFIX + System.nanoTime();
        fourOfEach(mark);
        var city = users.loadUserByUsername("city");
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
        var statements = new AtomicInteger();
        var counted = new Counted(JdbcClient.create(counting(dataSource, statements)));

        Function<Integer, ActivityQuery> mine = size ->
                new ActivityQuery(LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31), null, null, mark, 0, size);
        Function<Integer, ActivityQuery> trips2024 = size ->
                new ActivityQuery(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null, null, null, 0, size);

        // the total, the page, then one statement for each kind of related row
        assertThat(cost(statements, () -> counted.trips.list(trips2024.apply(1)), 1))
                .isEqualTo(3);
        assertThat(cost(statements, () -> counted.trips.list(trips2024.apply(12)), 12))
                .isEqualTo(3);
        assertThat(cost(statements, () -> counted.delegations.list(mine.apply(1)), 1))
                .isEqualTo(4);
        assertThat(cost(statements, () -> counted.delegations.list(mine.apply(4)), 4))
                .isEqualTo(4);
        assertThat(cost(statements, () -> counted.talks.list(mine.apply(1)), 1)).isEqualTo(3);
        assertThat(cost(statements, () -> counted.talks.list(mine.apply(4)), 4)).isEqualTo(3);
        assertThat(cost(statements, () -> counted.events.list(mine.apply(1)), 1))
                .isEqualTo(3);
        assertThat(cost(statements, () -> counted.events.list(mine.apply(4)), 4))
                .isEqualTo(3);
    }

    /** The statements one list call issues, checking that its page holds {@code rows} records. */
    private static int cost(AtomicInteger statements, ListCall call, int rows) {
        statements.set(0);
        assertThat(call.list().rows()).hasSize(rows);
        return statements.get();
    }

    @FunctionalInterface
    interface ListCall {
        PageResult<?> list();
    }

    /** The four kinds built on a client whose statements are counted; every other collaborator is the app's own. */
    private final class Counted {
        final Trips trips;
        final Delegations delegations;
        final Talks talks;
        final Events events;

        Counted(JdbcClient jdbc) {
            var support = new ActivitySupport(jdbc, currentUser, accountsApi, audit, appClock);
            var lists = new ActivityLists(jdbc, support, regions);
            var links = new ProjectLinks(jdbc, support, projects, lists);
            trips = new Trips(jdbc, support, lists, enterprises, projects, followups);
            delegations = new Delegations(jdbc, support, lists, links, enterprises);
            talks = new Talks(jdbc, support, lists, links, enterprises);
            events = new Events(jdbc, support, lists, projects, lifecycle);
        }
    }

    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    /** {@code target} whose connections count each statement they prepare. */
    private static DataSource counting(DataSource target, AtomicInteger statements) {
        return proxy(DataSource.class, target, (method, result) -> {
            if (method.equals("getConnection")) {
                return proxy(Connection.class, result, (m, r) -> {
                    if (STATEMENT_METHODS.contains(m)) {
                        statements.incrementAndGet();
                    }
                    return r;
                });
            }
            return result;
        });
    }

    interface After {
        Object apply(String method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, After after) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            try {
                return after.apply(method.getName(), method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
