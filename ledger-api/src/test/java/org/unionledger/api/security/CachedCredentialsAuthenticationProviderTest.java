package org.unionledger.api.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/** The credential cache in front of bcrypt: one check per credentials, failures never kept. */
class CachedCredentialsAuthenticationProviderTest {

    private final AtomicInteger checks = new AtomicInteger();

    /** A slow checker that knows one password, like bcrypt but countable. */
    private final AuthenticationProvider bcryptLike = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication given) {
            checks.incrementAndGet();
            sleep(50);
            if (!"right".equals(given.getCredentials())) {
                throw new BadCredentialsException("bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(given.getName(), null,
                    AuthorityUtils.createAuthorityList("ROLE_FINANCE_OFFICER"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final CachedCredentialsAuthenticationProvider provider =
            new CachedCredentialsAuthenticationProvider(bcryptLike);

    @Test
    void clientsArrivingTogetherWithTheSameCredentialsShareOneCheck() throws Exception {
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Authentication>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return provider.authenticate(token("finance", "right"));
                }));
            }
            start.countDown();
            for (Future<Authentication> answer : answers) {
                Authentication authenticated = answer.get(10, TimeUnit.SECONDS);
                assertThat(authenticated.isAuthenticated(), is(true));
                assertThat(authenticated.getName(), equalTo("finance"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat("one slow check for sixteen requests", checks.get(), equalTo(1));
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThrows(BadCredentialsException.class, () -> provider.authenticate(token("finance", "wrong")));
        }
        assertThat(checks.get(), equalTo(3));

        provider.authenticate(token("finance", "right"));
        provider.authenticate(token("finance", "right"));
        assertThat("the right password is checked once, then remembered", checks.get(), equalTo(4));
        assertThrows(BadCredentialsException.class, () -> provider.authenticate(token("finance", "wrong")));
        assertThat(checks.get(), equalTo(5));
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
