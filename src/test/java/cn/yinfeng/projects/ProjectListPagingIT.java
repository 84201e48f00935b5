package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Numbered pages of the project list: page N is the N-th slice in the chosen sort whether reached by number, by
 * next or by previous; the count is right for a filter; the export follows the filter, the sort, the hidden
 * columns and the selected rows.
 */
class ProjectListPagingIT extends IntegrationTest {

    /** The projects are drafts of 孝义, which only 孝义 reads. */
    private static final String COUNTY = "Bearer demo-token-xiaoyi";

    private String tag;
    private List<Long> byInvestment;

    @BeforeEach
    void fortyFiveProjects() {
        tag = "列表测试分页" + (System.nanoTime() % 1_000_000_000L);
        // investments 1000, 1010, … in a shuffled id order, so that id order and investment order differ
        jdbc.sql("""
                        insert into project (code, name, name_key, region_id, total_investment, stage, signed_on)
                        select 'LPG-' || :tag || '-' || g, :tag || '-' || g, :tag || '-' || g, r.id,
                               1000 + ((g * 17) % 45) * 10, 'SIGNED', date '2031-03-01' + g
                          from region r, generate_series(1, 45) g where r.code = '141181'
                        """).param("tag", tag).update();
        byInvestment = jdbc.sql("select id from project where name like :p order by total_investment, id")
                .param("p", tag + "-%")
                .query(Long.class)
                .list();
    }

    private String json(String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", COUNTY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** A field of the answer; null ones are left out of it. */
    private static Object field(String json, String name) {
        java.util.Map<String, Object> m = JsonPath.read(json, "$");
        return m.get(name);
    }

    private static List<Long> ids(String json) {
        List<Number> ids = JsonPath.read(json, "$.rows[*].id");
        return ids.stream().map(Number::longValue).toList();
    }

    /** MockMvc encodes the URL it is given: values go in as they are. */
    private static String enc(String s) {
        return s;
    }

    @Test
    void pageNIsTheNthSliceWhetherOpenedByNumberNextOrPrevious() throws Exception {
        String base = "/api/v1/projects?q=" + enc(tag) + "&sort=investment&dir=asc&size=20";
        String first = json(base + "&page=1");
        String second = json(base + "&page=2");
        String third = json(base + "&page=3");
        assertThat(ids(first)).isEqualTo(byInvestment.subList(0, 20));
        assertThat(ids(second)).isEqualTo(byInvestment.subList(20, 40));
        assertThat(ids(third)).isEqualTo(byInvestment.subList(40, 45));
        assertThat(field(third, "next")).isNull();
        assertThat((Integer) JsonPath.read(second, "$.page")).isEqualTo(2);

        String next = JsonPath.read(first, "$.next");
        assertThat(ids(json(base + "&page=2&cursor=" + enc(next)))).isEqualTo(byInvestment.subList(20, 40));
        String prev = JsonPath.read(third, "$.prev");
        String back = json(base + "&page=2&before=" + enc(prev));
        assertThat(ids(back)).isEqualTo(byInvestment.subList(20, 40));
        String backAgain = json(base + "&page=1&before=" + enc(JsonPath.read(back, "$.prev")));
        assertThat(ids(backAgain)).isEqualTo(byInvestment.subList(0, 20));
        assertThat(field(backAgain, "prev")).isNull();

        // descending: the same slices from the other end
        List<Number> desc = JsonPath.read(
                json("/api/v1/projects?q=" + enc(tag) + "&sort=investment&dir=desc&size=20&page=3"), "$.rows[*].id");
        assertThat(desc).hasSize(5);

        String count = json("/api/v1/projects/count?q=" + enc(tag));
        assertThat((Integer) JsonPath.read(count, "$.value")).isEqualTo(45);
        assertThat((Boolean) JsonPath.read(count, "$.exact")).isTrue();
        String signed = json("/api/v1/projects/count?q=" + enc(tag) + "&signedTo=2031-03-10");
        assertThat((Integer) JsonPath.read(signed, "$.value")).isEqualTo(9);
    }

    @Test
    void theListPageShowsTheTotalAndNumberedPages() throws Exception {
        var session = (MockHttpSession) mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        String html = mvc.perform(get("/projects?q=" + enc(tag) + "&sort=investment&dir=asc&size=20&page=3")
                        .session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("共 45 条").contains("data-testid=\"page-3\"").contains("aria-current=\"page\"");
        assertThat(html).contains(tag + "-").contains("data-testid=\"select-all\"");
        // the export link carries the filter and the sort
        assertThat(html).contains("/projects/export?q=").contains("sort=investment&amp;dir=asc");
    }

    @Test
    void theExportFollowsTheSortTheHiddenColumnsAndTheSelection() throws Exception {
        String csv = mvc.perform(get("/api/v1/projects/export?format=csv&q=" + enc(tag)
                                + "&sort=investment&dir=asc&hide=region&hide=leader")
                        .header("Authorization", COUNTY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).contains("项目编号").doesNotContain("落地区域").doesNotContain("包联领导");
        assertThat(lines).hasSize(46);
        List<String> codes = jdbc.sql("select code from project where name like :p order by total_investment, id")
                .param("p", tag + "-%")
                .query(String.class)
                .list();
        assertThat(lines.subList(1, 46).stream().map(l -> l.split(",")[0].replace("\"", "")))
                .containsExactlyElementsOf(codes);

        List<Long> chosen = byInvestment.subList(3, 6);
        String selected = mvc.perform(get("/api/v1/projects/export?format=csv&q=" + enc(tag)
                                + "&sort=investment&dir=desc&"
                                + chosen.stream().map(id -> "ids=" + id).collect(Collectors.joining("&")))
                        .header("Authorization", COUNTY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(selected.lines().toList()).hasSize(4);
        assertThat(selected.lines().skip(1).map(l -> l.split(",")[0].replace("\"", "")))
                .containsExactly(codes.get(5), codes.get(4), codes.get(3));
    }
}
