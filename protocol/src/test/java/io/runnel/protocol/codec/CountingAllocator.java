package io.runnel.protocol.codec;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/** An allocator that remembers the largest buffer asked of it, to show that a decoder did not allocate. */
final class CountingAllocator extends AbstractByteBufAllocator {

    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false);
    private int largestRequest;

    CountingAllocator() {
        super(false);
    }

    int largestRequest() {
        return largestRequest;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        return delegate.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        return delegate.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
