package io.graylane.core.executor;

import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool rewrites find their call sites in the running JDK's classes, and refuse a class of another shape. */
class PoolTaskRewriteTest {

    @Test
    void rewritesThisJdksThreadPools() throws Exception {
        for (PoolTaskRewrite r : new PoolTaskRewrite[]{PoolTaskRewrite.threadPool(), PoolTaskRewrite.scheduledPool()}) {
            byte[] out = r.rewrite(classFile(r.typeName()));
            assertNotNull(out, r.typeName());
        }
    }

    @Test
    void aPoolOfAnotherShapeIsRefusedNotHalfRewritten() throws Exception {
        // ForkJoinPool's bytes under the ThreadPoolExecutor rewrite: it has execute(Runnable) but no runWorker
        PoolTaskRewrite threadPool = PoolTaskRewrite.threadPool();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> threadPool.rewrite(classFile("java.util.concurrent.ForkJoinPool")));
        assertTrue(e.getMessage().contains("runWorker"), e.getMessage());
    }

    private static byte[] classFile(String name) throws Exception {
        try (InputStream in = Object.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
