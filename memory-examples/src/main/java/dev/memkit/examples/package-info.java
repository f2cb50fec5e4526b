/** Runnable examples of embedding memkit; the README quotes them. */
package dev.memkit.examples;
