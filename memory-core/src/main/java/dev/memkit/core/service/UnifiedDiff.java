package dev.memkit.core.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of two texts, line by line, with three lines of context, as {@code diff -u} prints
 * them. Minimal for texts of up to a few thousand differing lines; past that the differing middle
 * is shown as removed and added whole, which is still a correct diff.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;
  private static final long MAX_TABLE = 4_000_000;

  private UnifiedDiff() {}

  private record Edit(char op, String line, int oldLine, int newLine) {}

  /**
   * The diff turning {@code before} into {@code after}; {@code null} stands for "absent" and is
   * labelled {@code /dev/null}. Returns an empty string when the texts are equal.
   */
  static String diff(String label, String before, String after) {
    List<String> a = before == null ? List.of() : lines(before);
    List<String> b = after == null ? List.of() : lines(after);
    if (a.equals(b)) {
      return "";
    }
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : "a/" + label).append('\n');
    out.append("+++ ").append(after == null ? "/dev/null" : "b/" + label).append('\n');
    int i = 0;
    while (i < edits.size()) {
      while (i < edits.size() && edits.get(i).op == ' ') {
        i++;
      }
      if (i >= edits.size()) {
        break;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size()) {
        if (edits.get(end).op != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      hunk(edits.subList(start, end), out);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(List<Edit> hunk, StringBuilder out) {
    int oldStart = -1;
    int newStart = -1;
    int oldCount = 0;
    int newCount = 0;
    for (Edit e : hunk) {
      if (e.op != '+') {
        oldCount++;
        if (oldStart < 0) {
          oldStart = e.oldLine;
        }
      }
      if (e.op != '-') {
        newCount++;
        if (newStart < 0) {
          newStart = e.newLine;
        }
      }
    }
    // an empty side starts at the line before the hunk, as diff -u writes it
    if (oldStart < 0) {
      oldStart = hunk.get(0).oldLine - 1;
    }
    if (newStart < 0) {
      newStart = hunk.get(0).newLine - 1;
    }
    out.append("@@ -")
        .append(range(oldStart, oldCount))
        .append(" +")
        .append(range(newStart, newCount))
        .append(" @@\n");
    for (Edit e : hunk) {
      out.append(e.op).append(e.line).append('\n');
    }
  }

  private static String range(int start, int count) {
    return count == 1 ? Integer.toString(start) : start + "," + count;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The edit script, each edit carrying 1-based line numbers in the old and the new text. */
  private static List<Edit> edits(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> am = a.subList(prefix, a.size() - suffix);
    List<String> bm = b.subList(prefix, b.size() - suffix);
    List<Character> ops = middle(am, bm);

    List<Edit> edits = new ArrayList<>();
    int oi = 0;
    int ni = 0;
    for (int k = 0; k < prefix; k++) {
      edits.add(new Edit(' ', a.get(oi), ++oi, ++ni));
    }
    int ai = 0;
    int bi = 0;
    for (char op : ops) {
      if (op == ' ') {
        edits.add(new Edit(' ', am.get(ai++), ++oi, ++ni));
        bi++;
      } else if (op == '-') {
        edits.add(new Edit('-', am.get(ai++), ++oi, ni + 1));
      } else {
        edits.add(new Edit('+', bm.get(bi++), oi + 1, ++ni));
      }
    }
    for (int k = 0; k < suffix; k++) {
      edits.add(new Edit(' ', a.get(oi), ++oi, ++ni));
    }
    return edits;
  }

  /** Operations turning {@code a} into {@code b}: longest common subsequence when affordable. */
  private static List<Character> middle(List<String> a, List<String> b) {
    List<Character> ops = new ArrayList<>();
    int n = a.size();
    int m = b.size();
    if ((long) (n + 1) * (m + 1) > MAX_TABLE) {
      a.forEach(x -> ops.add('-'));
      b.forEach(x -> ops.add('+'));
      return ops;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(' ');
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ops.add('-');
        i++;
      } else {
        ops.add('+');
        j++;
      }
    }
    while (i++ < n) {
      ops.add('-');
    }
    while (j++ < m) {
      ops.add('+');
    }
    return ops;
  }
}
