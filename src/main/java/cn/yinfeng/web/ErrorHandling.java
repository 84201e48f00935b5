package cn.yinfeng.web;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.BusyException;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the shared exceptions into answers: problem documents (RFC 9457) under {@code /api/}, error pages
 * elsewhere. Never a stack trace; messages in the user's language.
 */
@ControllerAdvice
class ErrorHandling extends ResponseEntityExceptionHandler {

    private final MessageSource messages;
    private final AuditLog audit;
    private final DataSize maxFileSize;

    ErrorHandling(
            MessageSource messages,
            AuditLog audit,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.messages = messages;
        this.audit = audit;
        this.maxFileSize = maxFileSize;
        setMessageSource(messages);
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        // a miss may be a probe for another region's record: it is recorded like a denial
        audit.record("NOT_FOUND", e.what(), null, Outcome.DENIED, request.getMethod() + " " + request.getRequestURI());
        return answer(request, response, HttpStatus.NOT_FOUND, "error.404.title", "error.404.detail", locale, Map.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    Object denied(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        return answer(request, response, HttpStatus.FORBIDDEN, "error.403.title", "error.403.detail", locale, Map.of());
    }

    @ExceptionHandler(ConflictException.class)
    Object conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        audit.record(
                "EDIT_CONFLICT",
                e.what(),
                null,
                Outcome.FAILURE,
                "version " + e.expectedVersion() + " vs " + e.currentVersion());
        var extra = new LinkedHashMap<String, Object>();
        extra.put("yourVersion", e.expectedVersion());
        extra.put("currentVersion", e.currentVersion());
        extra.put("current", e.current());
        if (!isApi(request)) {
            var submitted = new LinkedHashMap<String, String>();
            request.getParameterMap().forEach((k, v) -> {
                if (!k.startsWith("_") && !k.equals("version")) {
                    submitted.put(k, String.join(", ", v));
                }
            });
            extra.put("submitted", submitted);
        }
        return answer(request, response, HttpStatus.CONFLICT, "error.409.title", "error.409.detail", locale, extra);
    }

    /**
     * Every workbook parser of the instance is busy (checklist #34): 503 with Retry-After, in the user's language;
     * nothing was kept, the same request succeeds later.
     */
    @ExceptionHandler(BusyException.class)
    Object busy(BusyException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        response.setHeader(
                HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        return answer(
                request,
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                "error.busy.title",
                e.messageKey(),
                locale,
                Map.of());
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "error.400.title",
                "error.400.detail",
                locale,
                Map.of("errors", FormErrors.resolve(e, messages, locale)));
    }

    /**
     * A value the rules let through and the database refused (a text longer than its column, a number out of range,
     * a unique key taken meanwhile): nothing was saved (the transaction rolled back), said as a 400 rather than a 500.
     * The database's own message is logged by SQL state only: it may quote the row, personal data included.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    Object refused(
            DataIntegrityViolationException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale) {
        LoggerFactory.getLogger(ErrorHandling.class)
                .warn(
                        "{} {} refused by the database: SQL state {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "-");
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "error.400.title",
                "error.integrity.detail",
                locale,
                Map.of());
    }

    /**
     * An API upload over {@code spring.servlet.multipart.max-file-size} or {@code max-request-size}: 413 naming the
     * limit (pages are answered before this by {@link UploadRefusalFilter}).
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                messages.getMessage("error.413.detail", new Object[] {maxFileSize.toMegabytes()}, locale));
        body.setTitle(messages.getMessage("error.413.title", null, locale));
        withRequestId(body);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /**
     * An API upload the container could not read: a file name with a NUL byte (which Tomcat refuses), a body cut
     * short. A 400 saying so, not a 500.
     */
    @ExceptionHandler(MultipartException.class)
    Object unreadableUpload(
            MultipartException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "error.400.title",
                UploadRefusalFilter.badFileName(e) ? "upload.badFileName" : "upload.unreadable",
                locale,
                Map.of());
    }

    /** Malformed JSON on the API: a clear 400 naming the problem, not a stack trace. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, messages.getMessage("error.json.detail", null, locale));
        body.setTitle(messages.getMessage("error.400.title", null, locale));
        withRequestId(body);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private Object answer(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String titleKey,
            String detailKey,
            Locale locale,
            Map<String, Object> extra) {
        String title = messages.getMessage(titleKey, null, locale);
        String detail = messages.getMessage(detailKey, null, locale);
        if (isApi(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            extra.forEach(problem::setProperty);
            withRequestId(problem);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var mav = new ModelAndView("error/problem");
        mav.setStatus(status);
        mav.addObject("status", status.value());
        mav.addObject("errorTitle", title);
        mav.addObject("errorDetail", detail);
        mav.addAllObjects(extra);
        mav.addObject("requestId", MDC.get(RequestIdFilter.MDC_KEY));
        return mav;
    }

    /** Spring MVC's own problem documents (405, 415, missing parameters...) carry the request id too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            withRequestId(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static void withRequestId(ProblemDetail problem) {
        String id = MDC.get(RequestIdFilter.MDC_KEY);
        if (id != null) {
            problem.setProperty("requestId", id);
        }
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
