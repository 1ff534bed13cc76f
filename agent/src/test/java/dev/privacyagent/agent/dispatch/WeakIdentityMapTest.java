package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal by value on purpose: the map must still tell two instances apart. */
  record Same(int x) {}

  @Test
  void keysCompareByIdentityNotEquals() {
    WeakIdentityMap<String> m = new WeakIdentityMap<>();
    Same a = new Same(1);
    Same b = new Same(1);
    assertThat(m.putIfAbsent(a, "a")).isNull();
    assertThat(m.putIfAbsent(a, "again")).isEqualTo("a");
    assertThat(m.get(b)).isNull();
    m.putIfAbsent(b, "b");
    assertThat(m.get(a)).isEqualTo("a");
    assertThat(m.get(b)).isEqualTo("b");
    assertThat(m.computeIfAbsent(a, k -> "x")).isEqualTo("a");
    assertThat(m.remove(a)).isEqualTo("a");
    assertThat(m.containsKey(a)).isFalse();
  }

  @Test
  void entriesGoAwayWithTheirKeys() throws Exception {
    WeakIdentityMap<String> m = new WeakIdentityMap<>();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Object k = new Object();
      keys.add(k);
      m.putIfAbsent(k, "v" + i);
    }
    WeakReference<Object> probe = new WeakReference<>(keys.get(0));
    keys.clear();
    for (int i = 0; i < 50 && (probe.get() != null || m.size() > 0); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(m.size()).isZero();
  }
}
