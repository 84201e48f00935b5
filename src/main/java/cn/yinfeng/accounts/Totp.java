package cn.yinfeng.accounts;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps
 * (Google/Microsoft Authenticator, 阿里云/腾讯身份宝) produce them. Plain Java; tested against the RFC's vectors.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** A new random secret, base32 encoded (160 bits as RFC 4226 recommends). */
    static String newSecret() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return base32(bytes);
    }

    /** The code for the 30-second step containing {@code at}. */
    static String code(byte[] key, Instant at, int digits, String algorithm) {
        long counter = Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int mod = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % mod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String code(String base32Secret, Instant at) {
        return code(unbase32(base32Secret), at, 6, "HmacSHA1");
    }

    /** Accepts the code of the current step and of one step either side (clock drift), compared in constant time. */
    static boolean verify(String base32Secret, String candidate, Instant now) {
        return matchingStep(base32Secret, candidate, now) >= 0;
    }

    /**
     * The 30-second step whose code {@code candidate} is (current step or one either side, compared in constant
     * time), or -1 if none. The caller refuses a step it has accepted before: a code works once.
     */
    static long matchingStep(String base32Secret, String candidate, Instant now) {
        if (base32Secret == null || candidate == null) {
            return -1;
        }
        String code = candidate.replaceAll("\\s", "");
        if (!code.matches("\\d{6}")) {
            return -1;
        }
        long current = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        long matched = -1;
        for (int drift = -1; drift <= 1; drift++) {
            String expected = code(base32Secret, now.plusSeconds((long) drift * STEP_SECONDS));
            if (MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                matched = current + drift; // the latest matching step wins
            }
        }
        return matched;
    }

    /** The otpauth:// URI that authenticator apps read from a QR code or accept pasted. */
    static String uri(String issuer, String username, String secret) {
        String label = enc(issuer) + ":" + enc(username);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] data) {
        var out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] unbase32(String text) {
        String s = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        var out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0, bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
