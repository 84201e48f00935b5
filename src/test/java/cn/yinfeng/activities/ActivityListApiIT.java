package cn.yinfeng.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The paged lists {@code GET /api/v1/trips|delegations|talks|events} through Bearer tokens: the caller's region tree
 * only, the period, region, leader and text filters, paging, 400 naming a parameter, and the OpenAPI document. The
 * records it creates are planned ones of 2031 with names of this class only: the 2024 demo figures stay exact.
 */
class ActivityListApiIT extends IntegrationTest {

    static final String ADMIN = "Bearer demo-token-admin";
    static final String CITY = "Bearer demo-token-city";
    static final String LEADER = "Bearer demo-token-leader";
    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String TALENT = "Bearer demo-token-talent";

    static final List<String> LISTS =
            List.of("/api/v1/trips", "/api/v1/delegations", "/api/v1/talks", "/api/v1/events");

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        if (token != null) {
            r.header("Authorization", token);
        }
        return mvc.perform(r.contentType(MediaType.APPLICATION_JSON).content(json == null ? "" : json));
    }

    private String list(String token, String path) throws Exception {
        return call(get(path), token, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long created(ResultActions r) throws Exception {
        r.andExpect(status().isCreated());
        return ((Number) JsonPath.read(r.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    /** A planned trip of 2031 (a done one cannot lie ahead). */
    private long trip(String token, String regionCode, String title, String start, String end, String leader)
            throws Exception {
        return created(call(
                post("/api/v1/trips"),
                token,
                "{\"title\":\"" + title + "\",\"regionId\":" + region(regionCode) + ","
                        + (leader == null ? "\"leaderName\":\"列表测试带队\"" : "\"leaderUserId\":" + leader)
                        + ",\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                        + "\",\"cities\":\"列表测试城\",\"status\":\"PLANNED\"}"));
    }

    private static long total(String json) {
        return ((Number) JsonPath.read(json, "$.total")).longValue();
    }

    private static List<Integer> ids(String json) {
        return JsonPath.read(json, "$.rows[*].id");
    }

    @Test
    @DisplayName("a county lists only the trips of its own region tree, however it filters; the city lists all")
    void aCountyListsOnlyTheTripsOfItsOwnRegionTree() throws Exception {
        String mark = "列表隔离" + System.nanoTime();
        long own = trip(XIAOYI, "141181", mark + "孝义", "2031-04-01", "2031-04-03", null);
        long other = trip(ZHONGYANG, "141129", mark + "中阳", "2031-04-02", "2031-04-04", null);

        String mine = list(XIAOYI, "/api/v1/trips?from=2031-01-01&to=2031-12-31&q=" + mark);
        assertThat(total(mine)).isEqualTo(1);
        assertThat(ids(mine)).containsExactly((int) own);
        // naming the other county's region is no way round the scope: it lists nothing
        String named =
                list(XIAOYI, "/api/v1/trips?from=2031-01-01&to=2031-12-31&q=" + mark + "&regionId=" + region("141129"));
        assertThat(total(named)).isZero();
        assertThat(ids(named)).isEmpty();
        String city = list(CITY, "/api/v1/trips?from=2031-01-01&to=2031-12-31&q=" + mark);
        assertThat(ids(city)).containsExactlyInAnyOrder((int) own, (int) other);
        assertThat(ids(list(LEADER, "/api/v1/trips?q=" + mark))).containsExactlyInAnyOrder((int) own, (int) other);
        assertThat(ids(list(ADMIN, "/api/v1/trips?q=" + mark))).hasSize(2);

        // the demo's 2024 trips: 孝义 sees exactly those of its region tree, counted as the database counts them
        String all = list(XIAOYI, "/api/v1/trips?from=2024-01-01&to=2024-12-31&size=200");
        long expected = jdbc.sql("""
                        select count(*) from trip t join region r on r.id = t.region_id
                         where r.path like (select path from region where code = '141181') || '%'
                           and t.start_date <= date '2024-12-31' and t.end_date >= date '2024-01-01'
                        """).query(Long.class).single();
        assertThat(expected).isPositive();
        assertThat(total(all)).isEqualTo(expected);
        List<Integer> regions = JsonPath.read(all, "$.rows[*].regionId");
        assertThat(regions).hasSize((int) expected).containsOnly((int) region("141181"));
    }

    @Test
    @DisplayName("the period (days or a month), region, leader and text filters narrow the trips")
    void thePeriodRegionLeaderAndTextFiltersNarrowTheTrips() throws Exception {
        String mark = "列表筛选" + System.nanoTime();
        String leader = String.valueOf(jdbc.sql("select id from app_user where username = 'leader'")
                .query(Long.class)
                .single());
        long march = trip(XIAOYI, "141181", mark + "三月", "2031-03-30", "2031-04-01", null);
        long may = trip(XIAOYI, "141181", mark + "五月", "2031-05-10", "2031-05-12", leader);
        long june = trip(ZHONGYANG, "141129", mark + "六月", "2031-06-10", "2031-06-12", null);
        String q = "/api/v1/trips?q=" + mark;

        // a trip running across the first of April is in April
        assertThat(ids(list(CITY, q + "&from=2031-04-01&to=2031-04-30"))).containsExactly((int) march);
        assertThat(ids(list(CITY, q + "&month=2031-04"))).containsExactly((int) march);
        assertThat(ids(list(CITY, q + "&month=2031-05"))).containsExactly((int) may);
        assertThat(ids(list(CITY, q + "&from=2031-05-01"))).containsExactly((int) june, (int) may);
        assertThat(ids(list(CITY, q + "&to=2031-03-31"))).containsExactly((int) march);
        assertThat(ids(list(CITY, q + "&regionId=" + region("141129")))).containsExactly((int) june);
        assertThat(ids(list(CITY, q + "&leaderId=" + leader))).containsExactly((int) may);
        // the text is found in the title, and typed wildcards match only themselves
        assertThat(ids(list(CITY, q + "五月"))).containsExactly((int) may);
        String wildcard = call(get("/api/v1/trips").param("q", mark + "%"), CITY, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(total(wildcard)).isZero();
        assertThat(ids(list(CITY, "/api/v1/trips?from=2031-01-01&q=列表测试城&size=200")))
                .contains((int) march, (int) may, (int) june);
    }

    @Test
    @DisplayName("a page holds at most size rows of the newest first; total counts the whole filtered set")
    void aPageHoldsSizeRowsAndTotalCountsTheWholeSet() throws Exception {
        String mark = "列表分页" + System.nanoTime();
        long first = trip(XIAOYI, "141181", mark + "1", "2031-07-01", "2031-07-02", null);
        long second = trip(XIAOYI, "141181", mark + "2", "2031-07-05", "2031-07-06", null);
        long third = trip(XIAOYI, "141181", mark + "3", "2031-07-09", "2031-07-10", null);

        String page0 = list(XIAOYI, "/api/v1/trips?q=" + mark + "&size=2");
        // the envelope of every paged list of the API
        Map<String, Object> envelope = JsonPath.read(page0, "$");
        assertThat(envelope).containsOnlyKeys("rows", "total", "page", "size");
        assertThat(total(page0)).isEqualTo(3);
        assertThat(ids(page0)).containsExactly((int) third, (int) second);
        assertThat((Integer) JsonPath.read(page0, "$.page")).isZero();
        assertThat((Integer) JsonPath.read(page0, "$.size")).isEqualTo(2);
        String page1 = list(XIAOYI, "/api/v1/trips?q=" + mark + "&size=2&page=1");
        assertThat(total(page1)).isEqualTo(3);
        assertThat(ids(page1)).containsExactly((int) first);
        assertThat(ids(list(XIAOYI, "/api/v1/trips?q=" + mark + "&size=2&page=2")))
                .isEmpty();
        // the default page is 20 rows
        assertThat((Integer) JsonPath.read(list(XIAOYI, "/api/v1/trips"), "$.size"))
                .isEqualTo(20);
    }

    @Test
    @DisplayName("delegations, talks and events list the caller's region tree, by period and text")
    void delegationsTalksAndEventsListTheCallersRegionTree() throws Exception {
        String mark = "列表三类" + System.nanoTime();
        Map<String, String> bodies = Map.of(
                "/api/v1/delegations",
                "{\"title\":\"" + mark + "考察团\",\"regionId\":%d,\"visitDate\":\"2031-08-08\",\"people\":5,"
                        + "\"hostName\":\"列表测试接待\",\"enterprises\":[\"" + mark + "来访企业\"],\"status\":\"PLANNED\"}",
                "/api/v1/talks",
                "{\"regionId\":%d,\"talkDate\":\"2031-08-08\",\"enterpriseName\":\"" + mark
                        + "洽谈企业\",\"participants\":\"列表测试\",\"topics\":\"" + mark
                        + "\",\"status\":\"PLANNED\"}",
                "/api/v1/events",
                "{\"regionId\":%d,\"kind\":\"PROMOTION\",\"title\":\"" + mark
                        + "推介会\",\"eventDate\":\"2031-08-08\",\"place\":\"上海\",\"status\":\"PLANNED\"}");
        for (var kind : bodies.entrySet()) {
            String path = kind.getKey();
            long own = created(call(post(path), XIAOYI, kind.getValue().formatted(region("141181"))));
            long other = created(call(post(path), ZHONGYANG, kind.getValue().formatted(region("141129"))));
            String q = path + "?q=" + mark;
            assertThat(ids(list(XIAOYI, q))).as(path).containsExactly((int) own);
            assertThat(ids(list(ZHONGYANG, q))).as(path).containsExactly((int) other);
            assertThat(ids(list(CITY, q))).as(path).containsExactlyInAnyOrder((int) own, (int) other);
            assertThat(ids(list(CITY, q + "&regionId=" + region("141181"))))
                    .as(path)
                    .containsExactly((int) own);
            assertThat(ids(list(CITY, q + "&month=2031-08"))).as(path).hasSize(2);
            assertThat(total(list(CITY, q + "&month=2031-09"))).as(path).isZero();
            assertThat(total(list(CITY, q + "&to=2031-08-07"))).as(path).isZero();
            List<String> regionNames = JsonPath.read(list(XIAOYI, q), "$.rows[*].regionName");
            assertThat(regionNames).as(path).containsExactly("孝义市");
        }
    }

    @Test
    @DisplayName("a parameter that cannot be read is a 400 naming it, in Chinese or, asked for, in English")
    void aParameterThatCannotBeReadIsA400NamingIt() throws Exception {
        for (String path : LISTS) {
            call(get(path + "?from=2024-13-01"), XIAOYI, null)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.title").value("提交的内容有误"))
                    .andExpect(jsonPath("$.errors.from[0]").value("日期请写作“2024-01-31”（年-月-日）。"));
            call(get(path + "?from=2024-13-01").header("Accept-Language", "en"), XIAOYI, null)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors.from[0]").value("Write the date as 2024-01-31 (year-month-day)."));
        }
        call(get("/api/v1/trips?to=31.01.2024"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.to[0]").value("日期请写作“2024-01-31”（年-月-日）。"));
        call(get("/api/v1/trips?month=2024-1"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.month[0]").value("月份请写作“2024-01”（年-月）。"));
        call(get("/api/v1/talks?month=2024-01&from=2024-01-01"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.month").exists());
        call(get("/api/v1/events?from=2024-02-01&to=2024-01-31"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.from[0]").value("起始日期（from）不能晚于截止日期（to）。"));
        call(get("/api/v1/delegations?size=1000").header("Accept-Language", "en"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.size[0]").value("Rows per page (size) must be from 1 to 200."));
        call(get("/api/v1/delegations?size=0"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.size[0]").value("每页条数（size）须在 1 至 200 之间。"));
        call(get("/api/v1/trips?regionId=abc&leaderId=-1&page=x"), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.regionId[0]").value("请写不小于 0 的整数。"))
                .andExpect(jsonPath("$.errors.leaderId").exists())
                .andExpect(jsonPath("$.errors.page").exists());
    }

    @Test
    @DisplayName("without a token the lists answer 401; the talent office gets 403, as for the rest of the API")
    void withoutATokenTheListsAnswer401AndTheTalentOffice403() throws Exception {
        for (String path : LISTS) {
            call(get(path), null, null).andExpect(status().isUnauthorized());
            call(get(path), "Bearer not-a-token", null).andExpect(status().isUnauthorized());
            call(get(path), TALENT, null).andExpect(status().isForbidden());
        }
    }

    @Test
    @DisplayName("the OpenAPI document lists the four GETs with their parameters and answers")
    void theOpenApiDocumentListsTheFourGets() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<String> common = List.of("from", "to", "month", "regionId", "q", "page", "size");
        for (String path : LISTS) {
            String op = "$.paths['" + path + "'].get";
            List<String> names = JsonPath.read(doc, op + ".parameters[*].name");
            assertThat(names).as(path).containsAll(common);
            if (path.endsWith("trips")) {
                assertThat(names).contains("leaderId");
            } else {
                assertThat(names).as(path).doesNotContain("leaderId");
            }
            List<String> in = JsonPath.read(doc, op + ".parameters[*].in");
            assertThat(in).as(path).containsOnly("query");
            Map<String, Object> responses = JsonPath.read(doc, op + ".responses");
            assertThat(responses).as(path).containsKeys("200", "400", "401", "403");
            assertThat((String) JsonPath.read(doc, op + ".summary")).as(path).isNotBlank();
            // the POST of the same collection is still there
            assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['" + path + "'].post"))
                    .as(path)
                    .isNotNull();
        }
    }
}
