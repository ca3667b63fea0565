package io.runnel.client.internal.jms;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.runnel.client.internal.message.PropertyNames;
import jakarta.jms.ConnectionMetaData;

/**
 * The metadata of a Runnel connection: Jakarta Messaging 3.1, provider Runnel, and the JMSX properties supported.
 *
 * <p>Immutable and thread-safe.
 */
final class RunnelConnectionMetaData implements ConnectionMetaData {

    static final String PROVIDER_NAME = "Runnel";
    private static final String FALLBACK_VERSION = "0.1.0";

    private final String providerVersion;
    private final int protocolVersion;

    RunnelConnectionMetaData(int protocolVersion) {
        String version = RunnelConnectionMetaData.class.getPackage().getImplementationVersion();
        this.providerVersion = version == null ? FALLBACK_VERSION : version;
        this.protocolVersion = protocolVersion;
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return PROVIDER_NAME;
    }

    @Override
    public String getProviderVersion() {
        return providerVersion;
    }

    @Override
    public int getProviderMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return versionPart(1);
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(List.of(PropertyNames.JMSX_DELIVERY_COUNT, PropertyNames.JMSX_GROUP_ID,
                PropertyNames.JMSX_GROUP_SEQ));
    }

    /** @return the protocol version negotiated with the broker */
    int protocolVersion() {
        return protocolVersion;
    }

    private int versionPart(int index) {
        String[] parts = providerVersion.split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
