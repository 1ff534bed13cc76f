package dev.privacyagent.agent.instrument.fast;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The tests' stand-in for the hooks' {@code Kind}: a constant bound per site. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface TestKind {}
