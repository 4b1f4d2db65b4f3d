package io.graylane.rules.source;

import java.io.Closeable;

/** Feeds rule documents into a {@code RuleHolder}. Sources never throw into the host. */
public interface RuleSource extends Closeable {
    /** Loads the initial document (waiting at most the source's bounded initial wait) and starts watching. */
    void start();

    /** Stops watching; never throws. */
    @Override
    void close();

    String describe();

    /** Whether the source can be read now, when it last could, and the last document it refused. */
    SourceHealth health();
}
