package io.graylane.refcheck;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every reference a class file makes into a framework ({@link Framework#owning}): its super types, the types in its
 * own field and method descriptors and throws clauses, and in its code every method call, field access, type
 * instruction (new, checkcast, instanceof, arrays), class constant, method handle, catch type and the types in every
 * referenced descriptor. Annotations and generic signatures are not linked by the JVM and are not collected.
 */
final class ReferenceCollector {
    private ReferenceCollector() {
    }

    /** A string constant that reads as a framework class name, e.g. a type matcher's target. */
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+(\\.[A-Z][\\w$]*)+");

    /** The class's binary name, its framework references, in first-use order, and the framework types it names. */
    static Collected collect(byte[] classFile) {
        Set<Reference> refs = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        String[] className = new String[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                className[0] = name.replace('/', '.');
                if (superName != null) {
                    addType(refs, superName);
                }
                if (interfaces != null) {
                    for (String i : interfaces) {
                        addType(refs, i);
                    }
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                addDescriptor(refs, descriptor);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                addDescriptor(refs, descriptor);
                if (exceptions != null) {
                    for (String e : exceptions) {
                        addType(refs, e);
                    }
                }
                return new CodeVisitor(refs, named);
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Collected(className[0], refs, named);
    }

    /**
     * @param namedTypes framework types named by string constants (internal names): matcher targets and the like,
     *                   which the JVM never links; they may exist in some versions only
     */
    record Collected(String className, Set<Reference> references, Set<String> namedTypes) {
    }

    private static final class CodeVisitor extends MethodVisitor {
        private final Set<Reference> refs;
        private final Set<String> named;

        CodeVisitor(Set<Reference> refs, Set<String> named) {
            super(Opcodes.ASM9);
            this.refs = refs;
            this.named = named;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            addType(refs, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            addField(refs, owner, name, descriptor, opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            addMethod(refs, owner, name, descriptor, opcode == Opcodes.INVOKESTATIC, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
            addDescriptor(refs, descriptor);
            addHandle(refs, bsm);
            for (Object a : args) {
                addConstant(refs, a);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof String s && CLASS_NAME.matcher(s).matches()) {
                String internalName = s.replace('.', '/');
                if (Framework.owning(internalName) != null) {
                    named.add(internalName);
                }
            }
            addConstant(refs, value);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            addType(refs, descriptor);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                addType(refs, type);
            }
        }
    }

    private static void addConstant(Set<Reference> refs, Object value) {
        if (value instanceof Type t) {
            if (t.getSort() == Type.METHOD) {
                addDescriptor(refs, t.getDescriptor());
            } else {
                addType(refs, t.getInternalName());
            }
        } else if (value instanceof Handle h) {
            addHandle(refs, h);
        } else if (value instanceof ConstantDynamic c) {
            addDescriptor(refs, c.getDescriptor());
            addHandle(refs, c.getBootstrapMethod());
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                addConstant(refs, c.getBootstrapMethodArgument(i));
            }
        }
    }

    private static void addHandle(Set<Reference> refs, Handle h) {
        switch (h.getTag()) {
            case Opcodes.H_GETFIELD, Opcodes.H_PUTFIELD ->
                    addField(refs, h.getOwner(), h.getName(), h.getDesc(), false);
            case Opcodes.H_GETSTATIC, Opcodes.H_PUTSTATIC ->
                    addField(refs, h.getOwner(), h.getName(), h.getDesc(), true);
            default -> addMethod(refs, h.getOwner(), h.getName(), h.getDesc(),
                    h.getTag() == Opcodes.H_INVOKESTATIC, h.isInterface());
        }
    }

    private static void addMethod(Set<Reference> refs, String owner, String name, String descriptor, boolean statik,
                                  boolean itf) {
        addDescriptor(refs, descriptor);
        if (owner.startsWith("[")) {
            addType(refs, owner); // a method of an array (clone): only its element type can be missing
        } else if (Framework.owning(owner) != null) {
            refs.add(Reference.type(owner));
            refs.add(Reference.method(owner, name, descriptor, statik, itf));
        }
    }

    private static void addField(Set<Reference> refs, String owner, String name, String descriptor, boolean statik) {
        addDescriptor(refs, descriptor);
        if (Framework.owning(owner) != null) {
            refs.add(Reference.type(owner));
            refs.add(Reference.field(owner, name, descriptor, statik));
        }
    }

    /** A type given as an internal name or as an array descriptor. */
    private static void addType(Set<Reference> refs, String internalNameOrArray) {
        if (internalNameOrArray.startsWith("[")) {
            addTypeOf(refs, Type.getType(internalNameOrArray));
        } else if (Framework.owning(internalNameOrArray) != null) {
            refs.add(Reference.type(internalNameOrArray));
        }
    }

    private static void addDescriptor(Set<Reference> refs, String descriptor) {
        Type t = Type.getType(descriptor);
        if (t.getSort() == Type.METHOD) {
            for (Type a : t.getArgumentTypes()) {
                addTypeOf(refs, a);
            }
            addTypeOf(refs, t.getReturnType());
        } else {
            addTypeOf(refs, t);
        }
    }

    private static void addTypeOf(Set<Reference> refs, Type t) {
        Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (element.getSort() == Type.OBJECT) {
            addType(refs, element.getInternalName());
        }
    }
}
