package cn.yinfeng.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in policy. MLPS level 3 asks for periodic password change, OWASP ASVS advises against it: expiry is off
 * by default and on ({@code 90d}) in the {@code prod} profile.
 */
@ConfigurationProperties("yinfeng.security")
public record SecurityProperties(
        @DefaultValue Password password,
        @DefaultValue Lockout lockout,
        @DefaultValue Totp totp,
        @DefaultValue Tokens tokens) {

    /**
     * @param minLength shortest password accepted
     * @param minClasses how many of lower case, upper case, digits and symbols a password must mix
     * @param maxAge a password older than this must be changed at the next sign-in; 0 turns expiry off
     */
    public record Password(
            @DefaultValue("10") int minLength,
            @DefaultValue("3") int minClasses,
            @DefaultValue("0s") Duration maxAge) {

        public boolean expires() {
            return !maxAge.isZero() && !maxAge.isNegative();
        }
    }

    /**
     * @param maxFailures failed sign-ins within {@code window} that lock the account
     * @param window how far back failures count
     * @param duration how long the account stays locked (an administrator may unlock sooner)
     */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration duration) {}

    /**
     * @param requiredForAdmin administrators must enrol a TOTP authenticator before doing anything else
     * @param issuer name shown in authenticator apps
     */
    public record Totp(
            @DefaultValue("false") boolean requiredForAdmin,
            @DefaultValue("Yinfeng") String issuer) {}

    /**
     * @param defaultValidity validity of a new API token when none is asked for
     * @param maxValidity longest validity allowed
     */
    public record Tokens(
            @DefaultValue("90d") Duration defaultValidity,
            @DefaultValue("365d") Duration maxValidity) {}
}
