/**
 * A Spring Boot application whose chat memory, tools and retrieval come from memkit's
 * auto-configuration.
 */
package dev.memkit.examples.spring;
