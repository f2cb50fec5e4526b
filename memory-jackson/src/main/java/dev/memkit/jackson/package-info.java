/** JSON text for the core's JSON values, with Jackson: strict parsing and a databind module. */
package dev.memkit.jackson;
