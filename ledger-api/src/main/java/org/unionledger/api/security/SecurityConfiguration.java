package org.unionledger.api.security;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
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
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
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

    /**
     * The security rules match request paths as Spring MVC's path patterns do, without asking Spring
     * MVC which handler a request goes to (Spring Security 6.5's opt-in; the default in 7). The MVC
     * matchers did ask, so every request was first looked up among the API's handler mappings for
     * the security chain, then again by the dispatcher: 9-13% of a request thread's CPU in P1's and
     * P4's profiles (docs/PERFORMANCE.md, setting 57).
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * With no MVC matcher left, the look-up that Spring Security's configuration puts in front of
     * its filter chain for them (a per-request cache of HandlerMappingIntrospector's answer, made
     * eagerly) has no reader: it is taken out of the chain's definition. A bean factory post-processor
     * runs after Spring Security's bean definition registry post-processor has put it there. If a
     * later Spring Security builds the chain differently, nothing is changed (and
     * SecurityApiTest.theChainMakesNoHandlerLookUpOfItsOwn fails).
     */
    @Bean
    static BeanFactoryPostProcessor noHandlerLookUpBeforeTheSecurityChain() {
        return factory -> {
            if (!factory.containsBeanDefinition(SECURITY_CHAIN)) {
                return;
            }
            ValueHolder filters = factory.getBeanDefinition(SECURITY_CHAIN).getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, null);
            if (filters != null && filters.getValue() instanceof java.util.List<?> list) {
                list.removeIf(filter -> filter instanceof BeanDefinition definition
                        && String.valueOf(definition.getBeanClassName()).endsWith(INTROSPECTOR_CACHE_FILTER));
            }
        };
    }

    static final String SECURITY_CHAIN = "springSecurityFilterChain";
    static final String INTROSPECTOR_CACHE_FILTER = "HandlerMappingIntrospectorCacheFilterFactoryBean";

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
