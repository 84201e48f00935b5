package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.YinfengApplication;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** In prod, no audit key means no start, with a message that says what to set (checklist #32). */
class AuditKeyIT {

    @Test
    @DisplayName("checklist #32: prod refuses to start without yinfeng.audit.key")
    void prodRefusesToStartWithoutTheAuditKey() throws Exception {
        var dir = Files.createTempDirectory("yf-noauditkey");
        assertThatThrownBy(() -> new SpringApplicationBuilder(YinfengApplication.class)
                        .profiles("prod")
                        .run(
                                "--spring.datasource.url=",
                                "--server.port=0",
                                "--yinfeng.db.embedded.data-dir=" + dir,
                                "--yinfeng.db.embedded.clean=true",
                                "--logging.level.root=off",
                                "--yinfeng.talent.encryption-key="
                                        + Base64.getEncoder().encodeToString(new byte[32]))
                        .close())
                .hasStackTraceContaining("yinfeng.audit.key")
                .hasStackTraceContaining("YINFENG_AUDIT_KEY");
    }
}
