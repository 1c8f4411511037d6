// How figures, times and states read on the pages.

export function count(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en');
}

export function time(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'unknown';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function rate(value) {
  return value === null || value === undefined ? '—' : `${value.toFixed(value < 10 ? 1 : 0)}/s`;
}

export function value(v) {
  if (v === null || v === undefined) return '(empty)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function words(constant) {
  if (!constant) return '';
  const text = String(constant).toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
