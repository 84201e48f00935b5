package cn.yinfeng.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads a multipart upload before anything else does, so that one the servlet container refuses gets a clear answer
 * in the user's language: over {@code spring.servlet.multipart.max-file-size} or {@code max-request-size} 413 naming
 * the limit, a file name the container will not take (a NUL byte in it) 400. Otherwise the first reader of a form
 * field (the CSRF check) met the refusal, every later one too (the error page included), and the browser got
 * Tomcat's English page or a 500. The answer is written here, without the layout (it reads form fields too).
 * Nothing of the upload is kept. Parsed parts are kept by the container for the
 * rest of the request, so nothing is read twice.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UploadRefusalFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadRefusalFilter.class);

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final DataSize maxFileSize;

    UploadRefusalFilter(
            MessageSource messages,
            LocaleResolver locales,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.messages = messages;
        this.locales = locales;
        this.maxFileSize = maxFileSize;
    }

    /**
     * Pages only: the CSRF check reads the form before sign-in is checked anyway. An API upload is read after its
     * token is checked (an anonymous one costs nothing), and its refusals are answered by {@link ErrorHandling}.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return ErrorHandling.isApi(request)
                || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException | IOException | ServletException e) {
            Locale locale = locales.resolveLocale(request);
            if (caused(e, SizeException.class)) {
                log.info(
                        "Upload refused, over the limit: {} {} ({} bytes)",
                        request.getMethod(),
                        request.getRequestURI(),
                        request.getContentLengthLong());
                answer(
                        request,
                        response,
                        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "error.413.title",
                        messages.getMessage("error.413.detail", new Object[] {maxFileSize.toMegabytes()}, locale),
                        locale);
            } else {
                log.info(
                        "Upload refused, unreadable: {} {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        e.getClass().getSimpleName());
                String key = badFileName(e) ? "upload.badFileName" : "upload.unreadable";
                answer(
                        request,
                        response,
                        HttpServletResponse.SC_BAD_REQUEST,
                        "error.400.title",
                        messages.getMessage(key, null, locale),
                        locale);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the container refused the upload for its file name (a NUL byte in it). */
    static boolean badFileName(Throwable e) {
        return caused(e, InvalidFileNameException.class);
    }

    private static boolean caused(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void answer(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String titleKey,
            String detail,
            Locale locale)
            throws IOException {
        String title = messages.getMessage(titleKey, null, locale);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        // the security filters, which add these to every other answer, have not run
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; " + "frame-ancestors 'none'");
        response.setContentType("text/html");
        String id = requestId == null
                ? ""
                : "<p style=\"color:#6c757d;font-size:.875rem\">"
                        + HtmlUtils.htmlEscape(messages.getMessage("error.requestId", new Object[] {requestId}, locale))
                        + "</p>";
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"" + (locale.getLanguage().equals("en") ? "en" : "zh-CN")
                        + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-"
                        + "width, initial-scale=1\"><title>" + HtmlUtils.htmlEscape(title) + "</title></head>"
                        + "<body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem\">"
                        + "<div style=\"color:#6c757d;font-size:.875rem\">" + status
                        + "</div><h1 style=\"font-size:1.5rem\">"
                        + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p>" + id
                        + "<p><a href=\""
                        + HtmlUtils.htmlEscape(request.getContextPath() + "/") + "\">"
                        + HtmlUtils.htmlEscape(messages.getMessage("error.home", null, locale))
                        + "</a></p></body></html>");
        response.flushBuffer();
    }
}
