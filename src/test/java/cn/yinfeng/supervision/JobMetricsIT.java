package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every recorded job run is counted for Prometheus ({@code yinfeng_jobs_runs_total}). */
class JobMetricsIT extends IntegrationTest {

    @Autowired
    SupervisionJobs jobs;

    @Autowired
    MeterRegistry meters;

    @Test
    void aJobRunIsCountedByJobAndOutcome() {
        double before = count();
        jobs.evaluate();
        assertThat(count()).isEqualTo(before + 1);
    }

    private double count() {
        var counter = meters.find("yinfeng.jobs.runs")
                .tags("job", "supervision-evaluate", "outcome", "OK")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
