package cn.yinfeng.talent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.YinfengApplication;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** In prod, no key for talents' personal data means no start, with a message that says what to set. */
class TalentKeyIT {

    @Test
    void prodRefusesToStartWithoutTheTalentEncryptionKey() throws Exception {
        var dir = Files.createTempDirectory("yf-nokey");
        assertThatThrownBy(() -> new SpringApplicationBuilder(YinfengApplication.class)
                        .profiles("prod")
                        .run(
                                "--spring.datasource.url=",
                                "--server.port=0",
                                "--yinfeng.db.embedded.data-dir=" + dir,
                                "--yinfeng.db.embedded.clean=true",
                                "--logging.level.root=off",
                                "--yinfeng.audit.key=" + Base64.getEncoder().encodeToString(new byte[32]))
                        .close())
                .hasStackTraceContaining("yinfeng.talent.encryption-key")
                .hasStackTraceContaining("YINFENG_TALENT_KEY");
    }
}
