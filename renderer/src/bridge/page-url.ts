/** The backend the sign-in page offers first: the one serving this page, when a backend serves it (not file://). */
export function pageBackendUrl(): string {
  return window.location.protocol === 'http:' || window.location.protocol === 'https:' ? window.location.origin : '';
}
