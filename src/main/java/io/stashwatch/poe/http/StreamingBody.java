package io.stashwatch.poe.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as it arrives, read as an {@link InputStream}. Reads block until bytes arrive,
 * for at most the idle time-out (then an {@link HttpTimeoutException}); an interrupt ends the read
 * with an {@link InterruptedIOException} and cancels the exchange. Counts the bytes received.
 */
final class StreamingBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private static final int PREFETCH = 16;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long idleTimeoutNanos;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers = java.util.Collections.emptyIterator();
    private ByteBuffer current;
    private long wireBytes;
    private boolean finished;
    private volatile boolean closed;

    StreamingBody(long idleTimeoutNanos) {
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(PREFETCH);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** Bytes received so far. */
    long wireBytes() {
        return wireBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Makes {@link #current} a buffer with bytes; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean advance() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (finished) {
                return false;
            }
            if (closed) {
                throw new IOException("response body closed");
            }
            Object item;
            try {
                item = queue.poll(idleTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a response body");
            }
            if (item == null) {
                close();
                throw new HttpTimeoutException("no data received for " + idleTimeoutNanos / 1_000_000 + " ms");
            }
            if (item == END) {
                finished = true;
                return false;
            }
            if (item instanceof Throwable) {
                finished = true;
                Throwable t = (Throwable) item;
                throw t instanceof IOException ? (IOException) t : new IOException(t.toString(), t);
            }
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            for (ByteBuffer bb : list) {
                wireBytes += bb.remaining();
            }
            buffers = list.iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return true;
    }

    /** Reads the rest of the body, at most {@code limit} bytes (the rest is discarded). */
    byte[] readUpTo(int limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = read(buf, 0, buf.length)) > 0) {
            if (out.size() < limit) {
                out.write(buf, 0, Math.min(n, limit - out.size()));
            }
        }
        return out.toByteArray();
    }

    /** Cancels the exchange unless the body was read to its end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !finished) {
            s.cancel();
        }
    }
}
