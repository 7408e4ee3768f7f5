package io.stashwatch.poe.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A response whose body is still arriving: status and headers now, the (gzip-decoded) body as a
 * stream. Close it when done; closing before the end cancels the exchange.
 */
public final class PoeResponse implements Closeable {
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final int status;
    private final HttpHeaders headers;
    private final StreamingBody raw;
    private final InputStream body;
    private final long receivedAtMillis;

    PoeResponse(int status, HttpHeaders headers, StreamingBody raw, long receivedAtMillis) throws IOException {
        this.status = status;
        this.headers = headers;
        this.raw = raw;
        this.receivedAtMillis = receivedAtMillis;
        String encoding = headers.firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT).trim();
        this.body = encoding.equals("gzip") || encoding.equals("x-gzip") ? new LazyGzip(raw) : raw;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The decoded body, read as it arrives. */
    public InputStream body() {
        return body;
    }

    /** Wall-clock time the headers arrived. */
    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    /** Bytes received on the wire so far (compressed size when gzip). */
    public long wireBytes() {
        return raw.wireBytes();
    }

    /** Reads the whole decoded body (at most {@code limit} bytes are kept). */
    public byte[] readBody(int limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = body.read(buf, 0, buf.length)) > 0) {
            if (out.size() < limit) {
                out.write(buf, 0, Math.min(n, limit - out.size()));
            }
        }
        return out.toByteArray();
    }

    /**
     * After the decoded body ended: reads whatever is left on the wire (a gzip trailer) so the
     * connection can be reused, then closes.
     */
    public void finish() throws IOException {
        byte[] buf = new byte[512];
        while (raw.read(buf, 0, buf.length) > 0) {
            // discard
        }
        close();
    }

    /** Reads a (small) error body, tolerating a body that breaks off. */
    byte[] readErrorBody() {
        try {
            return readBody(ERROR_BODY_LIMIT);
        } catch (IOException e) {
            return new byte[0];
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        raw.close();
    }

    /** GZIP decoding that reads the gzip header only on first use (so construction never blocks). */
    private static final class LazyGzip extends InputStream {
        private final InputStream source;
        private GZIPInputStream gzip;

        LazyGzip(InputStream source) {
            this.source = source;
        }

        private GZIPInputStream gzip() throws IOException {
            if (gzip == null) {
                gzip = new GZIPInputStream(source, 65536);
            }
            return gzip;
        }

        @Override
        public int read() throws IOException {
            return gzip().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return gzip().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
