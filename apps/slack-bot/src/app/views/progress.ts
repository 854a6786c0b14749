/** A text progress bar: `▓▓▓▓▓░░░░░ 50%`. */
export function progressBar(percent: number, width = 10): string {
  const bounded = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  const filled = Math.round((bounded / 100) * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(bounded)}%`;
}
