package io.integrationmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;

class BoundedBodyTest {
    private final AtomicBoolean aborted = new AtomicBoolean();

    @Test
    void aBodyAtTheLimitIsReadWhole() throws Exception {
        // given
        InputStream body = BoundedBody.of(body(1024), 1024, OptionalLong.of(1024));

        // when / then
        assertThat(body.readAllBytes()).hasSize(1024);
        assertThat(aborted).isFalse();
    }

    @Test
    void aBodyOneByteOverTheLimitFailsAndAbortsTheConnection() {
        // given no Content-Length (chunked)
        InputStream body = BoundedBody.of(body(1025), 1024, OptionalLong.empty());

        // when / then
        assertThatThrownBy(body::readAllBytes)
                .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(1024);
                    assertThat(e.getMessage()).isEqualTo(
                            "response body longer than aws.max_response_bytes (1024 bytes)");
                });
        assertThat(aborted).isTrue();
    }

    @Test
    void aDeclaredLengthOverTheLimitFailsBeforeReadingAnything() {
        // given
        CountingStream source = new CountingStream(new byte[4096]);
        InputStream body = BoundedBody.of(AbortableInputStream.create(source, () -> aborted.set(true)), 1024,
                OptionalLong.of(4096));

        // when / then
        assertThatThrownBy(body::read).isInstanceOf(ResponseTooLargeException.class)
                .hasMessage("response body of 4096 bytes (Content-Length) is over aws.max_response_bytes (1024 bytes)");
        assertThat(source.served).isZero();
        assertThat(aborted).isTrue();
    }

    @Test
    void neverReadsMoreThanOneByteBeyondTheLimit() {
        // given a large source read with a large buffer
        CountingStream source = new CountingStream(new byte[1 << 20]);
        InputStream body = BoundedBody.of(AbortableInputStream.create(source, () -> aborted.set(true)), 1024,
                OptionalLong.empty());

        // when / then the first read asks the source for limit + 1 bytes only, and trips
        assertThatThrownBy(() -> body.read(new byte[1 << 16])).isInstanceOf(ResponseTooLargeException.class);
        assertThat(source.served).isEqualTo(1025);
    }

    private AbortableInputStream body(int size) {
        return AbortableInputStream.create(new ByteArrayInputStream(new byte[size]), () -> aborted.set(true));
    }

    private static final class CountingStream extends ByteArrayInputStream {
        int served;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            served += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            served += Math.max(n, 0);
            return n;
        }
    }
}
