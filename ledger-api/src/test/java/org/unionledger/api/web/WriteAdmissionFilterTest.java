package org.unionledger.api.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Commands are admitted a few at a time; reads and uploads never wait; a command that waits too long is told so. */
class WriteAdmissionFilterTest {

    private final WriteAdmissionFilter oneAtATime = new WriteAdmissionFilter(new ProblemResponses(new ObjectMapper()),
            1, Duration.ofMillis(200));

    @Test
    void aSecondCommandWaitsForTheFirstThenIsTurnedAwayWithRetryAfter() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(
                command(), (request, response) -> {
                    inside.countDown();
                    await(release);
                }));
        assertThat(inside.await(5, TimeUnit.SECONDS), equalTo(true));

        AtomicInteger reached = new AtomicInteger();
        MockHttpServletResponse second = run(command(), (request, response) -> reached.incrementAndGet());
        assertThat(second.getStatus(), equalTo(503));
        assertThat(second.getHeader("Retry-After"), equalTo("1"));
        assertThat(second.getContentType(), equalTo("application/problem+json"));
        assertThat(second.getContentAsString(), containsString("\"code\":\"LEDGER_BUSY\""));
        assertThat("the busy command reached nothing", reached.get(), equalTo(0));

        MockHttpServletResponse read = run(new MockHttpServletRequest("GET", "/funds/f/balance"),
                (request, response) -> reached.incrementAndGet());
        MockHttpServletResponse upload = run(upload(), (request, response) -> reached.incrementAndGet());
        assertThat("reads and uploads pass while a command runs", reached.get(), equalTo(2));
        assertThat(read.getStatus(), equalTo(200));
        assertThat(upload.getStatus(), equalTo(200));

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus(), equalTo(200));
        MockHttpServletResponse after = run(command(), (request, response) -> reached.incrementAndGet());
        assertThat("the permit came back", after.getStatus(), equalTo(200));
        assertThat(reached.get(), equalTo(3));
    }

    @Test
    void theDefaultLimitIsTwoCommandsPerCore() {
        WriteAdmissionFilter byCores = new WriteAdmissionFilter(new ProblemResponses(new ObjectMapper()), 0,
                Duration.ofSeconds(30));
        assertThat(byCores.limit(), equalTo(2 * Runtime.getRuntime().availableProcessors()));
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            oneAtATime.doFilter(request, response, chain);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
        return response;
    }

    private static MockHttpServletRequest command() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/funds/f/contributions");
        request.setContentType("application/json");
        request.setContent("{}".getBytes());
        return request;
    }

    private static MockHttpServletRequest upload() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/pools/p/enrolment-imports");
        request.setContentType("multipart/form-data; boundary=x");
        return request;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
