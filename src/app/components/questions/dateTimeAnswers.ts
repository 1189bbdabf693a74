/** dateTime answers: ISO 8601 with the device's UTC offset, shown in a datetime-local input. */

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** The device's UTC offset at that moment, as `+01:00`. */
export function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `<input type="datetime-local">` (`2026-11-23T14:05`) → ISO 8601 with the device's offset. */
export function toDateTimeAnswer(local: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(local);
  if (!match) return local === '' ? undefined : local;
  const [, day, minutes, seconds] = match;
  const date = new Date(`${day}T${minutes}${seconds ?? ':00'}`);
  if (Number.isNaN(date.getTime())) return local;
  return `${day}T${minutes}${seconds ?? ':00'}.000${offsetOf(date)}`;
}

/** An ISO 8601 date-time answer → the local wall-clock value a datetime-local input shows. */
export function fromDateTimeAnswer(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const d = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${d}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
