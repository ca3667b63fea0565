package io.runnel.itest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker in its own operating-system process, started through the repository's {@code runnel} launcher exactly as
 * a user starts it, so tests can kill it with SIGKILL. The first start picks a free port; restarts reuse it, so
 * clients keep one URL.
 *
 * <p>Threading: used by one test thread; the output pump runs on its own daemon thread.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (runnel://[^,\\s]+)");

    private final Path dataDir;
    private final Path log;
    private Process process;
    private int port;

    public BrokerProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.log = Files.createTempFile("runnel-broker-", ".log");
    }

    private static Path launcher() {
        Path p = Path.of("..", "runnel").toAbsolutePath().normalize();
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("launcher not found at " + p);
        }
        return p;
    }

    /** Starts the broker and waits until it listens. */
    public BrokerProcess start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", launcher().toString(), "broker",
                "--port", String.valueOf(port), "--data-dir", dataDir.toString())
                .redirectErrorStream(true);
        pb.environment().put("RUNNEL_JAVA_OPTS", "-Xmx256m");
        process = pb.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Process started = process;
        Thread pump = new Thread(() -> pump(started, url), "broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            String u = url.get(60, TimeUnit.SECONDS);
            port = Integer.parseInt(u.substring(u.lastIndexOf(':') + 1));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not start; its output is in " + log, e);
        }
        return this;
    }

    private void pump(Process p, CompletableFuture<String> url) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("the broker process ended its output before listening"));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** SIGTERM: the broker shuts down cleanly. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    public String url() {
        return "runnel://127.0.0.1:" + port;
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
