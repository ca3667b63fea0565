package io.runnel.client.internal.config;

import java.util.List;

/**
 * What a connection is created with: a snapshot of a connection factory's settings at {@code createConnection}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hosts                the broker addresses, tried in order
 * @param clientId             the administratively configured client id, or null
 * @param user                 the user name, or null
 * @param password             the password, or null
 * @param prefetch             the credit each consumer grants the broker, at least 1
 * @param connectTimeoutMillis how long a TCP connect may take, per host
 * @param requestTimeoutMillis how long to wait for the broker's answer to a request
 */
public record ClientSettings(List<HostAndPort> hosts, String clientId, String user, String password, int prefetch,
                             long connectTimeoutMillis, long requestTimeoutMillis) {

    /** Copies the host list. */
    public ClientSettings {
        hosts = List.copyOf(hosts);
    }

    /** @return the settings without the password, for logs */
    @Override
    public String toString() {
        return "ClientSettings[hosts=" + hosts + ", clientId=" + clientId + ", user=" + user + ", prefetch="
                + prefetch + ", connectTimeoutMillis=" + connectTimeoutMillis + ", requestTimeoutMillis="
                + requestTimeoutMillis + "]";
    }
}
