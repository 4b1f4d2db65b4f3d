package io.graylane.refcheck;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checker behind {@link PluginReferenceCheckTest} reports, by name, a member that one version lacks (and a member
 * used with the wrong kind or access, a constructor only a super class has), and passes the same class against the
 * version it was compiled for.
 */
class ReferenceCheckNegativeTest {
    /** Read as a class file, never loaded (the test class path has no rocketmq-client 4.x). */
    private static final String FIXTURE = "io.graylane.refcheck.fixture.UsesClient5OnlyApi";
    private static final String MESSAGE = "org/apache/rocketmq/common/message/Message";
    private static final String PRODUCER = "org/apache/rocketmq/client/producer/MQProducer";
    private static final String TRANSACTION_PRODUCER = "org/apache/rocketmq/client/producer/TransactionMQProducer";
    private static ReferenceCheck check;

    @BeforeAll
    static void open() {
        check = new ReferenceCheck(ReferenceCheck.REF_DIR);
    }

    @AfterAll
    static void close() {
        check.close();
    }

    @Test
    void client5OnlyMembersAreReportedByNameAgainstClient4() throws IOException {
        List<String> problems = check.check(ReferenceCollector.collect(classFile(FIXTURE)),
                (c, f) -> List.of("4.9.8"));

        assertEquals(List.of(
                FIXTURE + " -> org.apache.rocketmq.common.message.Message.setDelayTimeSec(J)V"
                        + " missing in rocketmq-client 4.9.8",
                FIXTURE + " -> org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData"
                        + " missing in rocketmq-client 4.9.8"), problems);
    }

    @Test
    void theSameFixtureResolvesAgainstClient5IncludingInheritedMembers() throws IOException {
        List<String> problems = check.check(ReferenceCollector.collect(classFile(FIXTURE)),
                (c, f) -> List.of("5.3.3"));

        assertEquals(List.of(), problems);
    }

    @Test
    void aMemberUsedWithTheWrongKindOrAccessOrAnInheritedConstructorIsReported() {
        byte[] wrongUse = classWithCode("fixture/WrongUse", m -> {
            // getTopic() is an instance method, MQProducer is an interface, Message.topic is a private field
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKESTATIC, MESSAGE, "getTopic", "()Ljava/lang/String;", false);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, PRODUCER, "shutdown", "()V", false);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitFieldInsn(Opcodes.GETFIELD, MESSAGE, "topic", "Ljava/lang/String;");
            m.visitInsn(Opcodes.POP);
            // DefaultMQProducer has a (RPCHook) constructor, its subclass TransactionMQProducer does not
            m.visitTypeInsn(Opcodes.NEW, TRANSACTION_PRODUCER);
            m.visitInsn(Opcodes.DUP);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKESPECIAL, TRANSACTION_PRODUCER, "<init>",
                    "(Lorg/apache/rocketmq/remoting/RPCHook;)V", false);
            m.visitInsn(Opcodes.POP);
        });

        List<String> problems = check.check(ReferenceCollector.collect(wrongUse), (c, f) -> List.of("5.3.3"));

        assertEquals(List.of(
                "fixture.WrongUse -> org.apache.rocketmq.common.message.Message.getTopic()Ljava/lang/String;"
                        + " is an instance member, used as static in rocketmq-client 5.3.3",
                "fixture.WrongUse -> org.apache.rocketmq.client.producer.MQProducer.shutdown()V called as a class"
                        + " member but org.apache.rocketmq.client.producer.MQProducer is an interface"
                        + " in rocketmq-client 5.3.3",
                "fixture.WrongUse -> org.apache.rocketmq.common.message.Message.topic:Ljava/lang/String;"
                        + " is private in rocketmq-client 5.3.3",
                "fixture.WrongUse -> org.apache.rocketmq.client.producer.TransactionMQProducer"
                        + ".<init>(Lorg/apache/rocketmq/remoting/RPCHook;)V missing in rocketmq-client 5.3.3"), problems);
    }

    @Test
    void anObjectMethodCalledOnAFrameworkInterfaceResolves() {
        // older compilers name the interface, not java.lang.Object, as the owner of hashCode() on an interface type
        byte[] objectMethod = classWithCode("fixture/ObjectMethod", m -> {
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKEINTERFACE, PRODUCER, "hashCode", "()I", true);
            m.visitInsn(Opcodes.POP);
        });

        assertEquals(List.of(), check.check(ReferenceCollector.collect(objectMethod), (c, f) -> List.of("4.9.8")));
    }

    /** A class whose static method {@code use()V} runs {@code code} (stack depth up to 3), written with ASM. */
    private static byte[] classWithCode(String internalName, Consumer<MethodVisitor> code) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_STATIC, "use", "()V", null, null);
        m.visitCode();
        code.accept(m);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(3, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private static byte[] classFile(String className) throws IOException {
        try (InputStream in = ReferenceCheckNegativeTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
