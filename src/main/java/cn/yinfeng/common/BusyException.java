package cn.yinfeng.common;

import java.time.Duration;

/**
 * The work asked for cannot start now because as much of it is already running as the instance allows; nothing was
 * kept. Answered 503 with {@code Retry-After}: the same request succeeds later.
 */
public class BusyException extends RuntimeException {

    private final String messageKey;
    private final Duration retryAfter;

    public BusyException(String messageKey, Duration retryAfter) {
        super(messageKey);
        this.messageKey = messageKey;
        this.retryAfter = retryAfter;
    }

    /** The message shown to the user, in the bundles. */
    public String messageKey() {
        return messageKey;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
