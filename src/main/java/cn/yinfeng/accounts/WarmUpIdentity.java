package cn.yinfeng.accounts;

import cn.yinfeng.regions.Regions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The identity a starting instance warms itself up with: a random Bearer token that exists only in this process's
 * memory, for as long as the warm-up runs. It is accepted only on GET requests from the loopback address, and it
 * signs in a read-only leader of the whole tree who is nobody (id {@value #ID}, no account row), so the warm-up reads
 * what a leader would, and can change nothing. {@link #end} forgets the token; a new one is made for each warm-up.
 */
@Component
public class WarmUpIdentity {

    /** Not an account id (those start at 1): no row anywhere can be taken for the warm-up's. */
    static final long ID = -1;

    static final String NAME = "warm-up";

    private final LongSupplier root;
    private final SecureRandom random = new SecureRandom();
    private volatile byte @Nullable [] secret;
    private volatile @Nullable YinfengUser user;

    @Autowired
    WarmUpIdentity(Regions regions) {
        this(regions::findRoot);
    }

    WarmUpIdentity(LongSupplier root) {
        this.root = root;
    }

    /** Makes the token for one warm-up and returns it (to be sent as {@code Authorization: Bearer ...}). */
    public synchronized String begin() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        user = new YinfengUser(ID, NAME, NAME, root.getAsLong(), Set.of(Role.LEADER), "", true, false, false, false);
        secret = bytes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Forgets the token: from now on it is refused like any unknown one. */
    public synchronized void end() {
        secret = null;
        user = null;
    }

    /** The warm-up user when the token is the current one, the method GET and the caller this machine; else null. */
    @Nullable
    YinfengUser check(String token, String method, String remoteAddr) {
        byte[] expected = secret;
        YinfengUser u = user;
        if (expected == null || u == null || !"GET".equals(method) || !loopback(remoteAddr)) {
            return null;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
        return MessageDigest.isEqual(expected, given) ? u : null;
    }

    private static boolean loopback(String addr) {
        try {
            // a literal address (what the servlet container gives): no name lookup happens
            return InetAddress.getByName(addr).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
