package org.unionledger.api.hostile;

/**
 * One request of the corpus: who sends it (a user name, or null for anonymous), to which operation,
 * and the raw bytes. {@code contentType} null means no Content-Type header; {@code chunked} sends the
 * body without a Content-Length.
 */
record HostileRequest(String operation, String kind, String user, String method, String path, String contentType,
                      byte[] body, boolean chunked) {

    String describe(int maxBodyChars) {
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, maxBodyChars * 4),
                java.nio.charset.StandardCharsets.UTF_8);
        if (text.length() > maxBodyChars) {
            text = text.substring(0, maxBodyChars) + "...(" + (body.length) + " bytes)";
        }
        String shownPath = path.length() > 300 ? path.substring(0, 300) + "...(" + path.length() + " chars)" : path;
        return "[" + kind + "] as " + (user == null ? "anonymous" : user) + ": " + method + " " + shownPath
                + (contentType == null ? "" : " (" + contentType + (chunked ? ", chunked" : "") + ")")
                + (body == null ? "" : " " + text);
    }
}
