package cn.yinfeng.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.forever;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Mixed roles on the province's ledger, a closed model of {@code load.users} concurrent users for
 * {@code load.seconds}, each pausing 1-2 s between steps:
 * <ul>
 *   <li>county staff (40 %, API token): project list, a project, an edit with a stale version (the expected 409),
 *       a follow-up written, now and then their county's export (csv);</li>
 *   <li>city staff (30 %, API token): province dashboard, summary, ranking, a city's totals;</li>
 *   <li>leaders (30 %, signed in through the login form): the project list page, a project page, the dashboard.</li>
 * </ul>
 * Everything but a 200 (or the edit's 409, or the sign-in's redirect) is an error. Settings come from system
 * properties set by {@link LoadBench}.
 */
public class LoadSimulation extends Simulation {

    private static String prop(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("missing -D" + name);
        }
        return v;
    }

    private final int users = Integer.parseInt(prop("load.users"));
    private final Duration duration = Duration.ofSeconds(Long.parseLong(prop("load.seconds")));
    private final String countyToken = "Bearer " + prop("load.countyToken");
    private final String cityToken = "Bearer " + prop("load.cityToken");
    private final List<Map<String, Object>> projects = Arrays.stream(prop("load.projectIds").split(","))
            .map(id -> Map.<String, Object>of("id", id)).toList();

    private final HttpProtocolBuilder protocol = http.baseUrls(prop("load.urls").split(","))
            .acceptLanguageHeader("zh-CN").shareConnections();

    static final Duration RAMP = Duration.ofSeconds(15);

    private static ChainBuilder pause() {
        return io.gatling.javaapi.core.CoreDsl.pause(Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    private final ScenarioBuilder county = scenario("county staff").feed(listFeeder(projects).circular()).exec(
            forever().on(
                    exec(http("api list").get("/api/v1/projects?size=20").header("Authorization", countyToken)
                            .check(status().is(200))).exec(pause())
                    .exec(http("api project").get("/api/v1/projects/#{id}").header("Authorization", countyToken)
                            .check(status().is(200))).exec(pause())
                    .exec(http("api stale edit (409)").put("/api/v1/projects/#{id}").header("Authorization", countyToken)
                            .header("Content-Type", "application/json").body(StringBody("{\"version\":-1}"))
                            .check(status().is(409))).exec(pause())
                    .exec(randomSwitch().on(
                            new io.gatling.javaapi.core.Choice.WithWeight(30, exec(http("api follow-up")
                                    .post("/api/v1/projects/#{id}/followups").header("Authorization", countyToken)
                                    .header("Content-Type", "application/json")
                                    .body(StringBody("{\"date\":\"2026-06-01\",\"content\":\"压测跟进记录\"}"))
                                    .check(status().is(201)))),
                            new io.gatling.javaapi.core.Choice.WithWeight(5, exec(http("api export csv")
                                    .get("/api/v1/projects/export?format=csv").header("Authorization", countyToken)
                                    .check(status().is(200)))))).exec(pause())));

    private final ScenarioBuilder city = scenario("city staff").exec(forever().on(
            exec(http("api dashboard").get("/api/v1/stats/dashboard?region=" + DataLoader.ROOT_CODE + "&to=2024-12")
                    .header("Authorization", cityToken).check(status().is(200))).exec(pause())
            .exec(http("api summary").get("/api/v1/stats/summary?region=530100&from=2024-01&to=2024-12").header("Authorization", cityToken).check(status().is(200)))
            .exec(pause())
            .exec(http("api ranking").get("/api/v1/stats/ranking?region=" + DataLoader.ROOT_CODE
                    + "&indicator=SIGNED_AMOUNT&from=2024-01&to=2024-12").header("Authorization", cityToken)
                    .check(status().is(200))).exec(pause())
            .exec(http("api totals").get("/api/v1/projects/totals?regionId=2&signedFrom=2024-01-01&signedTo=2024-12-31")
                    .header("Authorization", cityToken).check(status().is(200))).exec(pause())));

    private final ScenarioBuilder leader = scenario("leader pages").feed(listFeeder(projects).random())
            .exec(http("page login form").get("/login").check(status().is(200))
                    .check(regex("name=\"_csrf\" value=\"([^\"]+)\"").saveAs("csrf")))
            .exec(http("page sign in").post("/login").formParam("username", prop("load.leaderUser"))
                    .formParam("password", prop("load.leaderPassword")).formParam("_csrf", "#{csrf}")
                    .disableFollowRedirect().check(status().is(302)))
            .exec(forever().on(
                    exec(http("page project list").get("/projects").check(status().is(200))).exec(pause())
                    .exec(http("page project").get("/projects/#{id}").check(status().is(200))).exec(pause())
                    .exec(http("page dashboard").get("/stats?region=" + DataLoader.ROOT_CODE + "&to=2024-12")
                            .check(status().is(200))).exec(pause())));

    {
        int c = users * 4 / 10;
        int s = users * 3 / 10;
        int l = users - c - s;
        // users arrive over the first RAMP seconds (60 leaders signing in within the same second is not a morning
        // at the bureau, and BCrypt makes it a CPU storm), then all of them stay for the whole duration
        setUp(county.injectClosed(rampConcurrentUsers(0).to(c).during(RAMP), constantConcurrentUsers(c).during(duration)),
                city.injectClosed(rampConcurrentUsers(0).to(s).during(RAMP), constantConcurrentUsers(s).during(duration)),
                leader.injectClosed(rampConcurrentUsers(0).to(l).during(RAMP), constantConcurrentUsers(l).during(duration)))
                .protocols(protocol).maxDuration(RAMP.plus(duration));
    }
}
