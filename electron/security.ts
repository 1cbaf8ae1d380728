/**
 * The Content-Security-Policy every screen runs under, in Electron and over the LAN alike:
 * only our own files, no remote content, no inline scripts, no eval. It is sent as a header
 * (app:// protocol, LAN server) and also written as a <meta> in renderer/index.html (`forMeta`),
 * which a unit test keeps equal to this: a page opened some other way is still covered. Both
 * apply when both are present, so the meta is the LAN variant (with WebSocket) without
 * frame-ancestors, which a meta cannot carry; the stricter header still wins where it is sent.
 */
export function contentSecurityPolicy({ allowWebSocket, forMeta = false }: { allowWebSocket: boolean; forMeta?: boolean }): string {
  const directives = [
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
  ];
  return (forMeta ? directives.filter((d) => !d.startsWith('frame-ancestors')) : directives).join('; ');
}
