package org.unionledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for JSON answers. */
public final class JsonMatchers {

    private JsonMatchers() {
    }

    /** The object has the field, not JSON null, and it is not blank (text) or empty (array, object). */
    public static Matcher<JsonNode> hasText(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(JsonNode node) {
                JsonNode value = node.get(field);
                if (value == null || value.isNull()) {
                    return false;
                }
                return value.isContainerNode() ? !value.isEmpty() : !value.asText().isBlank();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an object with a non-blank, non-empty \"" + field + "\"");
            }
        };
    }
}
