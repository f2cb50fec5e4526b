package dev.memkit.http;

import dev.memkit.core.Memkit;
import java.util.Optional;

/**
 * What the running server shares with its routes: the open {@link Memkit}, the keys (empty on a
 * server without keys), and the settings.
 */
record ServerRuntime(Memkit memkit, Optional<KeyRing> keys, ServerSettings settings) {}
