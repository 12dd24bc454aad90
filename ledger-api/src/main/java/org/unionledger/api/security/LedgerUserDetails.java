package org.unionledger.api.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A built-in user, carrying the organisation and member id beside the roles. */
record LedgerUserDetails(LedgerUsersProperties.User user) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return authorities;
    }

    @Override
    public String getPassword() {
        String hash = user.passwordHash();
        return hash.startsWith("{") ? hash : "{bcrypt}" + hash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }
}
