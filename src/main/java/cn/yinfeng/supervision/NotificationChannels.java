package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The group-chat robots configured per region. Everyone with staff rights sees the channels of their regions;
 * administrators and city staff add and change them (inside their scope), county staff only read. The secret is
 * stored as given and never shown back (only whether one is set); a stale version is a 409.
 */
@Service
class NotificationChannels {

    static final Set<String> KINDS = Set.of("WECOM", "DINGTALK", "FEISHU", "WEBHOOK");
    static final List<String> NOTE_KINDS = List.of("REVIEW", "WARNING", "TASK", "CREDIT", "DIGEST");

    /** What a form or API client sends; a blank secret on update keeps the stored one. */
    record ChannelForm(
            Long regionId,
            String name,
            String kind,
            String url,
            String secret,
            Boolean enabled,
            List<String> noteKinds,
            Long version) {}

    /** A channel as shown: the URL masked past its host, the secret never. */
    record Channel(
            long id,
            long regionId,
            String regionName,
            String name,
            String kind,
            String url,
            boolean secretSet,
            boolean enabled,
            List<String> noteKinds,
            long version,
            String lastStatus,
            Instant lastAt,
            String lastError) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final RobotSender sender;
    private final RobotDeliveries deliveries;
    private final AuditLog audit;
    private final MessageSource messages;

    NotificationChannels(
            JdbcClient jdbc,
            Clock clock,
            CurrentUser currentUser,
            Regions regions,
            RobotSender sender,
            RobotDeliveries deliveries,
            AuditLog audit,
            MessageSource messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.currentUser = currentUser;
        this.regions = regions;
        this.sender = sender;
        this.deliveries = deliveries;
        this.audit = audit;
        this.messages = messages;
    }

