package io.runnel.client.internal.config;

/**
 * One broker address of a broker URL.
 *
 * @param host a host name or IP address (an IPv6 address without brackets)
 * @param port the TCP port, 1..65535
 */
public record HostAndPort(String host, int port) {

    /** @return {@code host:port}, with brackets around an IPv6 address */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
