/**
 * Runnel's store: a partition's segmented, append-only log of records on local disk. {@link io.runnel.store.Log}
 * is the entry point, configured by {@link io.runnel.store.LogConfig}. Everything under
 * {@code io.runnel.store.internal} is implementation, not API.
 */
package io.runnel.store;
