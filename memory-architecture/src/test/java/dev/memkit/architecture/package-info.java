/**
 * The architecture rules that span modules ({@link dev.memkit.architecture.CrossModuleRules}),
 * checked over every module's classes, and the tests that prove each rule names real packages and
 * fails on a deliberately wrong class (the {@code fixture} packages under each module's package).
 */
package dev.memkit.architecture;
