package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named API tokens with an expiry. Only a SHA-256 of the secret is stored; the secret is shown once. A token acts
 * with its owner's current roles and region, and stops working when the owner is disabled or locked, or must change
 * the password (an initial or reset password not yet replaced, or an expired one) until the owner has changed it.
 */
@Service
public class ApiTokens {

    public record TokenInfo(
            long id,
            String name,
            String prefix,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {

        public String status(Instant now) {
            if (revokedAt != null) {
                return "REVOKED";
            }
            return expiresAt.isAfter(now) ? "ACTIVE" : "EXPIRED";
        }
    }

    /** A freshly made token: {@code secret} is never stored and never shown again. */
    public record CreatedToken(TokenInfo info, String secret) {}

    /** Why a presented token was refused. */
    enum Rejection {
        INVALID,
        EXPIRED,
        REVOKED,
        USER_INACTIVE,
        PASSWORD_CHANGE_REQUIRED
    }

    record Check(YinfengUser user, Rejection rejection, Long tokenId) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final YinfengUserDetailsService details;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(
            JdbcClient jdbc,
            UserRepository users,
            YinfengUserDetailsService details,
            SecurityProperties properties,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.details = details;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CreatedToken create(long userId, String name, Integer validDays) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "validation.required");
        }
        if (name.trim().length() > 100) {
            throw new InvalidInputException("name", "validation.tooLong", 100);
        }
        Duration validity = validDays == null ? properties.tokens().defaultValidity() : Duration.ofDays(validDays);
        if (validity.isNegative()
                || validity.isZero()
                || validity.compareTo(properties.tokens().maxValidity()) > 0) {
            throw new InvalidInputException(
                    "validDays",
                    "token.validity.range",
                    properties.tokens().maxValidity().toDays());
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "yf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        TokenInfo info = insert(userId, name.trim(), secret, clock.instant().plus(validity));
        audit.record(
                "API_TOKEN_CREATE",
                "api_token",
                info.id(),
                Outcome.SUCCESS,
                "owner=" + userId + " name=" + info.name() + " expires=" + info.expiresAt());
        return new CreatedToken(info, secret);
    }

    /** A token with a secret chosen by the caller: only for the demo profile's documented example tokens. */
    @Transactional
    public void createFixed(long userId, String name, String secret, Instant expiresAt) {
        insert(userId, name, secret, expiresAt);
    }

    private TokenInfo insert(long userId, String name, String secret, Instant expiresAt) {
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into api_token (user_id, name, token_hash, token_prefix, created_at, expires_at)
                values (:userId, :name, :hash, :prefix, :now, :expires) returning id
                """)
                .param("userId", userId)
                .param("name", name)
                .param("hash", sha256(secret))
                .param("prefix", secret.substring(0, Math.min(8, secret.length())))
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
        return new TokenInfo(id, name, secret.substring(0, Math.min(8, secret.length())), now, expiresAt, null, null);
    }

    public List<TokenInfo> list(long userId) {
        return jdbc.sql("select * from api_token where user_id = :u order by created_at desc, id desc")
                .param("u", userId)
                .query((rs, n) -> new TokenInfo(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("token_prefix"),
                        UserRepository.instant(rs, "created_at"),
                        UserRepository.instant(rs, "expires_at"),
                        UserRepository.instant(rs, "revoked_at"),
                        UserRepository.instant(rs, "last_used_at")))
                .list();
    }

    /** Revokes one of {@code userId}'s tokens; someone else's token id is "not found". */
    @Transactional
    public void revoke(long userId, long tokenId) {
        int n = jdbc.sql(
                        "update api_token set revoked_at = :now where id = :id and user_id = :u and revoked_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", tokenId)
                .param("u", userId)
                .update();
        if (n == 0 && list(userId).stream().noneMatch(t -> t.id() == tokenId)) {
            throw new NotFoundException("api_token", tokenId);
        }
        audit.record("API_TOKEN_REVOKE", "api_token", tokenId, Outcome.SUCCESS, null);
    }

    Check check(String secret) {
        Instant now = clock.instant();
        record Row(long id, long userId, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {}
        Optional<Row> row = jdbc.sql("select id, user_id, expires_at, revoked_at, last_used_at from api_token "
                        + "where token_hash = :hash")
                .param("hash", sha256(secret))
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getLong("user_id"),
                        UserRepository.instant(rs, "expires_at"),
                        UserRepository.instant(rs, "revoked_at"),
                        UserRepository.instant(rs, "last_used_at")))
                .optional();
        if (row.isEmpty()) {
            return new Check(null, Rejection.INVALID, null);
        }
        Row r = row.get();
        if (r.revokedAt() != null) {
            return new Check(null, Rejection.REVOKED, r.id());
        }
        if (!r.expiresAt().isAfter(now)) {
            return new Check(null, Rejection.EXPIRED, r.id());
        }
        var creds = users.credentials(r.userId()).orElse(null);
        if (creds == null) {
            return new Check(null, Rejection.INVALID, r.id());
        }
        YinfengUser user = details.toUser(creds);
        if (!user.isEnabled() || !user.isAccountNonLocked()) {
            return new Check(null, Rejection.USER_INACTIVE, r.id());
        }
        if (!user.isCredentialsNonExpired()) {
            // the owner could not sign in either: an initial or reset password not yet replaced, or an expired one
            return new Check(null, Rejection.PASSWORD_CHANGE_REQUIRED, r.id());
        }
        if (r.lastUsedAt() == null || r.lastUsedAt().isBefore(now.minusSeconds(60))) {
            // at most one write a minute per token, not one per request
            jdbc.sql("update api_token set last_used_at = :now where id = :id")
                    .param("now", Timestamp.from(now))
                    .param("id", r.id())
                    .update();
        }
        user.eraseCredentials();
        return new Check(user, null, r.id());
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
