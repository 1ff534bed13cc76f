package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.privacyagent.bootstrap.GossipBridge;
import io.libp2p.pubsub.gossip.GossipRouterEventListener;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenerClassTest {
  /** Records every call as "name(args)". */
  static final class Recorder implements GossipBridge.Listener {
    final List<String> calls = new ArrayList<>();
    boolean fail;

    private void add(String s) {
      if (fail) {
        throw new IllegalStateException("a listener that throws");
      }
      calls.add(s);
    }

    @Override public void unseen(Object p, Object m) { add("unseen(" + p + "," + m + ")"); }
    @Override public void seen(Object p, Object m, Object v) { add("seen(" + p + "," + m + "," + v + ")"); }
    @Override public void valid(Object p, Object m) { add("valid(" + p + "," + m + ")"); }
    @Override public void invalid(Object p, Object m) { add("invalid(" + p + "," + m + ")"); }
    @Override public void meshed(Object p, Object t) { add("meshed(" + p + "," + t + ")"); }
    @Override public void pruned(Object p, Object t) { add("pruned(" + p + "," + t + ")"); }
    @Override public void connected(Object p, Object a) { add("connected(" + p + "," + a + ")"); }
    @Override public void disconnected(Object p) { add("disconnected(" + p + ")"); }
  }

  /** A message type of its own, as jvm-libp2p's listener interface names PubsubMessage. */
  public static final class Msg {
    @Override
    public String toString() {
      return "msg";
    }
  }

  public interface Typed {
    void notifyUnseenMessage(Object p, Msg m);

    void notifySeenMessage(Object p, Msg m, Optional<?> v);

    void notifyUnseenValidMessage(Object p, Msg m);
  }

  /** Another shape of the interface: primitives, a return value, a default method. */
  public interface Other {
    void notifyUnseenMessage(Object p, Object m);

    void notifyMeshed(Object p, long weight); // primitive argument: boxed on the way

    int notifyRouterMisbehavior(Object p, int count); // not reported: returns 0

    String describe(); // not a callback: null

    default String name() {
      return "default kept";
    }
  }

  @Test
  void theGeneratedListenerForwardsEachCallbackWithItsArguments() {
    Recorder r = new Recorder();
    Object made = ListenerClass.newListener(GossipRouterEventListener.class, r);
    assertThat(made).isInstanceOf(GossipRouterEventListener.class);
    assertThat(Proxy.isProxyClass(made.getClass())).isFalse();
    assertThat(made.getClass().getPackageName()).isEqualTo("io.libp2p.pubsub.gossip");
    assertThat(made.getClass().getClassLoader()).isSameAs(GossipRouterEventListener.class.getClassLoader());
    GossipRouterEventListener l = (GossipRouterEventListener) made;
    l.notifyUnseenMessage("p", "m");
    l.notifySeenMessage("p", "m", Optional.empty());
    l.notifyUnseenValidMessage("p", "m");
    l.notifyUnseenInvalidMessage("p", "m");
    l.notifyMeshed("p", "t");
    l.notifyPruned("p", "t");
    l.notifyConnected("p", "a");
    l.notifyDisconnected("p");
    l.notifyRouterMisbehavior("p", 3);
    assertThat(r.calls).containsExactly("unseen(p,m)", "seen(p,m,Optional.empty)", "valid(p,m)", "invalid(p,m)",
        "meshed(p,t)", "pruned(p,t)", "connected(p,a)", "disconnected(p)");
  }

  @Test
  void aTypedMessageParameterIsForwardedAsItIs() {
    Recorder r = new Recorder();
    Typed l = (Typed) ListenerClass.newListener(Typed.class, r);
    Msg m = new Msg();
    l.notifyUnseenMessage("p", m);
    l.notifySeenMessage("p", m, Optional.empty());
    l.notifyUnseenValidMessage("p", m);
    assertThat(r.calls).containsExactly("unseen(p,msg)", "seen(p,msg,Optional.empty)", "valid(p,msg)");
  }

  @Test
  void aThrowingListenerNeverReachesTheRouterAndOtherMethodsReturnDefaults() {
    Recorder r = new Recorder();
    r.fail = true;
    GossipRouterEventListener l = (GossipRouterEventListener) ListenerClass.newListener(GossipRouterEventListener.class, r);
    assertThatCode(() -> l.notifyUnseenMessage("p", "m")).doesNotThrowAnyException();
    assertThatCode(() -> l.notifyDisconnected("p")).doesNotThrowAnyException();

    Recorder ok = new Recorder();
    Other o = (Other) ListenerClass.newListener(Other.class, ok);
    o.notifyUnseenMessage("p", "m");
    assertThat(o.notifyRouterMisbehavior("p", 7)).isZero();
    assertThat(o.describe()).isNull();
    assertThat(o.name()).isEqualTo("default kept");
    o.notifyMeshed("p", 3L); // no void (Object, Object) shape: "meshed" takes it boxed
    assertThat(ok.calls).containsExactly("unseen(p,m)", "meshed(p,3)");
    // a second listener for the same interface reuses the generated class
    assertThat(ListenerClass.newListener(Other.class, ok).getClass()).isSameAs(o.getClass());
  }
}
