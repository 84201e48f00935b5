package cn.yinfeng;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Yinfeng (引凤): the working system of a city's investment and talent attraction. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = {"config", "common"})
public class YinfengApplication {

    public static void main(String[] args) {
        SpringApplication.run(YinfengApplication.class, args);
    }
}
