package io.graylane.core.node;

/**
 * One framework's share of a node's work (Dubbo provider calls, servlet requests, RocketMQ listener calls, LTS jobs):
 * what the node lifecycle ({@code online → offline → drained → online}) asks each framework to stop and resume, and
 * what it counts to prove the node drained. Implementations live in the plugins and register themselves with
 * {@link NodeWorkRegistry} when the framework they instrument starts; every method is called from agent threads and
 * must not throw (a failure is logged by the caller and reported in {@code /node}).
 */
public interface NodeWork {
    /** Short, fixed name used in {@code /node}, logs and metric labels, e.g. {@code dubbo}, {@code lts}. */
    String framework();

    /** Stop taking new work (unregister, stop pulling, refuse new jobs); work already running continues. */
    void stopTakingWork() throws Exception;

    /** Take new work again (register, resume pulling). */
    void resumeWork() throws Exception;

    /** Units of work running now (calls, requests, listener calls, jobs). */
    long inFlight();

    /**
     * Units of work started since the JVM started, or -1 when this framework does not count them. The lifecycle
     * compares it across its quiet period, so work that starts and ends between two looks is still seen.
     */
    default long startedTotal() {
        return -1;
    }
}
