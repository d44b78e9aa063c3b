// One line of progress for a terminal: `[#####-----] 1200/5000 contacts, 98/s`.
export function progressBar(done: number, total: number, perSecond: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} contacts, ${Math.round(perSecond)}/s`;
}
