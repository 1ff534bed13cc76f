package dev.privacyagent.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An advice parameter that Byte Buddy replaces with the constant {@code PrivacyBridge} nesting kind
 * the hook binds ({@code Advice.withCustomMapping().bind(Kind.class, kind)}), so one advice class
 * serves every hooked method that differs only in its kind. Inlined code sees a plain int constant.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Kind {}
