package cn.yinfeng.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Prints where Yinfeng listens once it is ready. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    @Order(0)
    public void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String context =
                    event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path", "");
            log.info(
                    "\n\n  引凤 Yinfeng is running: http://localhost:{}{}/\n",
                    web.getWebServer().getPort(),
                    context);
        }
    }
}
