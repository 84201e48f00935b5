package cn.yinfeng.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for tests: keeps the session cookie by hand, follows no redirects. */
public class HttpSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    public String sessionCookie;

    public HttpSession(String base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        if (sessionCookie != null) {
            builder.header("Cookie", "JSESSIONID=" + sessionCookie);
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .ifPresent(c -> sessionCookie = c.substring(11, c.indexOf(';')));
        return response;
    }

    /** The CSRF token of a page, from its form field or its meta tag. */
    public static String csrf(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        m = CSRF_META.matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        throw new IllegalStateException("no CSRF token in page");
    }

    /** Signs in through the real login form; returns the response of the POST. */
    public HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        String token = csrf(get("/login").body());
        return post("/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
