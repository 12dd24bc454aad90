package org.unionledger.api.hostile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.unionledger.api.hostile.ApiOperations.Schema;

/** Properties of the corpus generator itself (run by the jqwik engine, no application needed). */
class HostileValuesTest {

    private static final Schema AMOUNT = new Schema("integer", "int64", List.of(), null, Map.of(), Set.of(), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 200)
    void everyHardValueForAnAmountIsOneNoAmountMayHold(@ForAll long seed) {
        for (HostileValues.Hostile hostile : new HostileValues(new Random(seed)).forProperty("amountFen", AMOUNT, true)) {
            if (!hostile.hard()) {
                continue;
            }
            try {
                var node = JSON.readTree(hostile.json());
                boolean holdable = node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0;
                assertThat(hostile + " must not be a positive long", holdable, is(false));
            } catch (java.io.IOException notJson) {
                // Not even JSON: nothing may accept it.
            }
        }
    }

    @Property(tries = 300)
    void quotedTextIsAsciiJsonThatReadsBackToTheSameString(@ForAll String text) throws Exception {
        String quoted = HostileValues.quote(text);
        assertThat(quoted, matchesPattern("\\A\"[\\x20-\\x7e]*\"\\z"));
        JsonParser parser = JSON.getFactory().createParser(quoted);
        parser.nextToken();
        assertThat(parser.getText(), is(text));
    }

    @Property(tries = 300)
    void encodedPathTextHasOnlyUnreservedCharactersAndEscapes(@ForAll String text) {
        String encoded = HostileValues.encode(text);
        assertThat(encoded, matchesPattern("\\A([A-Za-z0-9_~-]|%[0-9A-F]{2})*\\z"));
        assertThat(encoded.indexOf('/'), lessThan(0));
    }
}
