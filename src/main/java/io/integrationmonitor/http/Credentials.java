package io.integrationmonitor.http;

import at.favre.lib.crypto.bcrypt.BCrypt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Checks an {@code Authorization} header against the basic auth users (bcrypt hashes, from the web config
 * file) and the bearer tokens.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10), too slow to pay on every scrape, so a
 * successful check is remembered, as the exporter-toolkit does. The cache holds an HMAC of user, password
 * and hash under a key made at start-up, never the password or a plain hash of it, so a heap dump does not
 * yield something cheaper to attack than the bcrypt hash itself. Failed checks are not cached, and at most
 * {@link #BCRYPT_PERMITS} run at a time, so a flood of wrong passwords costs the monitor one core at most.
 * Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, whatever their length.
 */
final class Credentials {
    /** An unknown user still costs one bcrypt run, so timing does not tell which user names exist. */
    private static final String DUMMY_HASH =
            new String(BCrypt.withDefaults().hash(10, new byte[16], "dummy".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.US_ASCII);
    private static final int BCRYPT_PERMITS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int CACHE_SIZE = 1024;

    enum Outcome {
        /** No {@code Authorization} header. */
        MISSING,
        VALID,
        INVALID,
        /** Too many bcrypt checks are running: try again. */
        BUSY
    }

    private final Map<String, String> users;
    private final List<byte[]> tokenDigests;
    private final Semaphore bcrypt = new Semaphore(BCRYPT_PERMITS);
    private final Set<String> verified =
            Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > CACHE_SIZE;
                }
            }));
    private final SecretKeySpec cacheKey;
    private final java.util.concurrent.atomic.AtomicLong bcryptRuns = new java.util.concurrent.atomic.AtomicLong();

    Credentials(Map<String, String> users, List<String> bearerTokens) {
        this.users = Map.copyOf(users);
        this.tokenDigests = bearerTokens.stream().map(Credentials::sha256).toList();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Whether any user or token is configured; without, writes are disabled. */
    boolean configured() {
        return !users.isEmpty() || !tokenDigests.isEmpty();
    }

    Outcome check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Outcome.MISSING;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0) {
            return Outcome.INVALID;
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> bearer(value);
            case "basic" -> basic(value);
            default -> Outcome.INVALID;
        };
    }

    private Outcome bearer(String token) {
        byte[] digest = sha256(token);
        boolean match = false;
        for (byte[] candidate : tokenDigests) {
            match |= MessageDigest.isEqual(candidate, digest); // no early exit
        }
        return match ? Outcome.VALID : Outcome.INVALID;
    }

    private Outcome basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.INVALID;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Outcome.INVALID;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String hash = users.get(user);
        String cacheEntry = hmac(user, password, hash == null ? DUMMY_HASH : hash);
        if (hash != null && verified.contains(cacheEntry)) {
            return Outcome.VALID;
        }
        try {
            if (!bcrypt.tryAcquire(5, TimeUnit.SECONDS)) {
                return Outcome.BUSY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.BUSY;
        }
        try {
            boolean ok = bcryptMatches(password, hash == null ? DUMMY_HASH : hash) && hash != null;
            if (ok) {
                verified.add(cacheEntry);
            }
            return ok ? Outcome.VALID : Outcome.INVALID;
        } finally {
            bcrypt.release();
        }
    }

    /** How many bcrypt verifications ran: what the cache saves. */
    long bcryptRuns() {
        return bcryptRuns.get();
    }

    private boolean bcryptMatches(String password, String hash) {
        bcryptRuns.incrementAndGet();
        try {
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException e) {
            return false; // longer than bcrypt's 72 bytes: refused, as Go's bcrypt (the exporter-toolkit's) does
        }
    }

    private String hmac(String user, String password, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            for (String part : new String[]{user, password, hash}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
