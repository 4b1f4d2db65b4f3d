package io.graylane.core.executor;

import io.graylane.core.plugin.ClassRewrite;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * At the entry of the named instance methods whose first parameter is a {@code Runnable} or {@code Callable}, replaces
 * that argument with {@code LanePropagation.wrap(argument)}: three instructions, no branch, no new local, no change to
 * the class's shape. {@code wrap} returns its argument unchanged on baseline and never throws.
 */
final class WrapTaskArgument implements ClassRewrite {
    private static final String PROPAGATION = "io/graylane/bootstrap/LanePropagation";
    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String CALLABLE = "Ljava/util/concurrent/Callable;";

    private final String typeName;
    private final Set<String> methods;

    WrapTaskArgument(String typeName, String... methods) {
        this.typeName = typeName;
        this.methods = new HashSet<String>(Arrays.asList(methods));
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        final int[] rewritten = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT)) != 0 || !methods.contains(name)) {
                    return mv;
                }
                final String type;
                if (descriptor.startsWith("(" + RUNNABLE)) {
                    type = RUNNABLE;
                } else if (descriptor.startsWith("(" + CALLABLE)) {
                    type = CALLABLE;
                } else {
                    return mv;
                }
                rewritten[0]++;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, PROPAGATION, "wrap", "(" + type + ")" + type, false);
                        super.visitVarInsn(Opcodes.ASTORE, 1);
                    }
                };
            }
        }, 0);
        return rewritten[0] == 0 ? null : writer.toByteArray();
    }
}
