package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x01: the first frame of a connection. Offers a range of protocol versions and the
 * credentials. Answered by {@code ConnectedFrame}, or {@code ErrorFrame(UNSUPPORTED_VERSION / SECURITY /
 * INVALID_CLIENT_ID)} and a close.
 *
 * <pre>
 *  10                14                18
 *  +-----------------+-----------------+-----------------+-----------------+-----------------+
 *  | minVersion i32  | maxVersion i32  | string clientId | string username | string password |
 *  +-----------------+-----------------+-----------------+-----------------+-----------------+
 *    string = int32 byte length (-1 = null) + UTF-8 bytes
 * </pre>
 *
 * <p>Immutable; thread-safe. {@link #toString()} does not show the password.
 *
 * @param requestId  pairs the request with its answer
 * @param minVersion lowest protocol version the client speaks
 * @param maxVersion highest protocol version the client speaks
 * @param clientId   the JMS client id, or null if none is set yet
 * @param username   the user name, or null for an anonymous connection
 * @param password   the password, or null
 */
public record ConnectFrame(int requestId, int minVersion, int maxVersion, String clientId, String username,
                           String password) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CONNECT;
    }

    @Override
    public String toString() {
        return "ConnectFrame[requestId=" + requestId + ", minVersion=" + minVersion + ", maxVersion=" + maxVersion
                + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + "]";
    }
}
