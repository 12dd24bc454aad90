package org.unionledger.api.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadsFirstFilterTest {

    private final ReadsFirstFilter filter = new ReadsFirstFilter();
    private final int priorityBefore = Thread.currentThread().getPriority();

    @AfterEach
    void restorePriority() {
        Thread.currentThread().setPriority(priorityBefore);
    }

    private List<Integer> prioritiesSeenBy(String method) throws Exception {
        List<Integer> seen = new ArrayList<>();
        filter.doFilter(new MockHttpServletRequest(method, "/funds/f-1/contributions"), new MockHttpServletResponse(),
                (request, response) -> seen.add(Thread.currentThread().getPriority()));
        return seen;
    }

    @Test
    void aCommandRunsAtTheLowestPriorityAndAReadAtTheNormalOne() throws Exception {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY);

        assertThat(prioritiesSeenBy("POST"), contains(Thread.MIN_PRIORITY));
        assertThat(prioritiesSeenBy("PUT"), contains(Thread.MIN_PRIORITY));
        assertThat(prioritiesSeenBy("DELETE"), contains(Thread.MIN_PRIORITY));
        assertThat(prioritiesSeenBy("GET"), contains(Thread.NORM_PRIORITY));
        assertThat(prioritiesSeenBy("HEAD"), contains(Thread.NORM_PRIORITY));
        assertThat(prioritiesSeenBy("OPTIONS"), contains(Thread.NORM_PRIORITY));
    }

    @Test
    void aThreadKeepsThePriorityOfItsLastRequestUntilOneOfTheOtherKindComes() throws Exception {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY);

        prioritiesSeenBy("POST");
        assertThat(Thread.currentThread().getPriority(), equalTo(Thread.MIN_PRIORITY));
        assertThat(prioritiesSeenBy("POST"), contains(Thread.MIN_PRIORITY));
        prioritiesSeenBy("GET");
        assertThat(Thread.currentThread().getPriority(), equalTo(Thread.NORM_PRIORITY));
    }

    @Test
    void aReadAfterAFailedCommandRunsAtTheNormalPriority() throws Exception {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY);

        assertThrows(ServletException.class, () -> filter.doFilter(new MockHttpServletRequest("POST", "/funds"),
                new MockHttpServletResponse(), (request, response) -> {
                    throw new ServletException("refused");
                }));

        assertThat(prioritiesSeenBy("GET"), contains(Thread.NORM_PRIORITY));
    }
}
