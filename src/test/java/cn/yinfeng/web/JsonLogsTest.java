package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code logging.structured.format.console=ecs} (docs/operations.md, Logs) makes each log line one JSON object, and the request id
 * the filter puts in the MDC becomes its {@code requestId} field.
 */
class JsonLogsTest {

    @Test
    void anEcsLineIsJsonWithTheRequestId() {
        var context = new LoggerContext();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        var encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        var event = new LoggingEvent(
                getClass().getName(),
                context.getLogger(RequestIdFilter.class),
                Level.INFO,
                "project {} saved",
                null,
                new Object[] {42});
        event.setMDCPropertyMap(Map.of(RequestIdFilter.MDC_KEY, "lb-7f3a_0001"));
        String json = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
        assertThat(json)
                .startsWith("{")
                .endsWith("}")
                .doesNotContain("\n")
                .contains("\"requestId\":\"lb-7f3a_0001\"")
                .contains("\"message\":\"project 42 saved\"")
                .contains("\"logger\":\"cn.yinfeng.web.RequestIdFilter\"");
        encoder.stop();
    }
}
