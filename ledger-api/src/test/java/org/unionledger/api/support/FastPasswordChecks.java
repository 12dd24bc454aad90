package org.unionledger.api.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Tests only: remembers the outcome of each (password, hash) check, so API tests that send
 * thousands of requests do not spend ~90 ms of bcrypt on each. Wrong passwords are still checked
 * by the real encoder (and the negative outcome remembered just the same).
 */
@Component
class FastPasswordChecks implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PasswordEncoder encoder && !(bean instanceof Remembering)) {
            return new Remembering(encoder);
        }
        return bean;
    }

    private record Remembering(PasswordEncoder real, Map<String, Boolean> outcomes) implements PasswordEncoder {

        Remembering(PasswordEncoder real) {
            this(real, new ConcurrentHashMap<>());
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return real.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return outcomes.computeIfAbsent(rawPassword + "\u0000" + encodedPassword,
                    key -> real.matches(rawPassword, encodedPassword));
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return real.upgradeEncoding(encodedPassword);
        }
    }
}
