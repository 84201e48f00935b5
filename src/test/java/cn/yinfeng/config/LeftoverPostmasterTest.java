package cn.yinfeng.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A postmaster.pid that names no PostgreSQL on the data directory is removed, and its process left alone. */
class LeftoverPostmasterTest {

    @TempDir
    Path dir;

    @Test
    void noPidFileNothingToDo() throws Exception {
        assertThat(LeftoverPostmaster.clear(dir)).isEqualTo(LeftoverPostmaster.Outcome.NONE);
    }

    @Test
    void aPidFileOfAGoneProcessIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("postmaster.pid"), gone.pid() + "\n" + dir + "\n");
        assertThat(LeftoverPostmaster.clear(dir)).isEqualTo(LeftoverPostmaster.Outcome.STALE_PID_FILE_REMOVED);
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aReusedProcessNumberIsNeverSignalled() throws Exception {
        // a live process that is no postgres on this directory: the file is stale, the process untouched
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("postmaster.pid"), other.pid() + "\n" + dir + "\n");
            assertThat(LeftoverPostmaster.clear(dir)).isEqualTo(LeftoverPostmaster.Outcome.STALE_PID_FILE_REMOVED);
            assertThat(dir.resolve("postmaster.pid")).doesNotExist();
            assertThat(other.waitFor(1, TimeUnit.SECONDS)).isFalse();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }
}
