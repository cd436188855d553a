/**
 * Times inside messages, as the person at the desk reads a clock: local time of this PC
 * (the store and the desk are the same machine), minutes precision.
 */
export function deskTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
