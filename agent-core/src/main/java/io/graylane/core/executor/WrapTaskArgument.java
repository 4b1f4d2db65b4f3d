package io.graylane.core.executor;

import io.graylane.core.plugin.InstanceMethodRewrite;
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
final class WrapTaskArgument extends InstanceMethodRewrite {
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
    protected MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv) {
        if (!methods.contains(name)) {
            return null;
        }
        final String type;
        if (descriptor.startsWith("(" + RUNNABLE)) {
            type = RUNNABLE;
        } else if (descriptor.startsWith("(" + CALLABLE)) {
            type = CALLABLE;
        } else {
            return null;
        }
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
}
