package io.graylane.plugin.springcloud.ribbon;

import java.util.List;

/** What the plugin asks of its typed helper (one per application class loader that holds Ribbon). */
public interface ServerFilter {
    /** {@code servers} (Ribbon {@code Server}s) a call in {@code lane} (null: none) may use. */
    List<?> forLane(List<?> servers, String lane, boolean count);
}
