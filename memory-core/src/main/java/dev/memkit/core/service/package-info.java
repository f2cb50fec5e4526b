/** The services that implement the use cases, one per family, over the store ports. */
package dev.memkit.core.service;
