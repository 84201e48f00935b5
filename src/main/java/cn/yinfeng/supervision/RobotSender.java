package cn.yinfeng.supervision;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts one message to a group-chat robot in the format its vendor documents, and reads the answer:
 *
 * <ul>
 *   <li>WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content":..}}} to the webhook URL (the key is in
 *       the URL); success is {@code errcode} 0.
 *   <li>DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title":..,"text":..}}}; with a secret (signed
 *       mode) the URL gets {@code &timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(secret, ts+"\n"+secret)))>};
 *       success is {@code errcode} 0.
 *   <li>Feishu custom bot: {@code {"msg_type":"text","content":{"text":..}}}, with a secret also {@code timestamp}
 *       (seconds) and {@code sign = base64(HmacSHA256(key = ts+"\n"+secret, data = empty))}; success is {@code code}
 *       0.
 *   <li>Generic webhook: {@code {"kind","title","text","link"}}; any 2xx is success.
 * </ul>
 *
 * Only http and https URLs whose host resolves to public addresses are used (no loopback, private, link-local
 * targets: SSRF), unless {@code yinfeng.supervision.robots.allow-private} is set (tests, closed networks).
 */
@Component
class RobotSender {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a robot answered: success, or why not (for {@code last_error}). */
    record Result(boolean ok, String error) {}

    /** What is sent: a title, the text, the absolute link (may be null), the note kind. */
    record Message(String kind, String title, String text, String link) {}

    private final HttpClient http;
    private final Duration readTimeout;
    private final boolean allowPrivate;

    RobotSender(
            @Value("${yinfeng.supervision.robots.connect-timeout:5s}") Duration connectTimeout,
            @Value("${yinfeng.supervision.robots.read-timeout:10s}") Duration readTimeout,
            @Value("${yinfeng.supervision.robots.allow-private:false}") boolean allowPrivate) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.allowPrivate = allowPrivate;
    }

    /** Null when the URL may be used, else the message key saying why not. */
    String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (java.net.URISyntaxException e) {
            return "channel.urlInvalid";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
            return "channel.urlInvalid";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (a.isLoopbackAddress()
                        || a.isAnyLocalAddress()
                        || a.isSiteLocalAddress()
                        || a.isLinkLocalAddress()
                        || a.isMulticastAddress()
                        || isUniqueLocal(a)) {
                    return "channel.urlPrivate";
                }
            }
        } catch (UnknownHostException e) {
            return "channel.urlUnknownHost";
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }

    Result send(String kind, String url, String secret, Message m, Instant now) {
        String refused = refusal(url); // again at send time: the name may resolve elsewhere by now
        if (refused != null) {
            return new Result(false, "refused: " + refused);
        }
        boolean signed = secret != null && !secret.isBlank();
        String target = url.trim();
        Map<String, Object> body = new LinkedHashMap<>();
        String text = m.text() + (m.link() == null ? "" : "\n" + m.link());
        switch (kind) {
            case "WECOM" -> {
                body.put("msgtype", "markdown");
                body.put("markdown", Map.of("content", "**" + m.title() + "**\n" + markdown(m)));
            }
            case "DINGTALK" -> {
                body.put("msgtype", "markdown");
                body.put("markdown", Map.of("title", m.title(), "text", "#### " + m.title() + "\n" + markdown(m)));
                if (signed) {
                    long ts = now.toEpochMilli();
                    String sign = base64(hmac(secret, ts + "\n" + secret));
                    target += (target.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign="
                            + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                }
            }
            case "FEISHU" -> {
                body.put("msg_type", "text");
                body.put("content", Map.of("text", m.title() + "\n" + text));
                if (signed) {
                    long ts = now.getEpochSecond();
                    body.put("timestamp", String.valueOf(ts));
                    body.put("sign", base64(hmac(ts + "\n" + secret, "")));
                }
            }
            default -> {
                body.put("kind", m.kind());
                body.put("title", m.title());
                body.put("text", m.text());
                body.put("link", m.link());
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(readTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            return new Result(false, "HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        if (kind.equals("WEBHOOK")) {
            return new Result(true, null);
        }
        try {
            JsonNode reply = JSON.readTree(response.body());
            JsonNode code = reply.path(kind.equals("FEISHU") ? "code" : "errcode");
            if (kind.equals("FEISHU") && code.isMissingNode()) {
                code = reply.path("StatusCode"); // older Feishu answers
            }
            if (code.isNumber() && code.asInt() == 0) {
                return new Result(true, null);
            }
            return new Result(false, "refused by robot: " + abbreviate(response.body()));
        } catch (RuntimeException e) {
            return new Result(false, "unreadable answer: " + abbreviate(response.body()));
        }
    }

    private static String markdown(Message m) {
        return m.text() + (m.link() == null ? "" : "\n[" + m.link() + "](" + m.link() + ")");
    }

    static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
