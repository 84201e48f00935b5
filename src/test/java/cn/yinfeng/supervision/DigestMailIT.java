package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The daily digest goes out by SMTP (a local GreenMail receiver here) to each user with an address and something to
 * read, in Chinese, with the counts of the inbox; users without an address get it in the inbox only.
 */
class DigestMailIT extends IntegrationTest {

    private static final GreenMail SMTP;

    static {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SMTP = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SMTP.start();
    }

    /** SMTP as Spring Boot would configure it from spring.mail.host/port, pointed at the local receiver. */
    private static JavaMailSender smtp() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        return sender;
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    Inbox inbox;

    @Test
    void digestIsMailedToUsersWithAnAddressAndSomethingToRead() throws Exception {
        long xiaoyi = jdbc.sql("select id from app_user where username = 'xiaoyi'")
                .query(Long.class)
                .single();
        jdbc.sql("update app_user set email = 'xiaoyi@example.gov.cn' where id = :u")
                .param("u", xiaoyi)
                .update();
        inbox.notify(xiaoyi, "TASK", "inbox.taskAssigned", List.of("DB2026-9999", "请推进项目开工"), "/supervision/tasks/1");
        long unread = inbox.unread(xiaoyi);

        int sent = inbox.sendDigests("https://yinfeng.example.gov.cn", smtp());

        assertThat(sent).isEqualTo(1); // nobody else has an address
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("xiaoyi@example.gov.cn");
        assertThat(m.getFrom()[0].toString()).isEqualTo("yinfeng@localhost"); // yinfeng.supervision.mail-from
        assertThat(m.getSubject()).contains("每日督办提醒");
        String body = GreenMailUtil.getBody(m);
        String text = new String(
                MimeUtility.decode(
                                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                                m.getEncoding() == null ? "7bit" : m.getEncoding())
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text)
                .contains("未读消息 " + unread + " 条")
                .contains("收到督办单 DB2026-9999：请推进项目开工")
                .contains("https://yinfeng.example.gov.cn/inbox");
        // and the digest itself is in the inbox, for those without an address too
        assertThat(jdbc.sql("select count(*) from notification where user_id = :u and kind = 'DIGEST'")
                        .param("u", xiaoyi)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
