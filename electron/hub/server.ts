import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import pg from 'pg';
import { checkCityAccount, ensureAccountsTable } from '../../db/city/accounts.js';
import { EnrolmentError, redeemEnrolmentCode } from '../../db/city/enrol.js';
import { exportFileName } from '../../db/city/exportName.js';
import { cityFiguresWorkbook } from '../../db/city/exportXlsx.js';
import { cityFigures, type CityRole } from '../../db/city/figures.js';
import { applyCityMigrations } from '../../db/city/migrate.js';

/**
 * The hub: the city's web front over its PostgreSQL. Centers enrol here (a one-time code → their own
 * ingest role and the city key) and then write to PostgreSQL directly; the city's staff sign in at
 * /city. No SQLite, no kiosk. Every answer is JSON with a code and a Chinese and English message.
 */
export interface HubOptions {
  pgUrl: string;
  host?: string;
  port?: number;
  /** The address centers use to reach PostgreSQL (the hub's own connection may be a local socket). */
  publicDatabase: { host: string; port: number; database: string; ssl?: string | null };
  staticDir?: string;
  log?: (line: string) => void;
}

export interface Hub {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

const errors = {
  ENROL_CODE_INVALID: { status: 404, zh: '注册码不正确，请核对后再输入。', en: 'The enrolment code is not valid.' },
  ENROL_CODE_USED: { status: 409, zh: '这个注册码已经用过了，请向市级平台索取新的注册码。', en: 'This enrolment code has been used already.' },
  ENROL_CODE_EXPIRED: { status: 410, zh: '这个注册码已过期，请向市级平台索取新的注册码。', en: 'This enrolment code has expired.' },
  CITY_SIGNIN_FAILED: { status: 401, zh: '账号或密码不正确。', en: 'Wrong account or password.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in first.' },
  VALIDATION_FAILED: { status: 400, zh: '填写的内容有误。', en: 'The request is not valid.' },
  RATE_LIMITED: { status: 429, zh: '尝试次数过多，请稍后再试。', en: 'Too many attempts. Please try again later.' },
  NOT_FOUND: { status: 404, zh: '没有这个地址。', en: 'Not found.' },
  INTERNAL: { status: 500, zh: '市级平台出错了，请稍后再试。', en: 'The hub had an error. Please try again later.' },
} as const;
type HubErrorCode = keyof typeof errors;
const body = (code: HubErrorCode) => ({ ok: false, error: { code, message: errors[code].zh, messageEn: errors[code].en } });

export async function startHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({ connectionString: options.pgUrl, max: 5, connectionTimeoutMillis: 5_000, query_timeout: 15_000, keepAlive: true });
  // An idle pooled connection that drops emits 'error' on the pool: logged, never fatal.
  pool.on('error', (err) => log(`hub: database connection error: ${err.message}`));
  const client = await pool.connect();
  try {
    await applyCityMigrations(client);
    await ensureAccountsTable(client);
  } finally {
    client.release();
  }

  /** Figures are read as houniao_dashboard, which may SELECT the views and nothing else. */
  const asDashboard = async <T>(read: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const conn = await pool.connect();
    try {
      await conn.query('BEGIN READ ONLY');
      await conn.query('SET LOCAL ROLE houniao_dashboard');
      const result = await read(conn);
      await conn.query('COMMIT');
      return result;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      conn.release();
    }
  };
  const sessions = new Map<string, { role: CityRole; centerId: number | null; name: string; expires: number }>();
  const app: FastifyInstance = Fastify({ bodyLimit: 64 * 1024, routerOptions: { maxParamLength: 200 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ...body('RATE_LIMITED') }),
  });
  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) return reply.code(429).send(body('RATE_LIMITED'));
    if (status >= 400 && status < 500) return reply.code(status).send(body('VALIDATION_FAILED'));
    log(`hub: ${(err as Error).message}`);
    return reply.code(500).send(body('INTERNAL'));
  });

  app.get('/api/health', async () => ({ ok: true, data: { app: 'houniao-hub' } }));

  app.post('/api/enrol', { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const code = (req.body as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || code.length > 40) return reply.code(400).send(body('VALIDATION_FAILED'));
    const conn = await pool.connect();
    try {
      const enrolment = await redeemEnrolmentCode(conn, code, options.publicDatabase);
      log(`hub: center ${enrolment.centerId} (${enrolment.centerName}) enrolled`);
      return { ok: true, data: enrolment };
    } catch (err) {
      if (err instanceof EnrolmentError) return reply.code(errors[err.code].status).send(body(err.code));
      throw err;
    } finally {
      conn.release();
    }
  });

  app.post('/api/city/signin', { config: { rateLimit: { max: 10, timeWindow: '5 minutes' } } }, async (req, reply) => {
    const b = (req.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof b.name !== 'string' || typeof b.password !== 'string' || b.name.length > 40 || b.password.length > 100) return reply.code(400).send(body('VALIDATION_FAILED'));
    const account = await checkCityAccount(pool, b.name, b.password);
    if (!account) return reply.code(401).send(body('CITY_SIGNIN_FAILED'));
    const token = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [t, s] of sessions) if (s.expires < now) sessions.delete(t); // expired sign-ins do not pile up
    sessions.set(token, { role: account.role, centerId: account.centerId, name: account.name, expires: Date.now() + 12 * 3_600_000 });
    return { ok: true, data: { token, name: account.name, role: account.role, centerId: account.centerId } };
  });

  const sessionOf = (authorization: string | undefined) => {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const session = token ? sessions.get(token) : undefined;
    return session && session.expires > Date.now() ? session : null;
  };
  /** ?month=YYYY-MM for the requests and activities figures; none = this month; anything else = 400. */
  const monthOf = (query: unknown): string | null | undefined => {
    const m = (query as { month?: unknown } | null)?.month;
    if (m === undefined) return null;
    return typeof m === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : undefined;
  };
  app.get('/api/city/figures', async (req, reply) => {
    const session = sessionOf(req.headers.authorization);
    if (!session) return reply.code(401).send(body('UNAUTHENTICATED'));
    const month = monthOf(req.query);
    if (month === undefined) return reply.code(400).send(body('VALIDATION_FAILED'));
    return { ok: true, data: await asDashboard((c) => cityFigures(c, session, { month })) };
  });
  app.get('/api/city/export', async (req, reply) => {
    const session = sessionOf(req.headers.authorization);
    if (!session) return reply.code(401).send(body('UNAUTHENTICATED'));
    const month = monthOf(req.query);
    if (month === undefined) return reply.code(400).send(body('VALIDATION_FAILED'));
    const figures = await asDashboard((c) => cityFigures(c, session, { month }));
    log(`hub: ${session.name} exported the city figures`);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(exportFileName(new Date()))}`)
      .send(await cityFiguresWorkbook(figures, '市级候鸟人群统计'));
  });

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, wildcard: false, index: false });
    app.get('/city', (_req, reply) => reply.sendFile('index.html'));
    app.get('/', (_req, reply) => reply.redirect('/city'));
  }
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(body('NOT_FOUND')));

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8740 });
  return {
    url: address,
    pool,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
