package io.graylane.plugin.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The real LTS 1.7.0 {@code JobRunnerDelegate} on the test JDK (17): as shipped it cannot even be constructed; once
 * rewritten it is constructed and its {@code run()} goes through {@code blockedOn} and the already-interrupted path.
 */
class JobRunnerDelegateRewriteTest {
    private static final String DELEGATE = JobRunnerDelegateRewrite.TYPE;
    private static final String CONTEXT = "com.github.ltsopensource.tasktracker.domain.TaskTrackerAppContext";
    private static final String REPORTER = "com.github.ltsopensource.tasktracker.monitor.TaskTrackerMStatReporter";

    @Test
    void shippedDelegateCannotBeConstructedOnThisJdk() throws Exception {
        RewritingLoader plain = new RewritingLoader();
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> newDelegate(plain));
        assertTrue(e.getCause() instanceof LinkageError, String.valueOf(e.getCause()));
    }

    @Test
    void rewrittenDelegateIsConstructedAndRunsThroughBlockedOnOnAnInterruptedThread() throws Exception {
        RewritingLoader loader = new RewritingLoader(new JobRunnerDelegateRewrite());
        Runnable delegate = (Runnable) newDelegate(loader);
        Throwable[] failed = new Throwable[1];
        Thread worker = new Thread(() -> {
            Thread.currentThread().interrupt(); // takes the "already interrupted" branch of run()
            try {
                delegate.run(); // no job: straight to blockedOn(null) in finally
            } catch (Throwable t) {
                failed[0] = t;
            }
        });
        worker.start();
        worker.join(30_000);
        assertFalse(worker.isAlive());
        assertEquals(null, failed[0]);
    }

    @Test
    void rewrittenBytecodeNoLongerReachesJdkInternals() {
        List<String> before = internalsReached(RewritingLoader.classFile(DELEGATE));
        List<String> after = internalsReached(new JobRunnerDelegateRewrite().rewrite(RewritingLoader.classFile(DELEGATE)));
        assertTrue(before.contains("sun/misc/SharedSecrets"), before.toString());
        assertTrue(before.stream().anyMatch(s -> s.startsWith("NEW " + DELEGATE.replace('.', '/') + "$")), before.toString());
        assertEquals(List.of(), after);
    }

    private static Object newDelegate(ClassLoader loader) throws Exception {
        // LTS's own unit-test mode: the delegate's BizLogger is a mock instead of a remote logger
        Class<?> environment = Class.forName("com.github.ltsopensource.core.constant.Environment", true, loader);
        Class.forName("com.github.ltsopensource.core.cluster.LTSConfig", true, loader)
                .getMethod("setEnvironment", environment)
                .invoke(null, environment.getField("UNIT_TEST").get(null));
        Class<?> contextType = Class.forName(CONTEXT, true, loader);
        Object context = contextType.getConstructor().newInstance();
        Class<?> reporterType = Class.forName(REPORTER, true, loader);
        Object reporter = reporterType.getConstructors()[0].newInstance(context);
        contextType.getMethod("setMStatReporter", Class.forName("com.github.ltsopensource.core.monitor.MStatReporter",
                false, loader)).invoke(context, reporter);
        Class<?> delegateType = Class.forName(DELEGATE, true, loader);
        Constructor<?> c = delegateType.getConstructors()[0];
        return c.newInstance(context, null, null);
    }

    /** Owners of static calls into sun.*, and NEW/CHECKCAST of the delegate's Interruptible classes. */
    private static List<String> internalsReached(byte[] classFile) {
        List<String> found = new ArrayList<>();
        String inner = DELEGATE.replace('.', '/') + "$";
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if (owner.startsWith("sun/") || owner.startsWith(inner)) {
                            found.add(owner);
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (type.startsWith(inner) || type.startsWith("sun/")) {
                            found.add((opcode == Opcodes.NEW ? "NEW " : "TYPE ") + type);
                        }
                    }
                };
            }
        }, 0);
        return found;
    }
}
