package io.stashwatch.poe.river;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Finds {@code next_change_id} in the first bytes of a river page while the body is still arriving.
 * The API writes it as the first field, so a few dozen bytes suffice and the next request can start
 * long before the page is complete. Bytes are fed as they come; the sniffer gives up (and the
 * caller reads the id from the complete body, {@link #findInWholeBody}) when the first field is
 * something else or the prefix is malformed. Ids are opaque strings.
 */
public final class NextChangeIdSniffer {
    static final String FIELD = "next_change_id";
    private static final JsonFactory JSON = new JsonFactory();
    /** Beyond this many bytes without an answer the sniffer gives up. */
    private static final int MAX_PREFIX = 64 * 1024;

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private int fed;
    private int state; // 0 expect start object, 1 expect field name, 2 expect value
    private String result;
    private boolean gaveUp;

    public NextChangeIdSniffer() {
        try {
            parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** True while more bytes may still reveal the id. */
    public boolean active() {
        return result == null && !gaveUp;
    }

    /** The id found, or null. */
    public String result() {
        return result;
    }

    /**
     * Feeds the next bytes of the body (the array may be reused by the caller after the call).
     *
     * @return the id once found (also on later calls), null while unknown
     */
    public String feed(byte[] bytes, int offset, int length) {
        if (!active()) {
            return result;
        }
        try {
            feeder.feedInput(bytes, offset, offset + length);
            fed += length;
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.NOT_AVAILABLE) {
                if (t == null) {
                    gaveUp = true;
                    break;
                }
                if (state == 0) {
                    if (t != JsonToken.START_OBJECT) {
                        gaveUp = true;
                        break;
                    }
                    state = 1;
                } else if (state == 1) {
                    if (t != JsonToken.FIELD_NAME || !FIELD.equals(parser.currentName())) {
                        gaveUp = true;
                        break;
                    }
                    state = 2;
                } else {
                    if (t == JsonToken.VALUE_STRING) {
                        result = parser.getText();
                    } else {
                        gaveUp = true;
                    }
                    break;
                }
            }
        } catch (IOException e) {
            gaveUp = true;
        }
        if (result == null && fed > MAX_PREFIX) {
            gaveUp = true;
        }
        if (!active()) {
            close();
        }
        return result;
    }

    private void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    /**
     * The top-level {@code next_change_id} of a complete page, wherever it is; null when absent or
     * when the body is not a JSON object.
     */
    public static String findInWholeBody(byte[] body, int length) {
        try (JsonParser p = JSON.createParser(body, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (FIELD.equals(name)) {
                    return v == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
