package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GetterAndIdentityCacheTest {
  public static final class A {
    public String getName() {
      return "a";
    }
  }

  public static final class B {
    public String getName() {
      return "b";
    }

    public int getCount() {
      throw new IllegalStateException("the app's getter fails");
    }
  }

  @Test
  void aGetterFollowsTheClassItIsGivenAndNeverThrows() {
    Getter name = new Getter("getName");
    assertThat(name.call(new A())).isEqualTo("a");
    assertThat(name.call(new B())).isEqualTo("b");
    assertThat(name.call(new A())).isEqualTo("a");
    assertThat(name.call(null)).isNull();
    assertThat(name.call("no such getter on a String")).isNull();
    Getter count = new Getter("getCount");
    assertThat(count.callInt(new B(), -7)).isEqualTo(-7);
    assertThat(new Getter("isEmpty").callTrue("")).isTrue();
    assertThat(new Getter("isEmpty").callTrue("x")).isFalse();
  }

  public static final class Sizes {
    public int getSize() {
      return 192; // beyond Integer's cache of boxes
    }

    public boolean hasControl() {
      return true;
    }

    public Integer getBoxed() {
      return 5;
    }

    public Boolean isBoxed() {
      return Boolean.TRUE;
    }

    public long getWide() {
      return 1L << 40;
    }
  }

  @Test
  void primitiveGettersAreReadUnboxedAndOtherTypesStillAnswer() {
    Sizes s = new Sizes();
    assertThat(new Getter("getSize").callInt(s, -1)).isEqualTo(192);
    assertThat(new Getter("hasControl").callTrue(s)).isTrue();
    assertThat(new Getter("getBoxed").callInt(s, -1)).isEqualTo(5);
    assertThat(new Getter("isBoxed").callTrue(s)).isTrue();
    // a long is not an int, a String not a boolean: the fallback value, no exception
    assertThat(new Getter("getWide").callInt(s, -1)).isEqualTo(-1);
    assertThat(new Getter("toString").callTrue(s)).isFalse();
    assertThat(new Getter("getSize").callInt(null, -3)).isEqualTo(-3);
    assertThat(new Getter("hasControl").callTrue(null)).isFalse();
    // the same getter, another class: the int handle follows the class
    Getter size = new Getter("getSize");
    assertThat(size.callInt(s, -1)).isEqualTo(192);
    assertThat(size.callInt(new A(), -1)).isEqualTo(-1);
    assertThat(size.callInt(s, -1)).isEqualTo(192);
  }

  @Test
  void identityCacheComputeOncePerObjectAndTellEqualObjectsApart() {
    AtomicInteger computed = new AtomicInteger();
    IdentityCache<String> texts = new IdentityCache<>(64, k -> "t" + computed.incrementAndGet());
    String a = new String("same");
    String b = new String("same");
    assertThat(texts.get(a)).isEqualTo("t1");
    assertThat(texts.get(a)).isEqualTo("t1");
    // equal but not identical: its own text (the cache compares identity, never equals)
    String tb = texts.get(b);
    assertThat(computed.get()).isEqualTo(2);
    assertThat(tb).isEqualTo("t2");
    assertThat(texts.get(null)).isNull();
  }

  @Test
  void aNullTextIsNotRemembered() {
    AtomicInteger computed = new AtomicInteger();
    IdentityCache<String> texts = new IdentityCache<>(8, k -> {
      computed.incrementAndGet();
      return null;
    });
    Object key = new Object();
    assertThat(texts.get(key)).isNull();
    assertThat(texts.get(key)).isNull();
    assertThat(computed.get()).isEqualTo(2);
  }

  @Test
  void twoKeysOfOneSetBothStayAndAThirdPushesTheOlderOut() {
    java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
    // two slots: one set, which every key shares
    IdentityCache<String> texts = new IdentityCache<>(2, k -> k + "#" + computed.incrementAndGet());
    Object a = "a";
    Object b = "b";
    for (int i = 0; i < 10; i++) {
      assertThat(texts.get(a)).isEqualTo("a#1");
      assertThat(texts.get(b)).isEqualTo("b#2");
    }
    assertThat(computed.get()).as("alternating keys of one set never evict each other").isEqualTo(2);
    Object c = "c";
    assertThat(texts.get(c)).isEqualTo("c#3"); // pushes out a, the older of the two
    assertThat(texts.get(b)).isEqualTo("b#2");
    assertThat(texts.get(c)).isEqualTo("c#3");
    assertThat(texts.get(a)).isEqualTo("a#4");
    assertThatThrownBy(() -> new IdentityCache<String>(1, k -> "")).isInstanceOf(IllegalArgumentException.class);
  }
}
