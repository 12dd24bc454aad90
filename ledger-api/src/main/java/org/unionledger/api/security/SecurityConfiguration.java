package org.unionledger.api.security;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.unionledger.api.web.ProblemResponses;

/**
 * HTTP Basic over built-in users (ledger.security.mode=basic, the default), or an OAuth2 resource
 * server taking bearer JWTs (ledger.security.mode=jwt, see {@link JwtActorConverter}). Only health and public statistics answer without
 * authentication; everything else needs a user, and each endpoint names its roles.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, SecurityProperties properties)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/public/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated());
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            // Production: bearer tokens from the OpenID provider; roles and organisation from claims.
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtActorConverter(properties.jwt())))
                    .authenticationEntryPoint(problems::unauthorized)
                    .accessDeniedHandler(problems::forbidden));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems::unauthorized));
        }
        http.exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    @Bean
    UserDetailsService users(LedgerUsersProperties properties) {
        Map<String, LedgerUsersProperties.User> byName = properties.users().stream()
                .collect(Collectors.toUnmodifiableMap(LedgerUsersProperties.User::username, Function.identity()));
        return username -> {
            LedgerUsersProperties.User user = byName.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("no such user");
            }
            return new LedgerUserDetails(user);
        };
    }

    /** bcrypt checks the password; a successful check is remembered briefly (see the provider). */
    @Bean
    AuthenticationProvider cachedCredentials(UserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider bcrypt = new DaoAuthenticationProvider(users);
        bcrypt.setPasswordEncoder(passwordEncoder);
        return new CachedCredentialsAuthenticationProvider(bcrypt);
    }

    /**
     * No Micrometer observation around each of the security chain's filters, its authentication and
     * its authorization: with the actuator's registry every request started and stopped a dozen
     * observations (timers, contexts, scopes), and the decorating filters made the request path
     * markedly longer (docs/PERFORMANCE.md, setting 16). Requests are still observed as a whole
     * (http.server.requests).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, checking header text without regular expressions. */
    @Bean
    WebSecurityCustomizer headerCharactersFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
