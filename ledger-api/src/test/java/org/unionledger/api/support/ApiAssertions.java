package org.unionledger.api.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Assertions on the ledger's HTTP answers, shared by the API tests. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** The answer has this status; returns it for reading. */
    public static LedgerHttp.Response expect(LedgerHttp.Response response, int status) {
        assertThat(response.toString(), response.status(), equalTo(status));
        return response;
    }

    /** An RFC 9457 problem with this status and rule code. */
    public static void assertProblem(LedgerHttp.Response response, int status, String code) {
        assertThat(response.toString(), response.status(), equalTo(status));
        assertThat(response.contentType(), startsWith("application/problem+json"));
        assertThat(response.toString(), response.json().get("code").asText(), equalTo(code));
    }
}
