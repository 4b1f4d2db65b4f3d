package io.graylane.core.plugin;

/**
 * A small, fixed bytecode rewrite of one named type that needs no ByteBuddy: applied from the agent's first moment,
 * never waiting for ByteBuddy's set-up. Meant for hot JDK types that load early (thread pools), where waiting would
 * put ByteBuddy's start-up on the application's start-up path. Must not change the class's shape.
 */
public interface ClassRewrite {
    /** Binary name of the type, e.g. {@code java.util.concurrent.ThreadPoolExecutor}. */
    String typeName();

    /** Returns the rewritten class file, or null to leave it as it is. Throwing disables the plugin. */
    byte[] rewrite(byte[] classFile) throws Exception;
}
