package org.unionledger.api.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies may not carry a NUL character ({@code \u0000}) in any text: PostgreSQL text cannot
 * hold one, so an event carrying it would be written and then fail every projection that stores
 * the text, stopping that processor. Refused at the door with 400 TEXT_CONTAINS_NUL. Only the
 * HTTP message converter's mapper gets this; the event serializer is untouched.
 *
 * <p>Likewise a date in a request body must have a year from {@value #YEAR_MIN} to
 * {@value #YEAR_MAX}: ISO 8601 also reads "-000001-01-01" and "+999999999-12-31", which a union's
 * books have no use for, and which PostgreSQL's date type cannot even hold (the second). Refused
 * with 400 DATE_OUT_OF_RANGE before any rule runs (the hostile-input corpus found a contribution
 * dated in the year -1 accepted).
 */
@Configuration(proxyBeanMethods = false)
class RequestJsonGuards implements WebMvcConfigurer {

    static final String NUL_MESSAGE = "text must not contain NUL characters";
    static final int YEAR_MIN = 1900;
    static final int YEAR_MAX = 9999;
    static final String DATE_MESSAGE = "a date's year must be from " + YEAR_MIN + " to " + YEAR_MAX;

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                ObjectMapper mapper = json.getObjectMapper().copy();
                mapper.registerModule(new SimpleModule("request-json-guards")
                        .addDeserializer(String.class, new Guarded<>(String.class, StringDeserializer.instance,
                                text -> text.indexOf('\u0000') >= 0, text -> text.replace('\u0000', '?'), NUL_MESSAGE))
                        .addDeserializer(LocalDate.class, new Guarded<>(LocalDate.class, LocalDateDeserializer.INSTANCE,
                                date -> date.getYear() < YEAR_MIN || date.getYear() > YEAR_MAX, text -> text,
                                DATE_MESSAGE)));
                json.setObjectMapper(mapper);
            }
        }
    }

    /**
     * Reads a value as {@code reader} does and refuses it, with {@code message}, when {@code refused}
     * says so; {@code shown} is how the refused value appears in the error (never raw NUL).
     */
    private static final class Guarded<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<T> reader;
        private final Predicate<T> refused;
        private final UnaryOperator<String> shown;
        private final String message;

        Guarded(Class<T> type, JsonDeserializer<T> reader, Predicate<T> refused, UnaryOperator<String> shown,
                String message) {
            super(type);
            this.reader = reader;
            this.refused = refused;
            this.shown = shown;
            this.message = message;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = reader.deserialize(parser, context);
            if (value != null && refused.test(value)) {
                throw context.weirdStringException(shown.apply(value.toString()), handledType(), message);
            }
            return value;
        }
    }
}
