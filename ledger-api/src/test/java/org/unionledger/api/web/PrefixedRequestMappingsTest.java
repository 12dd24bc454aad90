package org.unionledger.api.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.unionledger.api.support.ApiTest;

/**
 * The prefix check passes over only mappings that could not match: for a request built from each of
 * the API's own mappings (and a few odd ones), every mapping Spring MVC would match is still matched.
 */
@ApiTest
class PrefixedRequestMappingsTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theLedgersHandlerMappingChecksPathStartsFirst() {
        assertThat(mapping, instanceOf(PrefixedRequestMappings.PrefixFilteredHandlerMapping.class));
    }

    @Test
    void everyMappingThatMatchesARequestStillMatchesItAndTheRestArePassedOver() throws Exception {
        var filtered = (PrefixedRequestMappings.PrefixFilteredHandlerMapping) mapping;
        List<RequestMappingInfo> infos = new ArrayList<>(mapping.getHandlerMethods().keySet());
        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (RequestMappingInfo info : infos) {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]*}", "x-1").replace("**", "a/b").replace("*", "a");
                var methods = info.getMethodsCondition().getMethods();
                requests.add(request(methods.isEmpty() ? "GET" : methods.iterator().next().name(), path));
            }
        }
        for (MockHttpServletRequest request : requests) {
            boolean springHasOne = infos.stream().anyMatch(info -> info.getMatchingCondition(request) != null);
            assertThat("a handler for " + request.getMethod() + " " + request.getRequestURI(),
                    handlerFor(request) != null, equalTo(springHasOne));
        }
        for (String odd : List.of("/", "/funds", "/funds/", "/FUNDS/x/balance", "/funds/x%2Fy/balance",
                "/fund%73/x/balance", "/nothing/here", "/error")) {
            for (RequestMethod method : List.of(RequestMethod.GET, RequestMethod.POST)) {
                requests.add(request(method.name(), odd));
            }
        }
        int matched = 0;
        int passedOver = 0;
        for (MockHttpServletRequest request : requests) {
            for (RequestMappingInfo info : infos) {
                boolean springMatches = info.getMatchingCondition(request) != null;
                boolean oursMatches = filtered.getMatchingMapping(info, request) != null;
                assertThat(request.getMethod() + " " + request.getRequestURI() + " against " + info,
                        oursMatches, equalTo(springMatches));
                matched += springMatches ? 1 : 0;
            }
            passedOver += (int) infos.stream().filter(info -> !filtered.mayMatch(info, request)).count();
        }
        assertThat(matched, greaterThan(requests.size() / 2));
        assertThat("most mappings are passed over by their path's start", passedOver,
                greaterThan(requests.size() * infos.size() / 2));
        var contribution = request("POST", "/funds/f-1/contributions");
        assertThat(mapping.getHandler(contribution), notNullValue());
        assertThat(infos.stream().filter(info -> filtered.mayMatch(info, contribution)).count(), lessThan(15L));
    }

    /** The handler the lookup finds; none when it refuses a partial match (wrong method or type). */
    private Object handlerFor(MockHttpServletRequest request) {
        try {
            return mapping.getHandler(request);
        } catch (Exception partialMatch) {
            return null;
        }
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }
}
