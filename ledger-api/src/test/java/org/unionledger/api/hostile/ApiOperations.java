package org.unionledger.api.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every operation the running ledger documents at /v3/api-docs, with its parameters and the
 * (resolved) schema of its request body: the corpus covers what is documented, so endpoints added
 * later are covered without touching the corpus.
 */
final class ApiOperations {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private ApiOperations() {
    }

    static List<Operation> from(JsonNode docs) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = docs.path("components").path("schemas");
        Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            parameter.path("required").asBoolean(false),
                            Schema.of(parameter.path("schema"), schemas, 0)));
                }
                Body body = null;
                JsonNode content = operation.path("requestBody").path("content");
                Iterator<Map.Entry<String, JsonNode>> types = content.fields();
                if (types.hasNext()) {
                    Map.Entry<String, JsonNode> first = types.next();
                    body = new Body(first.getKey(), operation.path("requestBody").path("required").asBoolean(false),
                            Schema.of(first.getValue().path("schema"), schemas, 0));
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), parameters, body));
            }
        }
        return operations;
    }

    /** One documented operation. */
    record Operation(String method, String path, List<Parameter> parameters, Body body) {

        String label() {
            return method + " " + path;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        boolean isJsonBody() {
            return body != null && body.contentType().contains("json");
        }

        boolean isMultipartBody() {
            return body != null && body.contentType().startsWith("multipart/");
        }
    }

    record Parameter(String name, String in, boolean required, Schema schema) {
    }

    record Body(String contentType, boolean required, Schema schema) {
    }

    /** The parts of a JSON schema the corpus needs; $ref resolved, nullable 3.1 types flattened. */
    record Schema(String type, String format, List<String> enumValues, Integer maxLength,
                  Map<String, Schema> properties, Set<String> required, Schema items) {

        static Schema of(JsonNode node, JsonNode schemas, int depth) {
            if (node == null || node.isMissingNode() || node.isNull() || depth > 8) {
                return new Schema("object", null, List.of(), null, Map.of(), Set.of(), null);
            }
            if (node.has("$ref")) {
                String name = node.get("$ref").asText().replace("#/components/schemas/", "");
                return of(schemas.path(name), schemas, depth + 1);
            }
            if (node.has("allOf") && node.get("allOf").size() > 0) {
                return of(node.get("allOf").get(0), schemas, depth + 1);
            }
            String type = typeOf(node.path("type"));
            if (type == null) {
                type = node.has("properties") ? "object" : node.has("items") ? "array" : "string";
            }
            List<String> enums = new ArrayList<>();
            node.path("enum").forEach(value -> {
                if (!value.isNull()) {
                    enums.add(value.asText());
                }
            });
            Map<String, Schema> properties = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                properties.put(field.getKey(), of(field.getValue(), schemas, depth + 1));
            }
            Set<String> required = new LinkedHashSet<>();
            node.path("required").forEach(name -> required.add(name.asText()));
            Schema items = node.has("items") ? of(node.get("items"), schemas, depth + 1) : null;
            return new Schema(type, node.path("format").isMissingNode() ? null : node.path("format").asText(),
                    List.copyOf(enums), node.has("maxLength") ? node.get("maxLength").asInt() : null,
                    properties, required, items);
        }

        private static String typeOf(JsonNode type) {
            if (type.isTextual()) {
                return type.asText();
            }
            if (type.isArray()) {
                for (JsonNode each : type) {
                    if (!"null".equals(each.asText())) {
                        return each.asText();
                    }
                }
            }
            return null;
        }

        boolean isInteger() {
            return "integer".equals(type);
        }

        boolean isNumber() {
            return "number".equals(type) || isInteger();
        }

        boolean isBinary() {
            return "string".equals(type) && "binary".equals(format);
        }
    }
}
