package org.unionledger.api.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Built-in users for the embedded default (ledger.security.users). Passwords are bcrypt hashes;
 * the first-run users and their passwords are listed in README.md.
 */
@ConfigurationProperties("ledger.security")
public record LedgerUsersProperties(@DefaultValue List<User> users) {

    /**
     * @param username     login name
     * @param passwordHash bcrypt hash, with or without the {bcrypt} prefix
     * @param roles        ADMIN, FINANCE_OFFICER, CLAIMS_REVIEWER, CASE_WORKER, AUDITOR, MEMBER
     * @param orgId        the organisation the user belongs to
     * @param memberId     for members: their opaque member id
     */
    public record User(String username, String passwordHash, Set<String> roles, String orgId, String memberId) {
    }
}
