package io.graylane.refcheck;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shape of one class file as far as linking cares: super types and members (name + descriptor → access). */
final class ClassInfo {
    final String name;
    final int access;
    final String superName;
    final List<String> interfaces = new ArrayList<>();
    final Map<String, Integer> methods = new HashMap<>();
    final Map<String, Integer> fields = new HashMap<>();

    private ClassInfo(String name, int access, String superName) {
        this.name = name;
        this.access = access;
        this.superName = superName;
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    static ClassInfo read(byte[] classFile) {
        ClassInfo[] out = new ClassInfo[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                out[0] = new ClassInfo(name, access, superName);
                if (interfaces != null) {
                    out[0].interfaces.addAll(List.of(interfaces));
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                out[0].fields.put(name + ":" + descriptor, access);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                out[0].methods.put(name + descriptor, access);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out[0];
    }
}
