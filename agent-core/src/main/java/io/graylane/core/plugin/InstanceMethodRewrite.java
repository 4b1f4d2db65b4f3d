package io.graylane.core.plugin;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A {@link ClassRewrite} that walks a class file and offers every concrete instance method to
 * {@link #rewriteMethod}; the class is rewritten only when at least one method was (max stack recomputed, frames and
 * everything else kept as they are).
 */
public abstract class InstanceMethodRewrite implements ClassRewrite {
    /**
     * A visitor that rewrites the method {@code name descriptor} ({@code access}: its {@code Opcodes.ACC_*} flags) on its
     * way to {@code mv}, or null to leave it alone.
     */
    protected abstract MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv);

    @Override
    public final byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        final int[] rewritten = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT)) != 0) {
                    return mv;
                }
                MethodVisitor rewriting = rewriteMethod(access, name, descriptor, mv);
                if (rewriting == null) {
                    return mv;
                }
                rewritten[0]++;
                return rewriting;
            }
        }, 0);
        return rewritten[0] == 0 ? null : writer.toByteArray();
    }

    /** {@code owner.method(local slot)} — a static hook taking one reference — at the entry of the method. */
    protected static MethodVisitor callAtEntry(MethodVisitor mv, final int slot, final String owner, final String method,
                                               final String descriptor) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, slot);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, descriptor, false);
            }
        };
    }
}
