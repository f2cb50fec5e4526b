package dev.memkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backup ids sort by time and carry their reason as a safe slug. */
class BackupIdsTest {
  @Test
  void anIdIsTheTimeToTheMillisecondThenTheReason() {
    assertThat(BackupIds.of(Instant.parse("2026-12-01T12:30:45.678Z"), "manual"))
        .isEqualTo("20261201T123045678Z-manual");
  }

  @Test
  void aReasonBecomesLowerCaseLettersDigitsAndDashesOfAtMostFortyCharacters() {
    assertThat(BackupIds.reasonSlug("Before Import: ../etc/passwd"))
        .isEqualTo("before-import-etc-passwd");
    assertThat(BackupIds.reasonSlug("x".repeat(39) + " y")).isEqualTo("x".repeat(39));
    assertThat(BackupIds.reasonSlug("a".repeat(60))).hasSize(40);
  }

  @Test
  void aReasonWithNothingUsableIsCalledBackup() {
    assertThat(BackupIds.reasonSlug(null)).isEqualTo("backup");
    assertThat(BackupIds.reasonSlug("!!! ???")).isEqualTo("backup");
  }
}
