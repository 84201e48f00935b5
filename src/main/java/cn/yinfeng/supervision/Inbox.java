package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.Accounts.Recipient;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.Projects;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The in-app inbox (warnings raised for a user, tasks to answer or to review) and the daily digest, e-mailed when
 * SMTP is configured ({@code spring.mail.host}) and the user has an address; without SMTP the inbox alone carries it.
 * Messages are keys with arguments, rendered in the reader's language; an argument {@code {"zh": .., "en": ..}} is
 * a name known in both languages.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Note(long id, String kind, String text, String link, Instant createdAt, boolean read) {}

    /** What one user's digest says: unread notes, active warnings they own, their open tasks and overdue ones. */
    public record Digest(
            long userId,
            String email,
            String name,
            long unread,
            long warnings,
            long openTasks,
            long overdueTasks,
            List<String> lines) {

        public boolean empty() {
            return unread == 0 && warnings == 0 && openTasks == 0;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final Accounts accounts;
    private final RobotDeliveries robots;

    Inbox(
            JdbcClient jdbc,
            Clock clock,
            MessageSource messages,
            ObjectProvider<JavaMailSender> mail,
            @Value("${yinfeng.supervision.mail-from:yinfeng@localhost}") String from,
            Accounts accounts,
            RobotDeliveries robots) {
        this.robots = robots;
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.mail = mail;
        this.from = from;
        this.accounts = accounts;
    }

    @Transactional
    public void notify(long userId, String kind, String messageKey, List<?> args, String link) {
        jdbc.sql("insert into notification (user_id, kind, message, args, link, created_at) values (:u, :k, :m, "
                        + "cast(:a as jsonb), :l, :at)")
                .param("u", userId)
                .param("k", kind)
                .param("m", messageKey)
                .param("a", JSON.writeValueAsString(args))
                .param("l", link)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        // the group-chat robots of the recipient's region (and above) that carry this kind, in this transaction
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        robots.queue(
                userId,
                kind,
                messages.getMessage("robot.title." + kind, null, messages.getMessage("robot.title", null, zh), zh),
                text(messageKey, JSON.writeValueAsString(args), zh),
                link);
    }

    public long unread(long userId) {
        return jdbc.sql("select count(*) from notification where user_id = :u and read_at is null")
                .param("u", userId)
                .query(Long.class)
                .single();
    }

    public PageResult<Note> list(long userId, boolean unreadOnly, int page, int size, Locale locale) {
        String cond = "user_id = :u" + (unreadOnly ? " and read_at is null" : "");
        long total = jdbc.sql("select count(*) from notification where " + cond)
                .param("u", userId)
                .query(Long.class)
                .single();
        var rows = jdbc.sql("select * from notification where " + cond + " order by id desc limit :s offset :o")
                .param("u", userId)
                .param("s", size)
                .param("o", page * size)
                .query((rs, n) -> new Note(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        text(rs.getString("message"), rs.getString("args"), locale),
                        rs.getString("link"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("read_at") != null))
                .list();
        return new PageResult<>(rows, total, page, size);
    }

    /** Marks one note read (only the owner's) and returns its link. */
    @Transactional
    public String open(long userId, long id) {
        jdbc.sql("update notification set read_at = coalesce(read_at, :at) where id = :id and user_id = :u")
                .param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("u", userId)
                .update();
        return jdbc.sql("select link from notification where id = :id and user_id = :u")
                .param("id", id)
                .param("u", userId)
                .query(String.class)
                .optional()
                .orElse("/inbox");
    }

    @Transactional
    public int readAll(long userId) {
        return jdbc.sql("update notification set read_at = :at where user_id = :u and read_at is null")
                .param("at", Timestamp.from(clock.instant()))
                .param("u", userId)
                .update();
    }

    private String text(String key, String argsJson, Locale locale) {
        List<?> raw = JSON.readValue(argsJson, List.class);
        // an argument {"zh": ..., "en": ...} is a name known in both languages
        Object[] args = raw.stream()
                .map(a -> a instanceof Map<?, ?> names ? names.get("en".equals(locale.getLanguage()) ? "en" : "zh") : a)
                .toArray();
        return messages.getMessage(key, args, key, locale);
    }

    // ------------------------------------------------------------------ digest

    /** The digest of every enabled user with something to read, in Chinese (the e-mail's language). */
    public List<Digest> digests() {
        List<Recipient> users = accounts.recipients();
        record Counts(long unread, long warnings, long open, long overdue) {}
        var counts = new HashMap<Long, Counts>();
        jdbc.sql("""
                select u.id,
                       (select count(*) from notification n where n.user_id = u.id and n.read_at is null) as unread,
                       (select count(*) from warning w where w.owner_user_id = u.id and w.cleared_at is null) as warnings,
                       (select count(*) from supervision_task t where t.status <> 'ACCEPTED'
                           and (t.assignee_user_id = u.id or t.issuer_id = u.id)) as open_tasks,
                       (select count(*) from supervision_task t where t.status = 'OPEN' and t.deadline < :today
                           and (t.assignee_user_id = u.id or t.issuer_id = u.id)) as overdue
                  from unnest(:ids::bigint[]) as u(id)
                """)
                .param("today", LocalDate.now(clock.withZone(Projects.ZONE)))
                .param("ids", users.stream().map(Recipient::id).toArray(Long[]::new))
                .query(rs -> {
                    counts.put(
                            rs.getLong("id"),
                            new Counts(
                                    rs.getLong("unread"),
                                    rs.getLong("warnings"),
                                    rs.getLong("open_tasks"),
                                    rs.getLong("overdue")));
                });
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        var out = new ArrayList<Digest>();
        for (Recipient u : users) {
            Counts c = counts.get(u.id());
            var lines = new ArrayList<String>();
            lines.add(messages.getMessage(
                    "digest.counts", new Object[] {c.unread(), c.warnings(), c.open(), c.overdue()}, zh));
            for (Note n : list(u.id(), true, 0, 10, zh).rows()) {
                lines.add("· " + n.text() + (n.link() == null ? "" : " " + n.link()));
            }
            out.add(new Digest(
                    u.id(), u.email(), u.displayName(), c.unread(), c.warnings(), c.open(), c.overdue(), lines));
        }
        return out;
    }

    /** Sends the digests that have something in them; returns how many e-mails went out. */
    int sendDigests(String baseUrl) {
        return sendDigests(baseUrl, mail.getIfAvailable());
    }

    /** With the given sender (none: inbox only). */
    int sendDigests(String baseUrl, JavaMailSender sender) {
        int sent = 0;
        for (Digest d : digests()) {
            if (d.empty()) {
                continue;
            }
            notify(
                    d.userId(),
                    "DIGEST",
                    "inbox.digest",
                    List.of(d.unread(), d.warnings(), d.openTasks(), d.overdueTasks()),
                    "/supervision/mine");
            if (sender == null || d.email() == null || d.email().isBlank()) {
                continue;
            }
            var message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(d.email());
            message.setSubject(
                    messages.getMessage("digest.subject", new Object[] {d.name()}, Locale.SIMPLIFIED_CHINESE));
            message.setText(String.join("\n", d.lines()) + "\n\n" + baseUrl + "/inbox\n");
            try {
                sender.send(message);
                sent++;
            } catch (MailException e) {
                // one bad address or a refused message must not stop the others; the inbox still has it
                log.warn("Digest for user {} not sent: {}", d.userId(), e.getMessage());
            }
        }
        return sent;
    }
}