    private YinfengUser reader() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.ADMIN) && !u.hasRole(Role.CITY_STAFF) && !u.hasRole(Role.COUNTY_STAFF)) {
            throw new AccessDeniedException("notification channels are for staff");
        }
        return u;
    }

    /** Whether the current user may add and change channels (of their scope). */
    boolean canEdit() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    private void requireEditor() {
        reader();
        if (!canEdit()) {
            throw new AccessDeniedException("only administrators and city staff change notification channels");
        }
    }

    List<Channel> list() {
        reader();
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("""
                        select c.*, r.name as region_name, d.status, d.at, d.last_error
                          from notification_channel c
                          join region r on r.id = c.region_id
                          left join lateral (
                              select case when x.delivered_at is not null then 'DELIVERED'
                                          when x.failed_at is not null then 'FAILED' else 'PENDING' end as status,
                                     coalesce(x.delivered_at, x.failed_at, x.created_at) as at, x.last_error
                                from notification_delivery x where x.channel_id = c.id
                               order by x.id desc limit 1) d on true
                        """ + " where " + scope.where("c.region_id") + """
                         order by r.path, c.id
                        """))
                .query((rs, n) -> new Channel(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        rs.getString("name"),
                        rs.getString("kind"),
                        mask(rs.getString("url")),
                        rs.getString("secret") != null
                                && !rs.getString("secret").isEmpty(),
                        rs.getBoolean("enabled"),
                        strings(rs.getArray("note_kinds")),
                        rs.getLong("version"),
                        rs.getString("status"),
                        rs.getTimestamp("at") == null
                                ? null
                                : rs.getTimestamp("at").toInstant(),
                        rs.getString("last_error")))
                .list();
    }

    /** One channel inside the caller's scope; any other id is a 404 (no existence leak). */
    Channel get(long id) {
        return list().stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("notification channel", id));
    }

    List<RobotDeliveries.Delivery> recentDeliveries(int limit) {
        return deliveries.recent(list().stream().map(Channel::id).toList(), limit);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** The URL up to its path: the query (WeCom's key, DingTalk's token) and the path's tail are not shown. */
    static String mask(String url) {
        try {
            var uri = new java.net.URI(url);
            String path = uri.getPath() == null ? "" : uri.getPath();
            String shown = path.length() > 12 ? path.substring(0, 12) + "…" : path;
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + shown
                    + (uri.getQuery() == null ? "" : "?…");
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "…";
        }
    }

    private record Valid(long regionId, String name, String kind, String url, List<String> noteKinds) {}

    private Valid validate(ChannelForm f, boolean create) {
        var problems = new ArrayList<Problem>();
        Long region = f.regionId();
        if (region == null) {
            problems.add(new Problem("regionId", "channel.regionRequired"));
        } else {
            Region r = regions.find(region).orElse(null);
            if (r == null || !currentUser.scope().covers(r)) {
                problems.add(new Problem("regionId", "channel.regionOutside"));
            }
        }
        String name = f.name() == null ? "" : f.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new Problem("name", "channel.nameRequired"));
        }
        String kind = f.kind() == null ? "" : f.kind().trim().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            problems.add(new Problem("kind", "channel.kindInvalid"));
        }
        String url = f.url() == null ? "" : f.url().trim();
        if (create || !url.isEmpty()) {
            String refused = url.length() > 1000 ? "channel.urlInvalid" : sender.refusal(url);
            if (refused != null) {
                problems.add(new Problem("url", refused));
            }
        }
        List<String> kinds = f.noteKinds() == null ? List.of() : f.noteKinds();
        if (!NOTE_KINDS.containsAll(kinds)) {
            problems.add(new Problem("noteKinds", "channel.noteKindsInvalid"));
        }
        if (f.secret() != null && f.secret().length() > 500) {
            problems.add(new Problem("secret", "channel.secretTooLong"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(region, name, kind, url, kinds.stream().distinct().toList());
    }

    @Transactional
    long create(ChannelForm f) {
        requireEditor();
        Valid v = validate(f, true);
        long id = jdbc.sql("""
                insert into notification_channel (region_id, name, kind, url, secret, enabled, note_kinds,
                                                  created_at, updated_at)
                values (:r, :n, :k, :u, :s, :e, :nk, :at, :at)
                returning id
                """)
                .param("r", v.regionId())
                .param("n", v.name())
                .param("k", v.kind())
                .param("u", v.url())
                .param("s", f.secret() == null || f.secret().isBlank() ? null : f.secret())
                .param("e", f.enabled() == null || f.enabled())
                .param("nk", v.noteKinds().toArray(String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.record("CHANNEL_CREATE", "notification_channel", id, Outcome.SUCCESS, describe(v, f));
        return id;
    }

    @Transactional
    void update(long id, ChannelForm f) {
        requireEditor();
        Channel stored = get(id);
        Valid v = validate(f, false);
        long version = f.version() == null ? -1 : f.version();
        int rows = jdbc.sql("""
                update notification_channel
                   set region_id = :r, name = :n, kind = :k, url = coalesce(:u, url),
                       secret = case when :keep then secret else :s end,
                       enabled = :e, note_kinds = :nk, version = version + 1, updated_at = :at
                 where id = :id and version = :v
                """)
                .param("r", v.regionId())
                .param("n", v.name())
                .param("k", v.kind())
                .param("u", v.url().isEmpty() ? null : v.url())
                .param("keep", f.secret() == null || f.secret().isBlank())
                .param("s", f.secret() == null || f.secret().isBlank() ? null : f.secret())
                .param("e", f.enabled() == null || f.enabled())
                .param("nk", v.noteKinds().toArray(String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("v", version)
                .update();
        ConflictException.unlessUpdated(rows, "notification channel", version, () -> {
            Channel now = get(id);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", now.name());
            shown.put("kind", now.kind());
            shown.put("enabled", now.enabled());
            shown.put("noteKinds", now.noteKinds());
            return new ConflictException.Stored(now.version(), shown);
        });
        audit.record("CHANNEL_UPDATE", "notification_channel", stored.id(), Outcome.SUCCESS, describe(v, f));
    }

    /** Queues a test message to the channel (sent after commit, like any other); returns the delivery id. */
    @Transactional
    long test(long id, Locale locale) {
        requireEditor();
        Channel c = get(id);
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        return deliveries.queueTest(
                c.id(),
                messages.getMessage("robot.title.TEST", null, zh),
                messages.getMessage(
                        "robot.testText", new Object[] {currentUser.require().displayName()}, zh));
    }

    /** What the audit row says: never the secret nor the URL's key. */
    private static String describe(Valid v, ChannelForm f) {
        return "region=" + v.regionId() + " kind=" + v.kind() + " name=" + v.name() + " url=" + mask(v.url())
                + " enabled=" + (f.enabled() == null || f.enabled()) + " kinds=" + v.noteKinds()
                + (f.secret() == null || f.secret().isBlank() ? "" : " secret=changed");
    }
}
