package org.unionledger.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.unionledger.api.security.LedgerUsersProperties;

/**
 * Tests only: adds users limited to the organisation {@link #DISTRICT_ORG} (one per staff role that the
 * first-run users have only at city level) and a second member, so the authorization matrix can
 * check organisation scoping for every role. Passwords follow the first-run rule: "ledger-" + name.
 */
@Component
class ScopedTestUsers implements BeanPostProcessor {

    /** The organisation of the restricted test users (and of the first-run user "district"). */
    public static final String DISTRICT_ORG = "district-1";

    private static final BCryptPasswordEncoder CHEAP = new BCryptPasswordEncoder(4);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof LedgerUsersProperties properties
                && properties.users().stream().noneMatch(user -> user.username().equals("district-caseworker"))) {
            List<LedgerUsersProperties.User> users = new ArrayList<>(properties.users());
            users.add(user("district-caseworker", "CASE_WORKER", null));
            users.add(user("district-reviewer", "CLAIMS_REVIEWER", null));
            users.add(user("district-auditor", "AUDITOR", null));
            users.add(user("district-member", "MEMBER", "m-district-1"));
            return new LedgerUsersProperties(List.copyOf(users));
        }
        return bean;
    }

    private static LedgerUsersProperties.User user(String name, String role, String memberId) {
        return new LedgerUsersProperties.User(name, "{bcrypt}" + CHEAP.encode("ledger-" + name), Set.of(role),
                DISTRICT_ORG, memberId);
    }
}
