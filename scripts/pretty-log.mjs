// `npm start`'s console in a terminal: pino's JSON lines made short and readable (time, level,
// source, message, a few useful fields), with the plain-words `narrate` lines set apart. Not a
// TTY (piped, CI, a log collector): pino's JSON lines unchanged. No dependency (pino-pretty).
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const COLOURS = { 10: 90, 20: 90, 30: 36, 40: 33, 50: 31, 60: 31 };
const SHOWN = ['url', 'link', 'admin', 'storefront', 'emulator', 'shop', 'order', 'referral', 'total'];
const paint = (code, text, on) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** One JSON log line as a short human line. */
export function formatLogLine(line, { colour = true } = {}) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  const time = new Date(entry.time ?? Date.now()).toTimeString().slice(0, 8);
  const source = entry.name ? `${entry.name}: ` : '';
  if (typeof entry.narrate === 'string') {
    return `${paint(90, time, colour)} ${paint('1;32', '▶', colour)} ${paint(1, entry.narrate, colour)}`;
  }
  const level = LEVELS[entry.level] ?? String(entry.level);
  const fields = SHOWN.filter((k) => entry[k] !== undefined && entry[k] !== null)
    .map((k) => `${k}=${typeof entry[k] === 'string' ? entry[k] : JSON.stringify(entry[k])}`)
    .join(' ');
  const error = entry.err?.message ? ` ${paint(31, entry.err.message, colour)}` : '';
  return `${paint(90, time, colour)} ${paint(COLOURS[entry.level] ?? 0, level.padEnd(5), colour)} ${source}${entry.msg ?? ''}${fields ? ` ${paint(90, fields, colour)}` : ''}${error}`;
}

/** pino's destination: pretty on a TTY, else stdout as it is. */
export function logDestination(stream = process.stdout) {
  if (!stream.isTTY) return stream;
  return {
    write(chunk) {
      for (const line of String(chunk).split('\n')) if (line) stream.write(`${formatLogLine(line)}\n`);
    },
  };
}
