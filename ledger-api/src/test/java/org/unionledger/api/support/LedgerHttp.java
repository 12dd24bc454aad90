package org.unionledger.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for API tests: real requests, raw bodies, the documented users. */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;

    private LedgerHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static LedgerHttp at(int port) {
        return new LedgerHttp("http://localhost:" + port, null);
    }

    /** Signs in as a first-run user: the password is "ledger-" + username (README.md). */
    public LedgerHttp as(String username) {
        return withPassword(username, "ledger-" + username);
    }

    public LedgerHttp withPassword(String username, String password) {
        String token = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new LedgerHttp(baseUrl, "Basic " + token);
    }

    /** Sends any Authorization header value, e.g. "Bearer " + a token. */
    public LedgerHttp withAuthorization(String authorizationHeader) {
        return new LedgerHttp(baseUrl, authorizationHeader);
    }

    public LedgerHttp anonymous() {
        return new LedgerHttp(baseUrl, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return postRaw(path, body instanceof String s ? s : write(body));
    }

    public Response postRaw(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Uploads one file as multipart/form-data under the field name. */
    public Response postFile(String path, String field, String filename, String content) {
        String boundary = "ledger-" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Submits a claim (POST /claims): the JSON part "claim" and one PDF as its APPLICATION_FORM document. */
    public Response postClaim(Object claim, byte[] applicationFormPdf) {
        String claimJson = claim instanceof String s ? s : write(claim);
        return postMultipart("/claims", List.of(Part.json("claim", claimJson.getBytes(StandardCharsets.UTF_8)),
                Part.pdf("APPLICATION_FORM", applicationFormPdf)));
    }

    /** One part of a multipart/form-data request; a null filename makes it a plain field. */
    public record Part(String name, String filename, String contentType, byte[] content) {

        public static Part json(String name, byte[] json) {
            return new Part(name, null, "application/json", json);
        }

        public static Part pdf(String name, byte[] pdf) {
            return new Part(name, "form.pdf", "application/pdf", pdf);
        }

        public static Part jpeg(String name, byte[] jpeg) {
            return new Part(name, "photo.jpg", "image/jpeg", jpeg);
        }
    }

    /** POSTs multipart/form-data with the parts in order. */
    public Response postMultipart(String path, List<Part> parts) {
        String boundary = "ledger-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"")
                    + "\r\nContent-Type: " + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A GET whose body is binary (an XLSX export). */
    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed", e);
        }
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed", e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Response(int status, String body, String contentType, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
