// Meta serialises webhook bodies with every non-ASCII UTF-16 code unit escaped as \uXXXX in
// lowercase hex, so emoji travel as surrogate pairs ("\ud83d\ude2e"). The signature covers
// those exact bytes, so receivers that re-serialise the parsed body get a different HMAC.

const NON_ASCII = /[\u0080-\uffff]/g;

function escapeCodeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** JSON text in Meta's webhook style: pure ASCII, lowercase \u escapes. */
export function metaJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('metaJson: value is not serialisable');
  // JSON.stringify only leaves non-ASCII characters inside strings, so this never touches syntax.
  return json.replace(NON_ASCII, escapeCodeUnit);
}
