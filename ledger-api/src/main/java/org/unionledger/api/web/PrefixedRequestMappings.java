package org.unionledger.api.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Spring MVC's handler lookup, with each mapping first checked by the literal start of its paths.
 * <p>
 * A path with a variable ({@code /funds/{fundId}/contributions}) cannot be looked up directly, so
 * Spring MVC tries every one of the API's ~90 mappings against each such request: HTTP method,
 * content type, accepted types, then the path pattern. Spring Security's request matchers make it
 * do the same lookup a second time per request. Together that was a quarter of a request thread's
 * CPU in P1 (docs/PERFORMANCE.md, setting 38). Here a mapping none of whose paths can start the
 * request's path (the text before its first variable or wildcard) is passed over at once; every
 * other mapping is matched exactly as before, so the same requests reach the same handlers.
 * <p>
 * Requests whose path holds {@code %} or {@code ;} are matched the full way only: patterns match
 * decoded segments without matrix variables, which the raw path does not show.
 */
@Component
class PrefixedRequestMappings implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PrefixFilteredHandlerMapping();
    }

    static final class PrefixFilteredHandlerMapping extends RequestMappingHandlerMapping {

        private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();
        /**
         * The path of the request being looked up on this thread, read once rather than once per
         * mapping; empty when the prefix check must not judge it, null outside a lookup.
         */
        private final ThreadLocal<Optional<String>> lookedUpPath = new ThreadLocal<>();

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            Optional<String> outer = lookedUpPath.get();
            lookedUpPath.set(checkablePath(request));
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                if (outer == null) {
                    lookedUpPath.remove();
                } else {
                    lookedUpPath.set(outer);
                }
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            if (!mayMatch(info, request)) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        boolean mayMatch(RequestMappingInfo info, HttpServletRequest request) {
            Optional<String> checkable = lookedUpPath.get();
            if (checkable == null) {
                checkable = checkablePath(request);
            }
            if (checkable.isEmpty() || info.getPathPatternsCondition() == null) {
                return true;
            }
            String path = checkable.get();
            String[] starts = prefixes.get(info);
            if (starts == null) {
                starts = prefixes.computeIfAbsent(info, PrefixFilteredHandlerMapping::literalStarts);
            }
            for (String start : starts) {
                if (path.startsWith(start)) {
                    return true;
                }
            }
            return false;
        }

        /** The request's path within the application, or empty when the prefix check must not judge it. */
        private Optional<String> checkablePath(HttpServletRequest request) {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)
                    || getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
                return Optional.empty();
            }
            String path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
            return path.indexOf('%') >= 0 || path.indexOf(';') >= 0 ? Optional.empty() : Optional.of(path);
        }

        /** Each path pattern's text before its first variable or wildcard; "" matches every path. */
        static String[] literalStarts(RequestMappingInfo info) {
            var values = info.getPathPatternsCondition().getPatternValues();
            if (values.isEmpty()) {
                return new String[] {""};
            }
            return values.stream().map(PrefixFilteredHandlerMapping::literalStart).toArray(String[]::new);
        }

        static String literalStart(String pattern) {
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?' || c == '\\') {
                    return pattern.substring(0, i);
                }
            }
            return pattern;
        }
    }
}
