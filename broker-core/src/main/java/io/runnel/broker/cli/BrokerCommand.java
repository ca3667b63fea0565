package io.runnel.broker.cli;

import io.runnel.broker.Broker;
import io.runnel.broker.BrokerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code runnel broker}: runs one broker in the foreground until SIGTERM or Ctrl-C, which shut it down cleanly
 * (connections closed, logs flushed). Flags override the configuration file, which overrides the embedded defaults.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a broker in the foreground (defaults: 127.0.0.1:7672, data in ./data).")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
    Path configFile;

    @Option(names = "--port", description = "TCP port to listen on (0 picks a free one)")
    Integer port;

    @Option(names = "--host", description = "address to listen on")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the broker keeps its data")
    Path dataDir;

    @Option(names = "--partitions", description = "number of data partitions")
    Integer partitions;

    @Option(names = "--pipeline", description = "how records are committed: local (default) or ratis")
    String pipeline;

    @Override
    public Integer call() throws Exception {
        BrokerConfig.Builder builder = BrokerConfig.builder();
        if (configFile != null) {
            ConfigFile.apply(configFile, builder);
        }
        if (port != null) {
            builder.port(port);
        }
        if (host != null) {
            builder.host(host);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        if (partitions != null) {
            builder.partitions(partitions);
        }
        if (pipeline != null) {
            builder.pipeline(pipeline);
        }
        BrokerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            System.err.println("runnel: invalid configuration: " + e.getMessage());
            return 2;
        }
        Broker broker = new Broker(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "runnel-shutdown"));
        broker.start();
        System.out.println("Runnel broker listening on " + broker.url() + ", data in " + config.dataDir().toAbsolutePath()
                + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
