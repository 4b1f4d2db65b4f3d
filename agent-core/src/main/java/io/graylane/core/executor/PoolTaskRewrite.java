package io.graylane.core.executor;

import io.graylane.core.plugin.ClassRewrite;
import io.graylane.core.plugin.InstanceMethodRewrite;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites for {@code io.graylane.bootstrap.PoolTaskLanes}: the lane travels next to the task, never around it, so a
 * pool and its subclasses see the application's own task object. Static calls only: no new branch, no new local, no
 * change to the class's shape.
 * <ul>
 *   <li>{@link #threadPool()}: {@code ThreadPoolExecutor.execute(Runnable)} starts with {@code submitted(command)};
 *       in {@code runWorker(Worker)} the call {@code task.run()} becomes {@code PoolTaskLanes.run(task)} (same stack
 *       effect; {@code runWorker} makes that one {@code Runnable.run} call, JDK 8 to 25).</li>
 *   <li>{@link #scheduledPool()}: {@code ScheduledThreadPoolExecutor.delayedExecute(task)} (the private method every
 *       {@code schedule*}, {@code submit} and {@code execute} of the scheduled pool ends in; periodic re-runs do not
 *       pass through it) starts with {@code submitted(task)}.</li>
 * </ul>
 */
final class PoolTaskRewrite implements ClassRewrite {
    private static final String LANES = "io/graylane/bootstrap/PoolTaskLanes";
    private static final String RUNNABLE = "java/lang/Runnable";

    private final String typeName;
    private final String submitMethod;
    private final String submitDescriptor;
    private final boolean runWorker;

    private PoolTaskRewrite(String typeName, String submitMethod, String submitDescriptor, boolean runWorker) {
        this.typeName = typeName;
        this.submitMethod = submitMethod;
        this.submitDescriptor = submitDescriptor;
        this.runWorker = runWorker;
    }

    static PoolTaskRewrite threadPool() {
        return new PoolTaskRewrite("java.util.concurrent.ThreadPoolExecutor", "execute", "(Ljava/lang/Runnable;)V",
                true);
    }

    static PoolTaskRewrite scheduledPool() {
        return new PoolTaskRewrite("java.util.concurrent.ScheduledThreadPoolExecutor", "delayedExecute",
                "(Ljava/util/concurrent/RunnableScheduledFuture;)V", false);
    }

    @Override
    public String typeName() {
        return typeName;
    }

    /**
     * @throws IllegalStateException when the JDK's pool does not have the expected shape (the submit method, or exactly
     *     one {@code task.run()} in {@code runWorker}): the executors plugin is then disabled rather than record lanes
     *     that no run would consume
     */
    @Override
    public byte[] rewrite(byte[] classFile) {
        final int[] found = new int[2]; // [submit methods, run() calls in runWorker]
        byte[] out = new InstanceMethodRewrite() {
            @Override
            public String typeName() {
                return typeName;
            }

            @Override
            protected MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv) {
                if (name.equals(submitMethod) && descriptor.equals(submitDescriptor)) {
                    found[0]++;
                    return callAtEntry(mv, 1, LANES, "submitted", "(Ljava/lang/Object;)V");
                }
                if (runWorker && name.equals("runWorker")) {
                    return new MethodVisitor(Opcodes.ASM9, mv) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            if (opcode == Opcodes.INVOKEINTERFACE && RUNNABLE.equals(owner) && "run".equals(method)
                                    && "()V".equals(desc)) {
                                found[1]++;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, LANES, "run", "(Ljava/lang/Runnable;)V",
                                        false);
                            } else {
                                super.visitMethodInsn(opcode, owner, method, desc, itf);
                            }
                        }
                    };
                }
                return null;
            }
        }.rewrite(classFile);
        if (found[0] != 1 || (runWorker && found[1] != 1)) {
            throw new IllegalStateException(typeName + ": expected one " + submitMethod + submitDescriptor
                    + (runWorker ? " and one Runnable.run() call in runWorker" : "") + ", found " + found[0]
                    + (runWorker ? " and " + found[1] : ""));
        }
        return out;
    }
}
