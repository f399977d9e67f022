package io.integrationmonitor.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.OptionalLong;
import software.amazon.awssdk.http.AbortableInputStream;

/**
 * A response body that fails once more than {@code limit} bytes have been read, before the SDK buffers or
 * parses any more of it: one huge page must not exhaust the heap. A declared {@code Content-Length} over
 * the limit fails on the first read. On failure the connection is aborted rather than drained.
 */
final class BoundedBody extends FilterInputStream {
    private final AbortableInputStream body;
    private final long limit;
    private final OptionalLong declaredLength;
    private long read;

    private BoundedBody(AbortableInputStream body, long limit, OptionalLong declaredLength) {
        super(body);
        this.body = body;
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    static AbortableInputStream of(AbortableInputStream body, long limit, OptionalLong declaredLength) {
        BoundedBody bounded = new BoundedBody(body, limit, declaredLength);
        return AbortableInputStream.create(bounded, body);
    }

    @Override
    public int read() throws IOException {
        checkDeclared();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeclared();
        // Never read past limit + 1 bytes: enough to tell "over the limit" from "exactly at it".
        long allowed = limit + 1 - read;
        int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, allowed)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        checkDeclared();
        long skipped = super.skip(Math.min(n, Math.max(1, limit + 1 - read)));
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    private void checkDeclared() {
        if (declaredLength.isPresent() && declaredLength.getAsLong() > limit) {
            throw fail(declaredLength.getAsLong());
        }
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw fail(-1);
        }
    }

    private ResponseTooLargeException fail(long declared) {
        body.abort();
        return new ResponseTooLargeException(limit, declared);
    }
}
