package io.stashwatch.poe;

import java.io.IOException;

/** A page body that is not the JSON the river serves; the message names where it broke. */
public class PageFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public PageFormatException(String message) {
        super(message);
    }

    public PageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
