package cn.yinfeng.web;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * An upload over {@code spring.servlet.multipart.max-file-size} (or the whole request over {@code max-request-size}):
 * 413 with the error page, or a problem document under /api/, naming the limit in the user's language, instead of
 * the servlet container's English page. Ahead of {@link ErrorHandling}, whose base class answers this exception
 * with a bare problem document for pages too.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandling {

    private final MessageSource messages;
    private final DataSize maxFileSize;

    UploadLimitHandling(MessageSource messages,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.messages = messages;
        this.maxFileSize = maxFileSize;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MultipartException e, HttpServletRequest request, Locale locale) {
        return ErrorHandling.answer(request, HttpStatus.CONTENT_TOO_LARGE,
                messages.getMessage("error.413.title", null, locale),
                messages.getMessage("error.413.detail", new Object[] {maxFileSize.toMegabytes()}, locale), Map.of());
    }
}
