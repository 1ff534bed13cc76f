package dev.privacyagent.analyzer.codec;

/** How one event field is encoded and bounded. */
enum FieldKind {
  LONG,
  OPTIONAL_LONG,
  BOOLEAN,
  /** An enum value written as its constant name (Direction, the gossip enums). */
  ENUM,
  ID(Bounds.MAX_ID_CHARS),
  ADDR(Bounds.MAX_ADDR_CHARS),
  TEXT(Bounds.MAX_TEXT_CHARS),
  ID_LIST(Bounds.MAX_ID_CHARS),
  ADDR_LIST(Bounds.MAX_ADDR_CHARS);

  final int maxChars;

  FieldKind() {
    this(0);
  }

  FieldKind(int maxChars) {
    this.maxChars = maxChars;
  }

  boolean isString() {
    return this == ID || this == ADDR || this == TEXT;
  }

  boolean isList() {
    return this == ID_LIST || this == ADDR_LIST;
  }
}
