import type { ErrorEntry } from './index.js';

/**
 * What the HTTP/WebSocket transport answers before a request reaches api.call: a request it
 * cannot read, an address or method it does not serve, or a caller it refuses (issue 11).
 */
export const transportErrors = {
  BAD_REQUEST: {
    status: 400,
    zh: '请求的格式不正确，服务主机无法处理。请刷新页面后再试，或联系技术人员。',
    en: 'The request is malformed and the host cannot handle it. Please reload the page and try again, or ask the technician.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    zh: '这个地址不存在，请检查网址，或返回首页。',
    en: 'This address does not exist. Please check the address or go back to the start page.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    zh: '这个地址不支持 {method} 请求（只支持 {allow}）。请联系技术人员。',
    en: 'This address does not accept {method} requests (only {allow}). Please ask the technician.',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    zh: '请求发送得太慢，服务主机已停止等待。请检查网络后再试。',
    en: 'The request arrived too slowly and the host stopped waiting. Please check the network and try again.',
  },
  EXPECTATION_FAILED: {
    status: 417,
    zh: '服务主机不支持请求中的 Expect 要求，请去掉后再试。',
    en: 'The host cannot meet the Expect header of this request. Please send it without.',
  },
  BODY_TOO_LARGE: {
    status: 413,
    zh: '发送的内容太大（最多 {limit}），请减少内容后再试。',
    en: 'The request is too large (at most {limit}). Please send less and try again.',
  },
  CONTENT_TYPE_REFUSED: {
    status: 415,
    zh: '请求的内容类型不被接受，只接受 application/json。请使用本系统的页面操作。',
    en: 'This content type is not accepted; only application/json is. Please use the app’s own screens.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    zh: '请求头太大，服务主机无法处理。请清除浏览器的缓存和 Cookie 后再试。',
    en: 'The request headers are too large for the host. Please clear the browser’s cache and cookies and try again.',
  },
  UPGRADE_REQUIRED: {
    status: 426,
    zh: '这个地址只用于实时消息连接，请直接打开系统的页面。',
    en: 'This address is only for the live event connection. Please open the app’s screens instead.',
  },
  HOST_REFUSED: {
    status: 403,
    zh: '请通过服务主机的地址访问本系统（例如 http://本机IP:端口），不能通过其他网址访问。',
    en: 'Please open the app at the host’s own address (e.g. http://<host IP>:<port>), not through another name.',
  },
  ORIGIN_REFUSED: {
    status: 403,
    zh: '其他网站的页面不能操作本系统。请直接打开服务主机的地址。',
    en: 'Pages from other sites may not use this app. Please open the host’s address directly.',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '本设备的请求太频繁，请 {seconds} 秒后再试。如果一直出现，请联系技术人员。',
    en: 'This device is sending too many requests. Please try again in {seconds} seconds; ask the technician if it keeps happening.',
  },
} as const satisfies Record<string, ErrorEntry>;
