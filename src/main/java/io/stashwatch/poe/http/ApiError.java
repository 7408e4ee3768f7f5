package io.stashwatch.poe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The error of an error response: PoE's {@code {"error":{"code":2,"message":"Invalid query"}}} or
 * OAuth's {@code {"error":"invalid_client","error_description":"..."}}. Decisions are made on the
 * code, never on the message.
 *
 * @param code the numeric PoE code, or -1 when there is none
 * @param oauthError the OAuth error string, or null
 * @param message the message or description ("" when none)
 */
public record ApiError(int code, String oauthError, String message) {
    public static final int RESOURCE_NOT_FOUND = 1;
    public static final int INVALID_QUERY = 2;
    public static final int RATE_LIMIT_EXCEEDED = 3;
    public static final int INTERNAL_ERROR = 4;
    public static final int UNEXPECTED_CONTENT_TYPE = 5;
    public static final int FORBIDDEN = 6;
    public static final int TEMPORARILY_UNAVAILABLE = 7;
    public static final int UNAUTHORIZED = 8;
    public static final int METHOD_NOT_ALLOWED = 9;
    public static final int UNPROCESSABLE_ENTITY = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiError NONE = new ApiError(-1, null, "");

    /** Parses an error body; anything else (HTML, empty, other JSON) gives an error with code -1. */
    public static ApiError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return NONE;
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error == null) {
                return NONE;
            }
            if (error.isObject()) {
                JsonNode code = error.get("code");
                JsonNode message = error.get("message");
                return new ApiError(code != null && code.canConvertToInt() ? code.asInt() : -1, null,
                        message == null ? "" : message.asText());
            }
            if (error.isTextual()) {
                JsonNode description = root.get("error_description");
                return new ApiError(-1, error.asText(), description == null ? "" : description.asText());
            }
            return NONE;
        } catch (java.io.IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Short text for logs and error messages, e.g. "code 2: Invalid query". Never contains secrets. */
    public String describe() {
        if (oauthError != null) {
            return message.isEmpty() ? oauthError : oauthError + ": " + message;
        }
        if (code < 0) {
            return "no error details";
        }
        return message.isEmpty() ? "code " + code : "code " + code + ": " + message;
    }

    /** An error body as the PoE API writes it. */
    public static byte[] body(int code, String message) {
        return ("{\"error\":{\"code\":" + code + ",\"message\":" + quote(message) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
