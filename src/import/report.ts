import type { ImportSummary, Progress } from './import.js';
import { counted } from '../shared/words.js';

const number = (n: number) => n.toLocaleString('en-US');

/** A progress bar on a terminal (redrawn in place); elsewhere a line every tenth of the file. */
export function progressPrinter(stream: NodeJS.WriteStream): (progress: Progress) => void {
  let lastTenth = -1;
  return ({ bytesRead, totalBytes, documents }) => {
    const share = totalBytes === 0 ? 1 : Math.min(1, bytesRead / totalBytes);
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} ${counted(documents, 'documents', number)}`,
      );
      if (share === 1) stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      stream.write(`${percent} ${counted(documents, 'documents', number)}\n`);
    }
  };
}

export function formatSummary(summary: ImportSummary): string {
  const counts = (by: Partial<Record<string, number>>) =>
    Object.entries(by)
      .map(([entity, n]) => counted(n ?? 0, entity, number))
      .join(', ') || 'none';
  const lines = [
    `Imported ${summary.entity}: ${counted(summary.documents, 'documents', number)} read.`,
    `  created:   ${counts(summary.created)}`,
    `  updated:   ${counts(summary.updated)}`,
    `  unchanged: ${number(summary.unchanged)}`,
    `  rejected:  ${number(summary.rejectedCount)}`,
  ];
  for (const r of summary.rejected) {
    const where = r.item === undefined ? `line ${r.line}` : `line ${r.line} (item ${r.item})`;
    lines.push(`    ${where}: ${r.reasons.join('; ')}`);
  }
  if (summary.rejectedCount > summary.rejected.length) {
    lines.push(`    ... and ${number(summary.rejectedCount - summary.rejected.length)} more`);
  }
  return lines.join('\n');
}
