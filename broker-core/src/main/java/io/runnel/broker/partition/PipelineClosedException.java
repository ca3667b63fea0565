package io.runnel.broker.partition;

/** A submission reached a pipeline that is closed or closing: the entry was not committed. */
public final class PipelineClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PipelineClosedException(String what) {
        super(what + " is closed");
    }
}
