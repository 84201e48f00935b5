package cn.yinfeng.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * When PostgreSQL is down, restarting or has dropped the application's connections, a request answers 503 with
 * {@code Retry-After} (a problem document for the API, a plain page for people) instead of a 500 and a stack trace.
 * It sits in front of everything, security included, because sign-in and token checks read the database too. Nothing
 * here reconnects: the pool drops broken connections and opens new ones once the server answers again, so the
 * application recovers by itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final MessageSource messages;

    DatabaseOutageFilter(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!databaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            answer(request, response);
        }
    }

    /** Connection refused, reset, timed out, or no connection to be had from the pool. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
            // a rollback on a connection the server has dropped fails too and hides the first error
            if (t instanceof TransactionSystemException tse
                    && tse.getApplicationException() != null
                    && databaseUnavailable(tse.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException s && "Connection is closed".equals(s.getMessage())) {
                return true; // the pool's proxy of a connection that died
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = "en".equals(request.getLocale().getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        String title = messages.getMessage("error.503.title", null, locale);
        String detail = messages.getMessage("error.503.detail", null, locale);
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "10");
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"status\":503,\"title\":" + json(title) + ",\"detail\":"
                            + json(detail) + "}");
        } else {
            // no layout: the layout itself reads the database
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"" + (locale == Locale.ENGLISH ? "en" : "zh-CN")
                            + "\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                            + "</title></head>"
                            + "<body style=\"font-family:sans-serif;max-width:40rem;margin:4rem auto\"><h1>"
                            + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                            + "</p></body></html>");
        }
        response.flushBuffer();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
