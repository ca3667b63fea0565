package io.runnel.client.internal.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

/**
 * A Runnel message without a body, and the base of the five body types: holds the JMS headers and properties and
 * maps them to and from the {@link WireMessage} of the wire.
 *
 * <p>Rules enforced here (Jakarta Messaging 3.1 §3.5, §3.10): property names and types, the conversion table
 * ({@link TypeConversion}), and read-only properties and body on a received message until {@link #clearProperties()}
 * / {@link #clearBody()}. {@code JMSXDeliveryCount} is set from the delivery on receipt and never sent.
 *
 * <p>Not thread-safe, like every JMS message: one thread uses it at a time.
 */
public class RunnelMessage implements Message {

    private String messageId;
    private long timestamp;
    private byte[] correlationId;
    private boolean correlationIdIsString;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    /** Creates an empty, writable message. */
    public RunnelMessage() {
    }

    // ---------------------------------------------------------------- wire mapping

    /**
     * @return the {@link WireMessage} body type constant of this class
     */
    protected int bodyType() {
        return WireMessage.BODY_MESSAGE;
    }

    /**
     * @return the encoded body (format per body type, docs/protocol.md), or null for none
     * @throws JMSException if the body cannot be encoded
     */
    protected byte[] encodeBody() throws JMSException {
        return null;
    }

    /**
     * Sets the body from received bytes; the body is then read-only (and, for bytes and stream messages, in read
     * mode at its start).
     *
     * @param body the encoded body, or null
     */
    protected void decodeBody(byte[] body) {
        // no body
    }

    /**
     * Builds the wire form of this message as it is now: headers, properties (without JMSXDeliveryCount) and body.
     * Later changes to this message do not affect the result.
     *
     * @return a new wire message
     * @throws JMSException if the body cannot be encoded or the reply-to destination is not a queue or topic
     */
    public WireMessage toWire() throws JMSException {
        WireMessage wire = new WireMessage();
        wire.setPersistent(deliveryMode == DeliveryMode.PERSISTENT);
        wire.setBodyType(bodyType());
        wire.setPriority(priority);
        wire.setTimestamp(timestamp);
        wire.setExpiration(expiration);
        wire.setDeliveryTime(deliveryTime);
        wire.setMessageId(messageId);
        wire.setType(type);
        wire.setCorrelationId(correlationId == null ? null : correlationId.clone());
        wire.setCorrelationIdIsString(correlationIdIsString);
        wire.setDestination(destination == null ? null : Destinations.toRef(Destinations.toRunnel(destination)));
        wire.setReplyTo(replyTo == null ? null : Destinations.toRef(Destinations.toRunnel(replyTo)));
        Map<String, Object> wireProperties = wire.getProperties();
        properties.forEach((name, value) -> {
            if (!PropertyNames.JMSX_DELIVERY_COUNT.equals(name)) {
                wireProperties.put(name, value);
            }
        });
        wire.setBody(encodeBody());
        return wire;
    }

    /**
     * Fills this (new) message from a received wire message and makes its properties and body read-only.
     *
     * @param wire          the received message
     * @param deliveryCount the delivery count of the delivery (1 for a first delivery)
     * @param acknowledger  what {@link #acknowledge()} calls, or null
     */
    void populateFromWire(WireMessage wire, int deliveryCount, MessageAcknowledger acknowledger) {
        deliveryMode = wire.isPersistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
        priority = wire.getPriority();
        timestamp = wire.getTimestamp();
        expiration = wire.getExpiration();
        deliveryTime = wire.getDeliveryTime();
        messageId = wire.getMessageId();
        type = wire.getType();
        correlationId = wire.getCorrelationId();
        correlationIdIsString = wire.isCorrelationIdIsString();
        destination = Destinations.fromRef(wire.getDestination());
        replyTo = Destinations.fromRef(wire.getReplyTo());
        properties.clear();
        properties.putAll(wire.getProperties());
        properties.put(PropertyNames.JMSX_DELIVERY_COUNT, deliveryCount);
        redelivered = deliveryCount > 1;
        decodeBody(wire.getBody());
        propertiesReadOnly = true;
        bodyReadOnly = true;
        this.acknowledger = acknowledger;
    }

    // ---------------------------------------------------------------- body support for subclasses

    /** @return true if the body may not be changed (received, or reset) */
    protected final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    /** @param readOnly whether the body may not be changed */
    protected final void setBodyReadOnly(boolean readOnly) {
        this.bodyReadOnly = readOnly;
    }

    /**
     * @throws MessageNotWriteableException if the body is read-only
     */
    protected final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the message body is read-only; call clearBody() first");
        }
    }

    /**
     * The body as {@link #getBody(Class)} returns it.
     *
     * @return the body, or null if the message has none
     * @throws JMSException if the body cannot be produced (MessageFormatException for a stream message or an object
     *                      that does not deserialize)
     */
    protected Object bodyValue() throws JMSException {
        return null;
    }

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    @Override
    public final <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyValue();
        if (body == null) {
            return null;
        }
        if (c == null || !c.isInstance(body)) {
            throw new MessageFormatException("the body of this " + getClass().getSimpleName()
                    + " cannot be assigned to " + (c == null ? "null" : c.getName()));
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        Object body;
        try {
            body = bodyValue();
        } catch (MessageFormatException e) {
            return false;
        }
        return body == null || (c != null && c.isInstance(body));
    }

    // ---------------------------------------------------------------- headers

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.clone();
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationId = correlationID == null ? null : correlationID.clone();
        this.correlationIdIsString = false;
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID == null ? null : correlationID.getBytes(StandardCharsets.UTF_8);
        this.correlationIdIsString = true;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId == null ? null : new String(correlationId, StandardCharsets.UTF_8);
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---------------------------------------------------------------- properties

    @Override
    public void clearProperties() {
        properties.clear();
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.containsKey(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return TypeConversion.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return TypeConversion.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return TypeConversion.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return TypeConversion.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return TypeConversion.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return TypeConversion.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return TypeConversion.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return TypeConversion.toStringValue(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return Collections.enumeration(new ArrayList<>(properties.keySet()));
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (!TypeConversion.isPropertyType(value)) {
            throw new MessageFormatException("a property cannot hold a " + value.getClass().getName()
                    + "; allowed are Boolean, Byte, Short, Integer, Long, Float, Double and String");
        }
        putProperty(name, value);
    }

    private void putProperty(String name, Object value) throws JMSException {
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("the message properties are read-only; call clearProperties() "
                    + "first");
        }
        PropertyNames.check(name);
        if (PropertyNames.JMSX_GROUP_ID.equals(name) && value != null && !(value instanceof String)) {
            throw new MessageFormatException(PropertyNames.JMSX_GROUP_ID + " must be a String");
        }
        if (PropertyNames.JMSX_GROUP_SEQ.equals(name) && !(value instanceof Integer)) {
            throw new MessageFormatException(PropertyNames.JMSX_GROUP_SEQ + " must be an int");
        }
        properties.put(name, value);
    }

    // ---------------------------------------------------------------- acknowledgement

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[messageId=" + messageId + ", destination=" + destination
                + ", deliveryMode=" + deliveryMode + ", priority=" + priority + ", redelivered=" + redelivered + "]";
    }
}
