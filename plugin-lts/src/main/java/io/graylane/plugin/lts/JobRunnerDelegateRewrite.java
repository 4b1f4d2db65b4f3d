package io.graylane.plugin.lts;

import io.graylane.core.plugin.ClassRewrite;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * LTS 1.7's {@code JobRunnerDelegate} (the TaskTracker's wrapper around every job run) registers itself as the
 * worker thread's {@code sun.nio.ch.Interruptible} through {@code sun.misc.SharedSecrets}. On JDK 9+ the anonymous
 * {@code InterruptibleAdapter} cannot even be loaded (its super interface is in a package java.base does not export)
 * and {@code SharedSecrets} is gone, so every job fails before it runs and is re-queued forever. Three rewrites of
 * that class, each with the same stack effect as what it replaces, no new branch, no change to the class's shape:
 * <ol>
 *   <li>constructor: {@code interruptor = new InterruptibleAdapter() {…}} stores {@code null} instead (the
 *       anonymous class is never loaded);</li>
 *   <li>{@code static blockedOn(Interruptible)} returns at once ({@code SharedSecrets} is never touched);</li>
 *   <li>{@code run()}: {@code ((InterruptibleAdapter) interruptor).interrupt()} (taken when the worker thread is
 *       already interrupted) calls the delegate's own {@code interrupt()} directly, as the adapter did.</li>
 * </ol>
 * What is lost: LTS no longer learns of an interrupt that arrives while the job runs, so an
 * {@code InterruptibleJobRunner}'s {@code interrupt()} is not called then (the thread itself is still interrupted).
 */
final class JobRunnerDelegateRewrite implements ClassRewrite {
    static final String TYPE = "com.github.ltsopensource.tasktracker.runner.JobRunnerDelegate";
    private static final String OWNER = TYPE.replace('.', '/');
    private static final String ADAPTER = OWNER + "$InterruptibleAdapter";
    private static final String BLOCKED_ON_DESC = "(Lsun/nio/ch/Interruptible;)V";

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        final int[] done = new int[3];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (name.equals("<init>")) {
                    return new NoAdapterInConstructor(mv, done);
                }
                if (name.equals("blockedOn") && descriptor.equals(BLOCKED_ON_DESC)
                        && (access & Opcodes.ACC_STATIC) != 0) {
                    emptyBody(mv);
                    done[1]++;
                    return null; // the original body is not copied
                }
                if (name.equals("run") && descriptor.equals("()V")) {
                    return new DirectInterrupt(mv, done);
                }
                return mv;
            }
        }, 0);
        if (done[0] != 1 || done[1] != 1 || done[2] != 1) {
            throw new IllegalStateException("unexpected JobRunnerDelegate bytecode (adapter " + done[0]
                    + ", blockedOn " + done[1] + ", run " + done[2] + "): not an LTS 1.7 class this rewrite knows");
        }
        return writer.toByteArray();
    }

    private static void emptyBody(MethodVisitor mv) {
        mv.visitCode();
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 1);
        mv.visitEnd();
    }

    /** Drops {@code NEW anon; DUP; ALOAD…; INVOKESPECIAL anon.<init>} and pushes {@code null} in its place. */
    private static final class NoAdapterInConstructor extends MethodVisitor {
        private final int[] done;
        private String skipping;

        NoAdapterInConstructor(MethodVisitor mv, int[] done) {
            super(Opcodes.ASM9, mv);
            this.done = done;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW && type.startsWith(OWNER + "$") && !type.equals(ADAPTER)) {
                skipping = type;
                return;
            }
            unexpectedWhileSkipping();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitInsn(int opcode) {
            if (skipping != null && opcode == Opcodes.DUP) {
                return;
            }
            unexpectedWhileSkipping();
            super.visitInsn(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            if (skipping != null && opcode == Opcodes.ALOAD) {
                return;
            }
            unexpectedWhileSkipping();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            if (skipping != null && opcode == Opcodes.INVOKESPECIAL && owner.equals(skipping)
                    && name.equals("<init>")) {
                skipping = null;
                done[0]++;
                super.visitInsn(Opcodes.ACONST_NULL);
                return;
            }
            unexpectedWhileSkipping();
            super.visitMethodInsn(opcode, owner, name, descriptor, itf);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            unexpectedWhileSkipping();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            unexpectedWhileSkipping();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            unexpectedWhileSkipping();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            unexpectedWhileSkipping();
            super.visitIntInsn(opcode, operand);
        }

        private void unexpectedWhileSkipping() {
            if (skipping != null) {
                throw new IllegalStateException("unexpected instruction while constructing " + skipping);
            }
        }
    }

    /**
     * {@code CHECKCAST InterruptibleAdapter} becomes {@code POP; ALOAD 0} and the adapter's {@code interrupt()} the
     * delegate's own (private, so {@code INVOKESPECIAL}).
     */
    private static final class DirectInterrupt extends MethodVisitor {
        private final int[] done;

        DirectInterrupt(MethodVisitor mv, int[] done) {
            super(Opcodes.ASM9, mv);
            this.done = done;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.CHECKCAST && type.equals(ADAPTER)) {
                super.visitInsn(Opcodes.POP);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                return;
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(ADAPTER) && name.equals("interrupt")
                    && descriptor.equals("()V")) {
                done[2]++;
                super.visitMethodInsn(Opcodes.INVOKESPECIAL, OWNER, "interrupt", "()V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, itf);
        }
    }
}
