package org.unionledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * HTTP Basic sends the password with every request, and checking it against a bcrypt hash (cost
 * 10) costs tens of milliseconds of CPU: on a two-core machine that, not the ledger, would bound
 * the commands per second. This provider remembers successful checks for a short while, keyed by
 * a SHA-256 of user name and password (the password itself is never kept), so a client repeating
 * the same credentials pays bcrypt once per {@link #TIME_TO_LIVE}. Failed checks are never
 * remembered: a wrong password always goes through bcrypt. Stored hashes stay bcrypt.
 */
final class CachedCredentialsAuthenticationProvider implements AuthenticationProvider {

    /** How long a successful check is trusted: a changed or removed user takes effect after this. */
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    /** At most this many remembered (user, password) pairs; the least used are dropped first. */
    static final long ENTRIES_MAX = 10_000;

    private final AuthenticationProvider checker;
    private final Cache<String, Authentication> checked = Caffeine.newBuilder()
            .maximumSize(ENTRIES_MAX)
            .expireAfterWrite(TIME_TO_LIVE)
            .build();

    CachedCredentialsAuthenticationProvider(AuthenticationProvider checker) {
        this.checker = checker;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            return checker.authenticate(authentication);
        }
        String key = sha256(authentication.getName() + '\0' + credentials);
        Authentication earlier = checked.getIfPresent(key);
        if (earlier != null) {
            return copyOf(earlier);
        }
        // One check per key at a time: when an entry expires under load, the clients sending the
        // same credentials wait for one bcrypt instead of each running their own (16 at once took
        // both cores for a second). A failed check throws and leaves nothing behind.
        Authentication checkedNow = checked.get(key, unused -> {
            Authentication result = checker.authenticate(authentication);
            return result != null && result.isAuthenticated() ? copyOf(result) : null;
        });
        return checkedNow == null ? checker.authenticate(authentication) : copyOf(checkedNow);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return checker.supports(authentication);
    }

    /** A fresh token each time: Spring erases credentials on the token it is handed. */
    private static Authentication copyOf(Authentication authenticated) {
        UsernamePasswordAuthenticationToken copy = UsernamePasswordAuthenticationToken.authenticated(
                authenticated.getPrincipal(), null, authenticated.getAuthorities());
        copy.setDetails(authenticated.getDetails());
        return copy;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
