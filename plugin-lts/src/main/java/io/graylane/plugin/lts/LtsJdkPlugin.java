package io.graylane.plugin.lts;

import io.graylane.core.plugin.ClassRewrite;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * LTS (Light Task Scheduler) 1.7.x on JDK 9+: a plugin of its own ({@code lts-jdk}) so that the lane features
 * ({@link LtsPlugin}) can be turned off, or fail, without LTS losing its ability to run. LTS 1.7.0 was written for Java 6–8 and fails on
 * JDK 17 in two places, both fixed here by a bytecode rewrite of one named LTS class each, with no user flag and no
 * module opened:
 * <ul>
 *   <li>{@link JavassistDefineRewrite}: the bean copiers LTS generates with javassist are defined through a
 *       {@code MethodHandles.Lookup} of their own package (javassist 3.20 reflects into
 *       {@code ClassLoader.defineClass}, which JDK 16+ refuses: the JobClient's submit then hangs).</li>
 *   <li>{@link JobRunnerDelegateRewrite}: the TaskTracker's job runner no longer registers a
 *       {@code sun.nio.ch.Interruptible} through {@code sun.misc.SharedSecrets} (gone since JDK 9: every job failed
 *       and was re-queued forever).</li>
 * </ul>
 * On Java 8 nothing is rewritten.
 */
public final class LtsJdkPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "lts-jdk";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.emptyList();
    }

    @Override
    public List<ClassRewrite> classRewrites() {
        if (!JavaVersion.hasModules()) {
            return Collections.emptyList();
        }
        return Arrays.<ClassRewrite>asList(new JavassistDefineRewrite(), new JobRunnerDelegateRewrite());
    }
}
