/**
 * Media for the bench page without a server: pictures are small SVGs of varied shapes (so the
 * conversation has rows whose height changes once the picture loads), sound and video a short
 * silent WAV, documents a text file. All are data or blob URLs, which the page's CSP allows.
 */

const shapes = [[640, 480], [480, 640], [512, 512], [800, 450]] as const;
const colours = ['#90caf9', '#a5d6a7', '#ffcc80', '#ce93d8', '#80cbc4'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

let silence: string | null = null;

/** Half a second of 8 kHz, 8-bit mono silence. */
function silentWav(): string {
  if (silence) return silence;
  const samples = 4000;
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  bytes.fill(128, 44);
  silence = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
  return silence;
}

let documentUrl: string | null = null;

/** A URL for a bench media id (`bench-<message type>-<n>`). */
export function mediaUrlOf(mediaId: string): string {
  const type = mediaId.split('-')[1];
  if (type === 'audio' || type === 'video') return silentWav();
  if (type === 'document') return (documentUrl ??= URL.createObjectURL(new Blob(['Documento de exemplo do bench.'], { type: 'text/plain' })));
  const h = hash(mediaId);
  const [w, hgt] = shapes[h % shapes.length]!;
  const fill = colours[h % colours.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}"><rect width="100%" height="100%" fill="${fill}"/><circle cx="${w / 2}" cy="${hgt / 2}" r="${Math.min(w, hgt) / 4}" fill="#ffffff88"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
