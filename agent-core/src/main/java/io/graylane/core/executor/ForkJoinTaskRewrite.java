package io.graylane.core.executor;

import io.graylane.core.plugin.InstanceMethodRewrite;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites for {@code io.graylane.bootstrap.ForkJoinLanes}, in the style of {@link WrapTaskArgument}: static calls
 * only, no new branch, no new local, no change to the class's shape (so no stack map frame changes either).
 * <ul>
 *   <li>{@link #task()}: {@code ForkJoinTask.fork()} starts with {@code capture(this)}; {@code doExec()} starts with
 *       {@code enter(this)} and calls {@code exit(this)} before each return. {@code doExec} catches everything
 *       {@code exec()} throws (JDK 8 to 25), so its returns are its only exits.</li>
 *   <li>{@link #pool()}: {@code ForkJoinPool}'s public methods taking a {@code ForkJoinTask} first
 *       ({@code execute, submit, invoke}, and {@code lazySubmit/externalSubmit} where they are public: JDK 19+;
 *       none of them calls another) start with
 *       {@code capture(task)}.</li>
 * </ul>
 */
final class ForkJoinTaskRewrite extends InstanceMethodRewrite {
    private static final String LANES = "io/graylane/bootstrap/ForkJoinLanes";
    private static final String OBJECT_ARG = "(Ljava/lang/Object;)V";
    private static final String TASK_FIRST = "(Ljava/util/concurrent/ForkJoinTask;";

    private final String typeName;
    private final boolean task;
    private final Set<String> poolMethods;

    private ForkJoinTaskRewrite(String typeName, boolean task, String... poolMethods) {
        this.typeName = typeName;
        this.task = task;
        this.poolMethods = new HashSet<String>(Arrays.asList(poolMethods));
    }

    static ForkJoinTaskRewrite task() {
        return new ForkJoinTaskRewrite("java.util.concurrent.ForkJoinTask", true);
    }

    static ForkJoinTaskRewrite pool() {
        return new ForkJoinTaskRewrite("java.util.concurrent.ForkJoinPool", false,
                "execute", "submit", "invoke", "lazySubmit", "externalSubmit");
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    protected MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv) {
        if (task && name.equals("fork") && descriptor.startsWith("()")) {
            return callAtEntry(mv, 0, LANES, "capture", OBJECT_ARG);
        }
        if (task && name.equals("doExec") && descriptor.startsWith("()")) {
            return enterAndExit(mv);
        }
        // public entries only: on JDK 17 the private externalSubmit is what execute/submit/invoke call, and recording
        // a task twice is a second lock and table write on every submission in a lane
        if (!task && (access & Opcodes.ACC_PUBLIC) != 0 && poolMethods.contains(name)
                && descriptor.startsWith(TASK_FIRST)) {
            return callAtEntry(mv, 1, LANES, "capture", OBJECT_ARG);
        }
        return null;
    }

    /** {@code enter(this)} at entry, {@code exit(this)} before every return instruction. */
    private static MethodVisitor enterAndExit(MethodVisitor mv) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, LANES, "enter", OBJECT_ARG, false);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, LANES, "exit", OBJECT_ARG, false);
                }
                super.visitInsn(opcode);
            }
        };
    }
}
