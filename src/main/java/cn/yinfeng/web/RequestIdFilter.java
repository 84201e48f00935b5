package cn.yinfeng.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (at most 64 of
 * {@code [A-Za-z0-9-_]}, so nothing can be injected into a log line or header), otherwise a new one. The id is put in
 * the logging MDC ({@code requestId}), in the response header and in a request attribute, so log lines, error pages
 * and problem documents all carry the same value a user can quote. Runs first, before security and sessions, and
 * again on the error dispatch (which Tomcat makes after this filter has returned).
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Request attribute holding the id (also what error pages read). */
    public static final String ATTRIBUTE = "yinfeng.requestId";

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        boolean refused = false;
        if (id == null) {
            String header = request.getHeader(HEADER);
            id = accept(header);
            refused = header != null && !header.equals(id);
            request.setAttribute(ATTRIBUTE, id);
        }
        if (!response.isCommitted()) {
            response.setHeader(HEADER, id);
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            if (refused) {
                // the refused value is not logged: it may be an attempt at log injection
                log.info("X-Request-Id refused (not 1-64 of A-Z a-z 0-9 - _), this request is {}", id);
            }
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** The caller's id when it is a plain token, else a fresh one. */
    static String accept(String header) {
        if (header != null && VALID.matcher(header).matches()) {
            return header;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
