package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DefaultProfileEnvironmentPostProcessorTest {

    private final DefaultProfileEnvironmentPostProcessor processor = new DefaultProfileEnvironmentPostProcessor();

    private String defaultProfileWith(Map<String, Object> properties) {
        var env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("given", properties));
        processor.postProcessEnvironment(env, new SpringApplication());
        return env.getProperty("spring.profiles.default");
    }

    @Test
    void noDatabaseMeansDemo() {
        assertThat(defaultProfileWith(Map.of())).isEqualTo("demo");
    }

    @Test
    void aConfiguredDatabaseMeansProdSoNoDemoAccountsLandInIt() {
        assertThat(defaultProfileWith(Map.of("spring.datasource.url", "jdbc:postgresql://db/yinfeng")))
                .isEqualTo("prod");
        assertThat(defaultProfileWith(Map.of("YINFENG_DB_URL", "jdbc:postgresql://db/yinfeng")))
                .isEqualTo("prod");
    }

    @Test
    void anExplicitDefaultWins() {
        assertThat(defaultProfileWith(Map.of("spring.profiles.default", "custom")))
                .isEqualTo("custom");
    }
}
