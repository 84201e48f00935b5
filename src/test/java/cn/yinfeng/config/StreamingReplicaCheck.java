package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

/**
 * Against a real streaming replica (started by {@code .ci/run} with pg_basebackup next to Debian's PostgreSQL, and
 * run there explicitly with {@code -Dit.test=StreamingReplicaCheck}; it is not an *IT, since it needs that replica):
 * statistics read from the replica, the ledger from the primary. With replay paused on the replica, a new approved
 * project is at once visible on its page (primary, read-your-own-writes) but not yet in the summary (replica lag);
 * once replay resumes, the summary catches up by itself.
 */
class StreamingReplicaCheck extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String CITY = "Bearer demo-token-city";
    static final String SUMMARY = "/api/v1/stats/summary?region=141181&from=2017-01&to=2017-12";

    @Autowired
    Environment env;

    private Connection replica() throws Exception {
        String url = env.getProperty("yinfeng.db.replica.url");
        assertThat(url).as("YINFENG_DB_REPLICA_URL").isNotBlank();
        return DriverManager.getConnection(
                url, env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
    }

    private BigDecimal signed() throws Exception {
        String body = mvc.perform(get(SUMMARY).header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Object> v = JsonPath.read(body, "$.indicators[?(@.code == 'SIGNED_COUNT')].value");
        return new BigDecimal(v.get(0).toString());
    }

    private long version(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    @Test
    void statisticsLagBehindOnThePausedReplicaAndCatchUpWhenItResumes() throws Exception {
        try (Connection replica = replica();
                var st = replica.createStatement()) {
            var rs = st.executeQuery("select pg_is_in_recovery()");
            rs.next();
            assertThat(rs.getBoolean(1)).as("the replica is a standby").isTrue();
            BigDecimal before = signed();

            st.execute("select pg_wal_replay_pause()");
            try {
                String body = mvc.perform(
                                post("/api/v1/projects")
                                        .header("Authorization", XIAOYI)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"name\":\"副本延迟测试项目\",\"regionId\":"
                                                        + jdbc.sql("select id from region where code = '141181'")
                                                                .query(Long.class)
                                                                .single()
                                                        + ",\"totalInvestment\":3000,\"stage\":\"SIGNED\",\"signedOn\":\"2017-06-01\"}"))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                long id = ((Number) JsonPath.read(body, "$.id")).longValue();
                for (String action : new String[] {"SUBMIT", "APPROVE"}) {
                    mvc.perform(post("/api/v1/projects/" + id + "/reviews")
                                    .header("Authorization", action.equals("SUBMIT") ? XIAOYI : CITY)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"action\":\"" + action + "\",\"version\":" + version(id) + "}"))
                            .andExpect(status().isOk());
                }
                // the primary has it: the project page reads the primary
                mvc.perform(get("/api/v1/projects/" + id).header("Authorization", XIAOYI))
                        .andExpect(status().isOk());
                // the statistics read the replica, which has not replayed it yet
                assertThat(signed()).isEqualByComparingTo(before);
            } finally {
                st.execute("select pg_wal_replay_resume()");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            BigDecimal after = signed();
            while (after.compareTo(before) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = signed();
            }
            assertThat(after).isEqualByComparingTo(before.add(BigDecimal.ONE));
        }
    }
}
