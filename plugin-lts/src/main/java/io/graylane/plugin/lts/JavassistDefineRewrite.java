package io.graylane.plugin.lts;

import io.graylane.core.plugin.InstanceMethodRewrite;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * LTS's {@code JavassistCompiler.doCompile} ends with {@code cls.toClass(loader, protectionDomain)}; javassist 3.20
 * implements it by making {@code ClassLoader.defineClass} accessible, which JDK 16+ refuses
 * ({@code InaccessibleObjectException}: {@code JobUtils} cannot initialise, the JobClient's submit and the
 * TaskTracker's job runs fail). That one call becomes, with the same stack effect:
 * <pre>
 * MethodHandles.privateLookupIn(Class.forName(cls.getSuperclass().getName(), false, loader), MethodHandles.lookup())
 *     .defineClass(cls.toBytecode())
 * </pre>
 * The class is defined in the same class loader and package as its superclass (every class LTS 1.7 compiles extends
 * {@code BeanCopierAdapter} and lives in its package), with that class's protection domain. Legal JDK 9+ API only:
 * no module is opened. A class whose superclass is in another package fails to define, as it failed before. Only
 * applied on JDK 9+ (the methods do not exist on 8).
 */
final class JavassistDefineRewrite extends InstanceMethodRewrite {
    static final String TYPE = "com.github.ltsopensource.core.compiler.JavassistCompiler";
    private static final String CT_CLASS = "javassist/CtClass";
    private static final String TO_CLASS_DESC = "(Ljava/lang/ClassLoader;Ljava/security/ProtectionDomain;)Ljava/lang/Class;";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final String HANDLES = "java/lang/invoke/MethodHandles";

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    protected MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv) {
        if (!name.equals("doCompile")) {
            return null;
        }
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(CT_CLASS) && method.equals("toClass")
                        && desc.equals(TO_CLASS_DESC)) {
                    defineThroughLookup();
                } else {
                    super.visitMethodInsn(opcode, owner, method, desc, itf);
                }
            }

            /** Stack in: ctClass, loader, protectionDomain. Stack out: the defined class. */
            private void defineThroughLookup() {
                super.visitInsn(Opcodes.POP);                                   // ct, loader
                super.visitInsn(Opcodes.SWAP);                                  // loader, ct
                super.visitInsn(Opcodes.DUP_X1);                                // ct, loader, ct
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CT_CLASS, "getSuperclass", "()L" + CT_CLASS + ";",
                        false);                                         // ct, loader, superclass
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CT_CLASS, "getName", "()Ljava/lang/String;", false);
                super.visitInsn(Opcodes.SWAP);                                  // ct, name, loader
                super.visitInsn(Opcodes.ICONST_0);
                super.visitInsn(Opcodes.SWAP);                                  // ct, name, false, loader
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                        "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false); // ct, neighbour
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HANDLES, "lookup", "()L" + LOOKUP + ";", false);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HANDLES, "privateLookupIn",
                        "(Ljava/lang/Class;L" + LOOKUP + ";)L" + LOOKUP + ";", false); // ct, lookup
                super.visitInsn(Opcodes.SWAP);                                  // lookup, ct
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CT_CLASS, "toBytecode", "()[B", false);
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LOOKUP, "defineClass", "([B)Ljava/lang/Class;", false);
            }
        };
    }
}
