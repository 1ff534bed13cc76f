package dev.privacyagent.server.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.privacyagent.analyzer.event.Event;
import java.util.Iterator;
import java.util.Map;

/** Events for {@code /api/events}: the record's fields plus {@code type}, strings bounded. */
public final class EventJson {
  private EventJson() {}

  public static ObjectNode of(Event e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", e.type());
    ObjectNode fields = Json.MAPPER.valueToTree(e);
    n.setAll(fields);
    bound(n);
    return n;
  }

  private static void bound(JsonNode node) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isTextual()) {
          f.setValue(TextNode.valueOf(Bounded.text(f.getValue().asText())));
        } else {
          bound(f.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode c = node.get(i);
        if (c.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node)
              .set(i, TextNode.valueOf(Bounded.text(c.asText())));
        } else {
          bound(c);
        }
      }
    }
  }
}
