package cn.yinfeng.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the default profile before the configuration files are read: {@code demo} when no database is
 * configured (embedded PostgreSQL, demo data, demo logins), {@code prod} when one is. An explicitly chosen profile
 * always wins. The point: pointing Yinfeng at a real database never loads accounts with known passwords by accident.
 */
public class DefaultProfileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "yinfengDefaultProfile";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.profiles.default")) {
            return;
        }
        String profile = databaseConfigured(environment) ? "prod" : "demo";
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(SOURCE_NAME, Map.of("spring.profiles.default", profile)));
    }

    static boolean databaseConfigured(ConfigurableEnvironment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || StringUtils.hasText(environment.getProperty("YINFENG_DB_URL"));
    }

    @Override
    public int getOrder() {
        // before ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10), which activates profiles
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
