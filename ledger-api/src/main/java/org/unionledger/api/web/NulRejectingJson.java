package org.unionledger.api.web;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies may not carry a NUL character ({@code \u0000}) in any text: PostgreSQL text cannot
 * hold one, so an event carrying it would be written and then fail every projection that stores
 * the text, stopping that processor. Refused at the door with 400 TEXT_CONTAINS_NUL. Only the
 * HTTP message converter's mapper gets this; the event serializer is untouched.
 */
@Configuration(proxyBeanMethods = false)
class NulRejectingJson implements WebMvcConfigurer {

    static final String MESSAGE = "text must not contain NUL characters";

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                ObjectMapper mapper = json.getObjectMapper().copy();
                mapper.registerModule(new SimpleModule("nul-rejecting-strings")
                        .addDeserializer(String.class, new NulRejectingStrings()));
                json.setObjectMapper(mapper);
            }
        }
    }

    private static final class NulRejectingStrings extends StdScalarDeserializer<String> {

        NulRejectingStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw context.weirdStringException(value.replace('\u0000', '?'), String.class, MESSAGE);
            }
            return value;
        }
    }
}
