package io.libp2p.core.dsl;

import io.libp2p.core.ConnectionHandler;
import java.util.ArrayList;

/** The extra connection handlers of a {@link Builder}. */
public class ConnectionHandlerBuilder extends ArrayList<ConnectionHandler> {
    private static final long serialVersionUID = 1L;
}
