/**
 * The Content-Security-Policy every screen runs under, in Electron and over the LAN alike:
 * only our own files, no remote content, no inline scripts, no eval.
 */
export function contentSecurityPolicy({ allowWebSocket }: { allowWebSocket: boolean }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Vue's scoped styles and runtime style bindings need inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${allowWebSocket ? ' ws: wss:' : ''}`,
    "media-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
