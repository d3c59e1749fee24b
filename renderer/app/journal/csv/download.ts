/** File downloads (Blob + object URL + <a download>, which the CSP allows) and their file names. */

/** Lower-case, `[a-z0-9._-]` only, runs of anything else -> one `-`, trimmed; '' -> fallback. */
export function fileNamePart(value: string, fallback = 'all'): string {
  const part = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return part === '' ? fallback : part.slice(0, 40);
}

/** `20261122-1347` in UTC. */
export function fileStamp(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** `tradelog-trades-main-btc-usdt-usdt-20261122-1347.csv`: what, which account, which symbol, when (UTC). */
export function csvFileName(kind: 'trades' | 'positions', scope: { account?: string | null; symbol?: string | null }, now: number): string {
  const parts = ['tradelog', kind, fileNamePart(scope.account ?? '', 'all-accounts')];
  if (scope.symbol !== undefined && scope.symbol !== null && scope.symbol !== '') parts.push(fileNamePart(scope.symbol));
  parts.push(fileStamp(now));
  return `${parts.join('-')}.csv`;
}

/** Triggers the browser download of text parts (parts keep a large export from becoming one giant string). */
export function downloadFile(fileName: string, parts: readonly BlobPart[], type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(parts as BlobPart[], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or the download may find no data.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
