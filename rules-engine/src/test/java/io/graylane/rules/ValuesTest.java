package io.graylane.rules;

import io.graylane.rules.eval.Decimal;
import io.graylane.rules.eval.IpAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decimal comparison and IP parsing, checked against BigDecimal and InetAddress. */
class ValuesTest {

    @ParameterizedTest
    @CsvSource({"3, 3.0, 0", "3.10, 3.1, 0", "-0, 0, 0", "+0.50, .5, 0", "100.49, 100.5, -1", "-2, -10, 1",
            "0.001, 0.0009, 1", "12345678901234567890123, 12345678901234567890122, 1", "-1.5, 1, -1", "007, 7, 0"})
    void decimalCompares(String text, String target, int expected) {
        assertEquals(expected, Integer.signum(Decimal.parse(target).compareText(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1e3", "1.2.3", "--1", ".", "-", "1,5", "0x10", "NaN", "Infinity"})
    void decimalRejectsNonNumbers(String text) {
        assertEquals(Decimal.INVALID, Decimal.parse("1").compareText(text));
    }

    @Test
    void decimalAgreesWithBigDecimal() {
        Random r = new Random(11L);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal a = BigDecimal.valueOf(r.nextInt(2001) - 1000, r.nextInt(4));
            BigDecimal b = BigDecimal.valueOf(r.nextInt(2001) - 1000, r.nextInt(4));
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Decimal.parse(b.toString()).compareText(a.toPlainString())),
                    a + " vs " + b);
        }
        assertNull(Decimal.parse("abc"));
        assertEquals("1000", Decimal.parse("1e3").toString());
    }

    @Test
    void ipv4() throws Exception {
        assertEquals(0x0a080304L, IpAddresses.ipv4("10.8.3.4"));
        assertEquals(0xffffffffL, IpAddresses.ipv4("255.255.255.255"));
        for (String bad : new String[] {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "", "1.2.3.4 ", "0001.2.3.4"}) {
            assertEquals(IpAddresses.INVALID_V4, IpAddresses.ipv4(bad), bad);
        }
        Random r = new Random(1L);
        for (int i = 0; i < 2000; i++) {
            int v = r.nextInt();
            String text = InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(v).array()).getHostAddress();
            assertEquals(v & 0xffffffffL, IpAddresses.ipv4(text));
        }
    }

    @Test
    void ipv6AgreesWithInetAddress() throws Exception {
        String[] samples = {"::", "::1", "1::", "2001:db8::", "2001:db8::5", "2001:db8:0:1::5", "fe80::1:2:3:4",
                "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1::3:4:5:6:7:8", "::ffff:10.1.2.3", "64:ff9b::192.0.2.33",
                "ABCD:EF01::FFFF", "2001:0DB8:0000:0000:0000:0000:0000:0001", "1:2:3:4:5:6:1.2.3.4"};
        for (String s : samples) {
            assertTrue(IpAddresses.isIpv6(s), s);
            byte[] b = InetAddress.getByName(s).getAddress();
            if (b.length == 4) { // InetAddress maps ::ffff:a.b.c.d to IPv4
                assertEquals(0L, IpAddresses.ipv6High(s), s);
                assertEquals(0xffff00000000L | (ByteBuffer.wrap(b).getInt() & 0xffffffffL), IpAddresses.ipv6Low(s), s);
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(b);
            assertEquals(bb.getLong(), IpAddresses.ipv6High(s), s);
            assertEquals(bb.getLong(), IpAddresses.ipv6Low(s), s);
        }
        for (String bad : new String[] {":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7",
                "::1%eth0", "1:", ":1", "1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3"}) {
            assertFalse(IpAddresses.isIpv6(bad), bad);
        }
        Random r = new Random(2L);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[16];
            r.nextBytes(b);
            if (i % 3 == 0) {
                for (int k = 4 + r.nextInt(4); k < 12; k++) {
                    b[k] = 0; // make "::" compression likely
                }
            }
            String text = InetAddress.getByAddress(b).getHostAddress(); // full form, no compression
            String compressed = text.replaceFirst("(^|:)(0(:|$)){2,}", "::");
            for (String s : new String[] {text, compressed}) {
                ByteBuffer bb = ByteBuffer.wrap(InetAddress.getByName(s).getAddress());
                if (bb.capacity() != 16) {
                    continue;
                }
                assertTrue(IpAddresses.isIpv6(s), s);
                assertEquals(bb.getLong(), IpAddresses.ipv6High(s), s);
                assertEquals(bb.getLong(), IpAddresses.ipv6Low(s), s);
            }
        }
    }
}
