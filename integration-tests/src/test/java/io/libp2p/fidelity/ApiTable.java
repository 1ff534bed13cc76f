package io.libp2p.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed API table (jvm-libp2p-api.tsv, jvm-libp2p-pubsub-api.tsv): class headers ("## ...") and member rows. */
record ApiTable(Map<String, ClassHeader> headers, List<MemberRow> rows) {

    /** A "## " line: modifiers and kind, class name, supertypes. */
    record ClassHeader(String className, String kind, String superclass, List<String> interfaces, int line) {
    }

    /** One member of a class as javap printed it. */
    record MemberRow(String className, String declaration, String descriptor, String requirement, int line) {
        boolean required() {
            return requirement.startsWith("required");
        }

        /** A field row ("public static final T NAME;"), e.g. an enum constant: no parameter list. */
        boolean isField() {
            return declaration.indexOf('(') < 0;
        }

        private String head() {
            int paren = declaration.indexOf('(');
            String d = paren < 0 ? declaration : declaration.substring(0, paren);
            return d.endsWith(";") ? d.substring(0, d.length() - 1) : d;
        }

        /** The member's simple name; the class's own simple name for constructors. */
        String name() {
            String head = head();
            String last = head.substring(head.lastIndexOf(' ') + 1);
            return last.equals(className) ? "<init>" : last;
        }

        boolean hasModifier(String modifier) {
            String head = head();
            for (String t : head.split(" ")) {
                if (t.equals(modifier)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return className + "#" + name() + (isField() ? ":" : "") + descriptor;
        }
    }

    static ApiTable read(Path tsv) throws IOException {
        Map<String, ClassHeader> headers = new LinkedHashMap<>();
        List<MemberRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int lineNo = i + 1;
            if (l.startsWith("## ")) {
                ClassHeader h = parseHeader(l.substring(3).trim(), lineNo);
                headers.put(h.className(), h);
            } else if (!l.isBlank() && !l.startsWith("#")) {
                String[] cols = l.split("\t");
                if (cols.length != 4) {
                    throw new IllegalArgumentException(tsv + ":" + lineNo + ": expected 4 tab-separated columns, got " + cols.length);
                }
                rows.add(new MemberRow(cols[0].trim(), cols[1].trim(), cols[2].trim(), cols[3].trim(), lineNo));
            }
        }
        return new ApiTable(headers, rows);
    }

    private static ClassHeader parseHeader(String h, int line) {
        String body = stripGenerics(h);
        String kind;
        String rest;
        if (body.startsWith("public interface ")) {
            kind = "interface";
            rest = body.substring("public interface ".length());
        } else if (body.startsWith("public abstract class ")) {
            kind = "abstract class";
            rest = body.substring("public abstract class ".length());
        } else if (body.startsWith("public final class ")) {
            kind = "final class";
            rest = body.substring("public final class ".length());
        } else if (body.startsWith("public class ")) {
            kind = "class";
            rest = body.substring("public class ".length());
        } else {
            throw new IllegalArgumentException("line " + line + ": unknown class header: " + h);
        }
        String[] words = rest.split(" ", 2);
        String name = words[0];
        String tail = words.length > 1 ? words[1] : "";
        String superclass = null;
        List<String> interfaces = new ArrayList<>();
        String extendsPart = between(tail, "extends ", " implements ");
        String implementsPart = between(tail, "implements ", null);
        if (extendsPart != null) {
            List<String> ext = splitList(extendsPart);
            if (kind.equals("interface")) {
                interfaces.addAll(ext);
            } else {
                superclass = ext.get(0);
            }
        }
        if (implementsPart != null) {
            interfaces.addAll(splitList(implementsPart));
        }
        return new ClassHeader(name, kind, superclass, interfaces, line);
    }

    private static String between(String s, String start, String end) {
        int i = s.indexOf(start);
        if (i < 0) {
            return null;
        }
        int from = i + start.length();
        int to = end == null ? -1 : s.indexOf(end, from);
        return (to < 0 ? s.substring(from) : s.substring(from, to)).trim();
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** Removes type arguments ("<...>", nested) so only raw names remain. */
    static String stripGenerics(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
