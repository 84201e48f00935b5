package cn.yinfeng.stats;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The threads on which one answer's independent reads run beside each other (the dashboard's ranking). */
@Configuration(proxyBeanMethods = false)
class StatsConfiguration {

    @Bean(destroyMethod = "shutdown")
    ExecutorService statsParallel(@Value("${yinfeng.stats.parallel-threads:4}") int threads) {
        var n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "stats-parallel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(Math.max(1, threads), factory);
    }
}
