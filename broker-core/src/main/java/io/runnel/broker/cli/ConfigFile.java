package io.runnel.broker.cli;

import io.runnel.broker.BrokerConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a broker configuration file (YAML) into a {@link BrokerConfig.Builder}. Keys are the builder's names:
 * <pre>
 * brokerId: runnel-1
 * host: 127.0.0.1
 * port: 7672
 * dataDir: ./data
 * partitions: 1
 * pipeline: local          # or ratis
 * autoCreateDestinations: true
 * maxFrameSize: 16777216
 * segmentBytes: 67108864
 * retentionIntervalMillis: 10000
 * </pre>
 * An unknown key or a value of the wrong type is an error naming the key, so a typo never passes silently.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static void apply(Path file, BrokerConfig.Builder builder) throws IOException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a map of settings at the top level");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            try {
                switch (key) {
                    case "brokerId" -> builder.brokerId(String.valueOf(value));
                    case "host" -> builder.host(String.valueOf(value));
                    case "port" -> builder.port(((Number) value).intValue());
                    case "dataDir" -> builder.dataDir(Path.of(String.valueOf(value)));
                    case "partitions" -> builder.partitions(((Number) value).intValue());
                    case "pipeline" -> builder.pipeline(String.valueOf(value));
                    case "autoCreateDestinations" -> builder.autoCreateDestinations((Boolean) value);
                    case "maxFrameSize" -> builder.maxFrameSize(((Number) value).intValue());
                    case "segmentBytes" -> builder.segmentBytes(((Number) value).longValue());
                    case "retentionIntervalMillis" -> builder.retentionIntervalMillis(((Number) value).longValue());
                    default -> throw new IllegalArgumentException(file + ": unknown setting '" + key + "'");
                }
            } catch (ClassCastException | NullPointerException ex) {
                throw new IllegalArgumentException(file + ": setting '" + key + "' has a value of the wrong type: " + value);
            }
        }
    }
}
