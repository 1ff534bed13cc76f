package io.libp2p.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the compiled test host against every {@code required} row of the API tables read from
 * jvm-libp2p's own bytecode, jvm-libp2p-api.tsv (core), jvm-libp2p-pubsub-api.tsv (gossipsub) and
 * jvm-libp2p-transports-api.tsv (TLS, QUIC, the HostBuilder entry points): the class exists with the
 * same kind and supertypes, and each member exists, declared in that class, with the exact JVM
 * descriptor and static/default/abstract-ness (fields: type and static).
 *
 * <p>Of the transports table, the classes in {@link #TRANSPORT_CLASSES_CHECKED} are checked; a class
 * still being built is named in {@link #TRANSPORT_CLASSES_PENDING} and must really be absent (the
 * day it exists, the test fails until it moves to the checked set); any other class of that table fails.
 */
class ApiFidelityTest {
    static final String TSV_PROPERTY = "jvmlibp2p.api.tsv";
    static final String PUBSUB_TSV_PROPERTY = "jvmlibp2p.pubsub.api.tsv";
    static final String TRANSPORTS_TSV_PROPERTY = "jvmlibp2p.transports.api.tsv";

    static final Set<String> TRANSPORT_CLASSES_CHECKED = Set.of(
        "io.libp2p.security.tls.TlsSecureChannel",
        "io.libp2p.core.dsl.HostBuilder",
        "io.libp2p.transport.quic.QuicTransport",
        "io.libp2p.transport.quic.QuicConfig");
    /** Not in the test host yet; move each to the checked set as it lands (none left since QUIC landed). */
    static final Set<String> TRANSPORT_CLASSES_PENDING = Set.of();

    static ApiTable table() throws Exception {
        return table(TSV_PROPERTY, "jvm-libp2p-api.tsv");
    }

    static ApiTable pubsubTable() throws Exception {
        return table(PUBSUB_TSV_PROPERTY, "jvm-libp2p-pubsub-api.tsv");
    }

    static ApiTable transportsTable() throws Exception {
        return table(TRANSPORTS_TSV_PROPERTY, "jvm-libp2p-transports-api.tsv");
    }

    /** The transports table cut to the classes this test checks (see the class comment). */
    static ApiTable checkedTransports() throws Exception {
        ApiTable t = transportsTable();
        Map<String, ApiTable.ClassHeader> headers = new LinkedHashMap<>(t.headers());
        headers.keySet().retainAll(TRANSPORT_CLASSES_CHECKED);
        List<ApiTable.MemberRow> rows = t.rows().stream().filter(r -> TRANSPORT_CLASSES_CHECKED.contains(r.className())).toList();
        return new ApiTable(headers, rows);
    }

    static ApiTable table(String property, String fileName) throws Exception {
        String p = System.getProperty(property);
        if (p == null || p.isBlank()) {
            fail("System property " + property + " is not set: run through Maven (the pom passes "
                    + "shared/" + fileName + ") or pass -D" + property + "=/path/to/" + fileName);
        }
        Path path = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            fail("jvm-libp2p API table not found at " + path + " (set -D" + property
                    + "=/path/to/" + fileName + "; the repository expects shared/ beside the clone)");
        }
        return ApiTable.read(path);
    }

    @Test
    void tableHasRequiredRows() throws Exception {
        long required = table().rows().stream().filter(ApiTable.MemberRow::required).count();
        assertTrue(required >= 100, "expected at least 100 required rows, found " + required);
        long pubsub = pubsubTable().rows().stream().filter(ApiTable.MemberRow::required).count();
        assertTrue(pubsub >= 150, "expected at least 150 required pubsub rows, found " + pubsub);
        long tls = checkedTransports().rows().stream().filter(ApiTable.MemberRow::required).count();
        assertTrue(tls >= 28, "expected at least 28 required TLS, QUIC and HostBuilder rows, found " + tls);
    }

    @Test
    void everyTransportsTableClassIsCheckedOrPendingAndPendingMeansAbsent() throws Exception {
        Set<String> inTable = new HashSet<>(transportsTable().headers().keySet());
        transportsTable().rows().forEach(r -> inTable.add(r.className()));
        for (String c : inTable) {
            assertTrue(TRANSPORT_CLASSES_CHECKED.contains(c) || TRANSPORT_CLASSES_PENDING.contains(c),
                c + " is in jvm-libp2p-transports-api.tsv but neither checked nor pending in ApiFidelityTest");
        }
        for (String c : TRANSPORT_CLASSES_PENDING) {
            boolean present;
            try {
                Class.forName(c, false, ApiFidelityTest.class.getClassLoader());
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            assertFalse(present, c + " exists in the test host now: move it from TRANSPORT_CLASSES_PENDING to TRANSPORT_CLASSES_CHECKED");
        }
    }

    @TestFactory
    Stream<DynamicTest> classHeaders() throws Exception {
        return Stream.of(table(), pubsubTable(), checkedTransports()).flatMap(ApiFidelityTest::classHeaders);
    }

    @TestFactory
    Stream<DynamicTest> requiredMembers() throws Exception {
        return Stream.of(table(), pubsubTable(), checkedTransports()).flatMap(ApiFidelityTest::requiredMembers);
    }

    private static Stream<DynamicTest> classHeaders(ApiTable t) {
        Set<String> requiredClasses = new HashSet<>();
        Set<String> classesWithRows = new HashSet<>();
        for (ApiTable.MemberRow r : t.rows()) {
            classesWithRows.add(r.className());
            if (r.required()) {
                requiredClasses.add(r.className());
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiTable.ClassHeader h : t.headers().values()) {
            // A class is in scope when it has a required member or when the header alone is the requirement.
            if (requiredClasses.contains(h.className()) || !classesWithRows.contains(h.className())) {
                tests.add(DynamicTest.dynamicTest("class " + h.className() + " (line " + h.line() + ")", () -> checkHeader(h)));
            }
        }
        return tests.stream();
    }

    private static Stream<DynamicTest> requiredMembers(ApiTable t) {
        return t.rows().stream().filter(ApiTable.MemberRow::required)
                .map(r -> DynamicTest.dynamicTest(r + " (line " + r.line() + ")", () -> checkMember(r)));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiFidelityTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("class missing from the test host: " + name);
        }
    }

    private static void checkHeader(ApiTable.ClassHeader h) {
        Class<?> c = load(h.className());
        int m = c.getModifiers();
        assertTrue(Modifier.isPublic(m), h.className() + " must be public");
        switch (h.kind()) {
            case "interface" -> assertTrue(c.isInterface(), h.className() + " must be an interface");
            case "abstract class" -> assertTrue(!c.isInterface() && Modifier.isAbstract(m), h.className() + " must be an abstract class");
            case "final class" -> assertTrue(!c.isInterface() && Modifier.isFinal(m), h.className() + " must be a final class");
            case "class" -> assertTrue(!c.isInterface() && !Modifier.isFinal(m) && !Modifier.isAbstract(m),
                    h.className() + " must be a plain (open, concrete) class");
            default -> fail("unknown kind " + h.kind());
        }
        if (h.superclass() != null) {
            assertNotNull(c.getSuperclass(), h.className() + " has no superclass");
            assertEquals(h.superclass(), c.getSuperclass().getName(), h.className() + " superclass");
        }
        for (String i : h.interfaces()) {
            assertTrue(load(i).isAssignableFrom(c), h.className() + " must implement/extend " + i);
        }
    }

    /** Public, protected or private exactly as the table declares it (hooked protected members exist). */
    private static void checkVisibility(ApiTable.MemberRow r, int m) {
        if (r.hasModifier("protected")) {
            assertTrue(Modifier.isProtected(m), r + " must be protected");
        } else if (r.hasModifier("private")) {
            assertTrue(Modifier.isPrivate(m), r + " must be private");
        } else {
            assertTrue(Modifier.isPublic(m), r + " must be public");
        }
    }

    private static void checkField(ApiTable.MemberRow r) {
        Class<?> c = load(r.className());
        Field f;
        try {
            f = c.getDeclaredField(r.name());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(r + " is not declared in " + r.className());
        }
        assertEquals(r.descriptor(), Descriptors.type(f.getType()), r + " field type");
        int m = f.getModifiers();
        checkVisibility(r, m);
        assertEquals(r.hasModifier("static"), Modifier.isStatic(m), r + " static-ness");
        assertEquals(r.hasModifier("final"), Modifier.isFinal(m), r + " final-ness");
    }

    private static void checkMember(ApiTable.MemberRow r) {
        if (r.isField()) {
            checkField(r);
            return;
        }
        Class<?> c = load(r.className());
        Executable found = null;
        List<String> sameName = new ArrayList<>();
        if (r.name().equals("<init>")) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                String d = Descriptors.of(k);
                sameName.add(d);
                if (d.equals(r.descriptor())) {
                    found = k;
                }
            }
        } else {
            for (Method k : c.getDeclaredMethods()) {
                if (k.getName().equals(r.name())) {
                    String d = Descriptors.of(k);
                    sameName.add(d);
                    if (d.equals(r.descriptor())) {
                        found = k;
                    }
                }
            }
        }
        if (found == null) {
            fail(r + " is not declared in " + r.className() + "; same-name members have descriptors " + sameName);
        }
        int m = found.getModifiers();
        checkVisibility(r, m);
        assertEquals(r.hasModifier("static"), Modifier.isStatic(m), r + " static-ness");
        if (found instanceof Method method) {
            assertEquals(r.hasModifier("default"), method.isDefault(), r + " default-ness");
            assertEquals(r.hasModifier("abstract"), Modifier.isAbstract(m), r + " abstract-ness");
            // in an open class a final member must stay final (subclasses of the real one cannot override it)
            if (r.hasModifier("final") && !Modifier.isFinal(c.getModifiers()) && !c.isInterface()) {
                assertTrue(Modifier.isFinal(m), r + " must be final");
            }
        } else {
            assertFalse(r.hasModifier("abstract"), "constructors are never abstract");
        }
    }
}
