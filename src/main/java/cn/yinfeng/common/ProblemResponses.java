package cn.yinfeng.common;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;

/**
 * Writes an RFC 9457 problem document from places that run before Spring MVC (security filters), where the
 * message converters are not at hand.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, String title, String detail, String code)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String requestId = MDC.get("requestId");
        String body = "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":" + json(title)
                + ",\"detail\":" + json(detail) + (code == null ? "" : ",\"code\":" + json(code))
                + (requestId == null ? "" : ",\"requestId\":" + json(requestId)) + "}";
        response.getWriter().write(body);
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        var out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
