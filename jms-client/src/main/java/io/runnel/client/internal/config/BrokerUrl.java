package io.runnel.client.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed broker URL.
 *
 * <pre>
 *  runnel://host[:port][,host[:port]...][/][?key=value[&amp;key=value...]]
 *
 *  host  = name, IPv4 address, or [IPv6 address]; port defaults to 7672
 *  key   = prefetch | clientId | user | password | connectTimeoutMillis | requestTimeoutMillis
 *  value = percent-encoded (application/x-www-form-urlencoded) text
 * </pre>
 * With several hosts a connection tries them in order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hosts   the broker addresses, in the order to try them; never empty
 * @param options the query options in URL order, values decoded
 */
public record BrokerUrl(List<HostAndPort> hosts, Map<String, String> options) {

    /** The URL scheme. */
    public static final String SCHEME = "runnel";
    /** The port used when a host names none. */
    public static final int DEFAULT_PORT = 7672;
    /** The option keys a broker URL may carry (the connection factory's setter names without "set"). */
    public static final Set<String> OPTION_KEYS = Set.of(FactoryProperties.PREFETCH, FactoryProperties.CLIENT_ID,
            FactoryProperties.USER, FactoryProperties.PASSWORD, FactoryProperties.CONNECT_TIMEOUT_MILLIS,
            FactoryProperties.REQUEST_TIMEOUT_MILLIS);

    private static final String PREFIX = SCHEME + "://";

    /** Copies the lists so that the record is immutable. */
    public BrokerUrl {
        hosts = List.copyOf(hosts);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * @param url a broker URL
     * @return the parsed URL
     * @throws IllegalArgumentException if the URL is not valid, saying what is wrong
     */
    public static BrokerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL is null or empty");
        }
        String trimmed = url.trim();
        if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw invalid(url, "it must start with " + PREFIX);
        }
        String rest = trimmed.substring(PREFIX.length());
        int question = rest.indexOf('?');
        String hostPart = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        if (hostPart.endsWith("/")) {
            hostPart = hostPart.substring(0, hostPart.length() - 1);
        }
        if (hostPart.indexOf('/') >= 0) {
            throw invalid(url, "a path is not allowed");
        }
        List<HostAndPort> hosts = new ArrayList<>();
        for (String entry : hostPart.split(",", -1)) {
            hosts.add(parseHost(url, entry.trim()));
        }
        return new BrokerUrl(hosts, parseQuery(url, query));
    }

    private static HostAndPort parseHost(String url, String entry) {
        if (entry.isEmpty()) {
            throw invalid(url, "a host is missing");
        }
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(url, "'" + entry + "' lacks the closing ] of an IPv6 address");
            }
            host = entry.substring(1, close);
            String after = entry.substring(close + 1);
            if (after.isEmpty()) {
                port = null;
            } else if (after.startsWith(":")) {
                port = after.substring(1);
            } else {
                throw invalid(url, "unexpected '" + after + "' after the IPv6 address in '" + entry + "'");
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0 && entry.indexOf(':', colon + 1) >= 0) {
                throw invalid(url, "'" + entry + "' has several ':'; write an IPv6 address as [address]:port");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(url, "a host is missing in '" + entry + "'");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '@') {
                throw invalid(url, "host '" + host + "' contains an invalid character");
            }
        }
        return new HostAndPort(host, port == null ? DEFAULT_PORT : parsePort(url, port));
    }

    private static int parsePort(String url, String port) {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(url, "port '" + port + "' is not a number");
        }
        if (value < 1 || value > 65535) {
            throw invalid(url, "port " + value + " is not within 1..65535");
        }
        return value;
    }

    private static Map<String, String> parseQuery(String url, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (!OPTION_KEYS.contains(key)) {
                throw invalid(url, "unknown option '" + key + "'; known options are " + OPTION_KEYS);
            }
            if (equals < 0) {
                throw invalid(url, "option '" + key + "' has no value");
            }
            try {
                options.put(key, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid(url, "the value of option '" + key + "' is not properly percent-encoded");
            }
        }
        return options;
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        return new IllegalArgumentException("invalid broker URL '" + mask(url) + "': " + reason);
    }

    /**
     * @param url a broker URL as given
     * @return the URL with the value of a password option replaced by ***, for messages and logs
     */
    public static String mask(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
