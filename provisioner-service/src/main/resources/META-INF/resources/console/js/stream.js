// Reads a server-sent-event stream with fetch(), so the API key can be sent as a header (EventSource cannot).
import { headers } from './api.js';

/**
 * Calls onEvent with each event's JSON data; reconnects after a drop; onState('live' | 'reconnecting' | 'failed').
 * Returns a function that stops it.
 */
export function streamJson(path, onEvent, onState = () => {}) {
  const controller = new AbortController();
  (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }),
          signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          onState('failed', response.status);
          if (response.status === 401 || response.status === 403 || response.status === 404) return;
        } else {
          onState('live');
          await readEvents(response.body, onEvent);
        }
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  })();
  return () => controller.abort();
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').filter(line => line.startsWith('data:'))
        .map(line => line.slice(5).replace(/^ /, '')).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}
