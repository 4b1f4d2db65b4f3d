package io.graylane.it.apps;

import com.google.common.hash.Hashing;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application with its own ByteBuddy and Guava (other versions than the agent's): both must work, be the
 * application's own copies, and the agent must still carry lanes.
 */
public final class OwnLibrariesApp {
    public static void main(String[] args) throws Exception {
        Class<?> dynamic = new ByteBuddy().subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the app's ByteBuddy"))
                .make().load(OwnLibrariesApp.class.getClassLoader()).getLoaded();
        System.out.println("BYTEBUDDY " + dynamic.getDeclaredConstructor().newInstance()
                + " from=" + new java.io.File(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getName()
                + " loader=" + (ByteBuddy.class.getClassLoader() == ClassLoader.getSystemClassLoader() ? "app" : "other"));
        System.out.println("GUAVA murmur3=" + Hashing.murmur3_32_fixed().hashString("graylane", StandardCharsets.UTF_8)
                + " loader=" + (Hashing.class.getClassLoader() == ClassLoader.getSystemClassLoader() ? "app" : "other"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (LaneContext.Scope ignored = LaneContext.enter(LaneSnapshot.of("gray", "api"))) {
            System.out.println("LANE " + pool.submit(() -> LaneContext.currentLane()).get());
        }
        pool.shutdown();
        System.exit(0);
    }
}
