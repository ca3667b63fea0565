package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a {@code ByteBuf} that was never released.
 *
 * <p>Netty reports a leak only after the leaked buffer has been garbage-collected and a later tracked allocation
 * polls the detector's queue, which a short test JVM may never do. So after the class this extension leaks one
 * sentinel buffer on purpose, then collects and allocates until the sentinel is reported (with a deadline); leaks
 * that became unreachable earlier are reported by then too. It listens on the detector's {@code java.util.logging}
 * logger, which Netty logs through when no SLF4J binding is present, as in this module's tests; while a class runs,
 * those records reach only this extension (a real leak is then quoted in the failure, still as "LEAK:").
 *
 * <p>Only tracked buffers can be caught: pooled and direct ones (Netty does not track unpooled heap buffers), hence
 * {@link #ALLOC} for the buffers tests create. Tests run with {@code -Dio.netty.leakDetection.level=paranoid}
 * (parent pom), so every tracked buffer records its accesses. One test class at a time (JUnit runs them sequentially).
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

    /** The allocator tests use for buffers they create, so that a leak of one is detected. */
    public static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    /** Held strongly so that java.util.logging keeps the handler attached. */
    private static final Logger DETECTOR_LOG = Logger.getLogger("io.netty.util.ResourceLeakDetector");

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final AtomicLong SENTINELS = new AtomicLong();

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.contains("LEAK:")) {
                reports.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        DETECTOR_LOG.addHandler(handler);
        // reports go to this handler only, so the sentinel's report does not reach the console, where CI fails on
        // "LEAK:"; a real leak reaches it through the failure message of afterAll, which quotes the report
        DETECTOR_LOG.setUseParentHandlers(false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            String sentinel = "NoLeaks sentinel #" + SENTINELS.incrementAndGet() + " after "
                    + context.getDisplayName();
            leakSentinel(sentinel);
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (reports.stream().noneMatch(r -> r.contains(sentinel)) && System.nanoTime() < deadline) {
                System.gc();
                ALLOC.buffer(8).release(); // a tracked allocation polls the detector's queue
            }
            assertThat(reports).as("the sentinel leak was reported: the detector is observable")
                    .anyMatch(r -> r.contains(sentinel));
            List<String> leaks = reports.stream().filter(r -> !r.contains("NoLeaks sentinel"))
                    .collect(Collectors.toList());
            assertThat(leaks).as("ByteBufs leaked by %s", context.getDisplayName()).isEmpty();
        } finally {
            DETECTOR_LOG.setUseParentHandlers(true);
            DETECTOR_LOG.removeHandler(handler);
            reports.clear();
        }
    }

    private static void leakSentinel(String hint) {
        ByteBuf buf = ALLOC.buffer(8);
        buf.touch(hint); // the hint makes the report unique, so the detector does not suppress it as a repeat
    }
}
