package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.bootstrap.GossipBridge;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadsClassTest {
  /** Named as jvm-libp2p's protobuf class is ({@code ...Rpc$RPC}). */
  public static final class Rpc {
    public static final class RPC {
      final boolean control;

      RPC(boolean control) {
        this.control = control;
      }

      public boolean hasControl() {
        return control;
      }

      public int getSubscriptionsCount() {
        return control ? 0 : 3;
      }
    }
  }

  public static final class Id {
    public byte[] getArray() {
      return new byte[] {4, 2};
    }
  }

  public interface Message {
    Id getMessageId();

    default List<String> getTopics() {
      return List.of("/t");
    }

    default int getSize() {
      return 192;
    }
  }

  public static class BaseRouter {
    protected Object send(Object peer, Rpc.RPC rpc) {
      return null;
    }

    protected Object submitPublishMessage(Object peer, Message message) {
      return null;
    }
  }

  /** The methods are found on a superclass, as AbstractRouter's are. */
  public static final class Router extends BaseRouter {}

  @Test
  void theGeneratedReadsCallTheGettersAndTellOtherTypesApart() {
    GossipBridge.Reads r = ReadsClass.of(Router.class);
    assertThat(r).isNotNull();
    assertThat(r.getClass().getPackageName()).isEqualTo(Message.class.getPackageName());
    assertThat(r.control(new Rpc.RPC(true))).isEqualTo(1);
    assertThat(r.control(new Rpc.RPC(false))).isZero();
    assertThat(r.control("not an rpc")).isEqualTo(-1);
    assertThat(r.subscriptions(new Rpc.RPC(false))).isEqualTo(3);
    assertThat(r.subscriptions(new Rpc.RPC(true))).isZero();
    assertThat(r.subscriptions("not an rpc")).isEqualTo(-1);
    Message m = Id::new;
    assertThat(r.isMessage(m)).isTrue();
    assertThat(r.isMessage("not a message")).isFalse();
    assertThat(r.topics(m)).isEqualTo(List.of("/t"));
    assertThat(r.size(m)).isEqualTo(192);
    assertThat(r.id(m)).containsExactly(4, 2);
    Message noId = () -> null;
    assertThat(r.id(noId)).isNull();
    Message broken = () -> {
      throw new IllegalStateException("the app's getter");
    };
    assertThatThrownBy(() -> r.id(broken)).hasMessage("the app's getter");
    assertThat(ReadsClass.of(Router.class)).as("once per router class").isSameAs(r);
    assertThat(ReadsClass.MessageReads.of(Object.class)).as("no getters").isNull();
  }

  @Test
  void aRouterWithoutTheMethodsGetsNoReadsAndTheFactsComeByReflection() {
    assertThat(ReadsClass.of(Object.class)).isNull();
    assertThat(ReadsClass.of(String.class)).isNull();
    ReadsClass.install(new Router());
    try {
      // a message of another type than the installed reads know: the reflective getters
      MessageFacts other = MessageFacts.read(new GossipFakes.Message("/x", new byte[] {9}, 5));
      assertThat(other.topic()).isEqualTo("/x");
      assertThat(other.size()).isEqualTo(5);
      assertThat(other.msgId()).isEqualTo("09");
      // one of the installed type: the generated reads
      Message m = Id::new;
      MessageFacts mine = MessageFacts.read(m);
      assertThat(mine.topic()).isEqualTo("/t");
      assertThat(mine.msgId()).isEqualTo("0402");
      // a getter that throws: read one by one, the failed one at its default
      Message broken = () -> {
        throw new IllegalStateException("the app's getter");
      };
      MessageFacts f = MessageFacts.read(broken);
      assertThat(f.topic()).isEqualTo("/t");
      assertThat(f.msgId()).isNull();
      assertThat(RpcFacts.hasControl(new Rpc.RPC(true))).isTrue();
    } finally {
      ReadsClass.uninstall();
    }
  }
}
