package cn.yinfeng.accounts;

import org.springframework.security.authentication.BadCredentialsException;

/** Password right, one-time code missing or wrong: counts as a failed sign-in like a wrong password. */
class TotpRequiredException extends BadCredentialsException {

    TotpRequiredException() {
        super("one-time code missing or wrong");
    }

    TotpRequiredException(String message) {
        super(message);
    }
}
