package io.runnel.testsupport;

import io.runnel.broker.Broker;
import io.runnel.broker.BrokerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.UnaryOperator;

/**
 * A JUnit 5 extension that runs a real Runnel broker in the test JVM, on 127.0.0.1 and a free port, with its data in
 * a fresh temporary directory that is deleted afterwards.
 *
 * <pre>
 * &#64;RegisterExtension static final BrokerExtension broker = new BrokerExtension();   // one broker per class
 * &#64;RegisterExtension final BrokerExtension broker = new BrokerExtension();          // one broker per test
 * ... new RunnelConnectionFactory(broker.url()) ...
 * broker.restart();   // same data, same port: clients reconnect to the same URL
 * </pre>
 *
 * <p>Threading: lifecycle methods from the test thread.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private UnaryOperator<BrokerConfig.Builder> customizer = UnaryOperator.identity();
    private Path dataDir;
    private Broker broker;
    private int port;
    private boolean perClass;

    /** Changes the broker's configuration (the port and data directory are the extension's). */
    public BrokerExtension configure(UnaryOperator<BrokerConfig.Builder> customizer) {
        this.customizer = customizer;
        return this;
    }

    /** Runs the broker with the given commit pipeline. */
    public BrokerExtension pipeline(BrokerConfig.Pipeline pipeline) {
        UnaryOperator<BrokerConfig.Builder> before = customizer;
        this.customizer = b -> before.apply(b).pipeline(pipeline);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        shutdown();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            shutdown();
        }
    }

    /** Starts the broker (again, after {@link #stop()}), on the port it had before if it had one. */
    public synchronized void start() throws Exception {
        if (broker != null) {
            return;
        }
        if (dataDir == null) {
            dataDir = Files.createTempDirectory("runnel-test-");
        }
        BrokerConfig config = customizer.apply(BrokerConfig.builder())
                .host("127.0.0.1")
                .port(port)
                .dataDir(dataDir)
                .build();
        broker = new Broker(config).start();
        port = broker.port();
    }

    /** Stops the broker cleanly, keeping its data for a later {@link #start()}. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Stops and starts the broker on the same data and the same port. */
    public void restart() throws Exception {
        stop();
        start();
    }

    public synchronized Broker broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return broker;
    }

    /** The client URL, e.g. {@code runnel://127.0.0.1:41234}; stable across {@link #restart()}. */
    public String url() {
        return "runnel://127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started");
        }
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    private synchronized void shutdown() {
        stop();
        if (dataDir != null) {
            delete(dataDir);
            dataDir = null;
            port = 0;
        }
    }

    private static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
