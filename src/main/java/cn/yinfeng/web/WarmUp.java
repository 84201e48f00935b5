package cn.yinfeng.web;

import cn.yinfeng.accounts.WarmUpIdentity;
import cn.yinfeng.common.Times;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A starting instance warms itself up before it takes traffic: once the server listens, it sends itself the requests
 * users send most (the sign-in page, the static files, the project list, a project, the totals, the summary, the
 * dashboard, the ranking), {@code yinfeng.warm-up.rounds} times over loopback, so the JVM compiles those paths and
 * the pool opens its connections before a user waits on them. Until it is done this indicator is OUT_OF_SERVICE, and
 * with it the readiness group ({@code /actuator/health/readiness} answers 503): a load balancer sends the instance no
 * traffic meanwhile. The API requests carry the {@link WarmUpIdentity} token, a read-only leader of the whole tree
 * that exists only during the warm-up. Rounds 0 (the tests): ready at once.
 */
@Component("warmUp")
class WarmUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final Pattern FIRST_ID = Pattern.compile("\"id\":(\\d+)");
    private static final String LIST = "/api/v1/projects?size=20";

    record Result(int requests, int failures, double seconds) {}

    private final WarmUpIdentity identity;
    private final Assets assets;
    private final Clock clock;
    private final int rounds;
    private final Duration limit;
    private volatile boolean done;
    private volatile int round;

    WarmUp(
            WarmUpIdentity identity,
            Assets assets,
            Clock clock,
            @Value("${yinfeng.warm-up.rounds:200}") int rounds,
            @Value("${yinfeng.warm-up.max-seconds:90}") int maxSeconds) {
        this.identity = identity;
        this.assets = assets;
        this.clock = clock;
        this.rounds = rounds;
        this.limit = Duration.ofSeconds(maxSeconds);
        this.done = rounds <= 0;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (done || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            done = true;
            return;
        }
        String base = "http://127.0.0.1:" + web.getWebServer().getPort()
                + event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path", "");
        Thread t = new Thread(
                () -> {
                    try {
                        Result r = run(base, rounds);
                        log.info(
                                "warm-up: {} requests in {} s ({} failed); ready for traffic",
                                r.requests(),
                                String.format("%.1f", r.seconds()),
                                r.failures());
                    } catch (RuntimeException e) {
                        log.warn("warm-up stopped: {}; ready for traffic without it", e.toString());
                    } finally {
                        done = true;
                    }
                },
                "warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Sends the warm-up requests {@code rounds} times (or until the time limit) and says how it went. */
    Result run(String base, int rounds) {
        long start = System.nanoTime();
        String token = identity.begin();
        int requests = 0;
        int failures = 0;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        try {
            List<String> pages = pages();
            List<String> api = api();
            @Nullable String project = null; // the first project of the list, once the list has answered
            for (int i = 1; i <= rounds && System.nanoTime() - start < limit.toNanos(); i++) {
                round = i;
                for (String p : pages) {
                    requests++;
                    failures += get(http, base + p, null) == null ? 1 : 0;
                }
                for (String p : api) {
                    requests++;
                    String body = get(http, base + p, token);
                    failures += body == null ? 1 : 0;
                    if (project == null && body != null && p.equals(LIST)) {
                        Matcher m = FIRST_ID.matcher(body);
                        project = m.find() ? "/api/v1/projects/" + m.group(1) : null;
                    }
                }
                if (project != null) {
                    requests++;
                    failures += get(http, base + project, token) == null ? 1 : 0;
                }
            }
        } finally {
            identity.end();
        }
        return new Result(requests, failures, (System.nanoTime() - start) / 1e9);
    }

    private List<String> pages() {
        return List.of(
                "/login",
                assets.url("/css/app.css"),
                assets.url("/webjars/bootstrap/css/bootstrap.min.css"),
                assets.url("/webjars/htmx.org/dist/htmx.min.js"),
                "/actuator/health/liveness");
    }

    private List<String> api() {
        YearMonth now = YearMonth.now(clock.withZone(Times.ZONE));
        String from = now.withMonth(1).toString();
        return List.of(
                "/api/v1/me",
                LIST,
                "/api/v1/projects/totals",
                "/api/v1/stats/summary?from=" + from + "&to=" + now,
                "/api/v1/stats/dashboard?to=" + now,
                "/api/v1/stats/ranking?indicator=SIGNED_AMOUNT&from=" + from + "&to=" + now);
    }

    /** The body of a 2xx answer, or null (logged at debug) for anything else. */
    private static @Nullable String get(HttpClient http, String url, @Nullable String token) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token == null) {
            request.header("Accept-Encoding", "gzip"); // the pages and files as browsers fetch them, compressed
        } else {
            request.header("Authorization", "Bearer " + token).header("Accept", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                return r.body();
            }
            log.debug("warm-up: {} answered {}", url, r.statusCode());
        } catch (IOException e) {
            log.debug("warm-up: {} failed: {}", url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return null;
    }

    @Override
    public Health health() {
        return done
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("round", round)
                        .withDetail("rounds", rounds)
                        .build();
    }
}
