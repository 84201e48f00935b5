package cn.yinfeng.supervision;

import cn.yinfeng.common.Sha256;
import cn.yinfeng.supervision.Tasks.Upload;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A task's history as it is written: each step an event, a response's attachments stored with their event. */
@Component
class TaskEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    TaskEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a step of the task; {@code actorId} null for the scheduler. Returns the event's id. */
    long record(long taskId, String kind, Long actorId, String text) {
        return jdbc.sql(
                        "insert into supervision_task_event (task_id, kind, actor_id, text, at) values (:t, :k, :a, :x, "
                                + ":at) returning id")
                .param("t", taskId)
                .param("k", kind)
                .param("a", actorId)
                .param("x", text)
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** Stores an attachment of the event, with its SHA-256. */
    void attach(long taskId, long eventId, Upload f, long uploadedBy) {
        jdbc.sql("""
                insert into supervision_task_file (task_id, event_id, name, content_type, size_bytes, sha256, content,
                       uploaded_by, at)
                values (:t, :e, :n, :ct, :s, :h, :c, :u, :at)
                """)
                .param("t", taskId)
                .param("e", eventId)
                .param("n", f.name())
                .param("ct", f.contentType() == null ? "application/octet-stream" : f.contentType())
                .param("s", f.content().length)
                .param("h", Sha256.hex(f.content()))
                .param("c", f.content())
                .param("u", uploadedBy)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }
}
