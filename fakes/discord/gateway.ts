import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { shardForGuild, snowflake } from './snowflake.ts';
import type { FakeState } from './state.ts';
import type { GatewaySessionInfo } from './types.ts';
import { apiChannel, isoNow } from './util.ts';

/** Gateway opcodes (v10). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

const GUILDS_INTENT = 1;
const MAX_BUFFERED_EVENTS = 5000;

interface Payload {
  op: number;
  d: any;
  s?: number | null;
  t?: string | null;
}

/** One gateway session (survives reconnects until it is invalidated). */
export class GatewaySession {
  readonly id = snowflake().slice(-12) + Math.random().toString(36).slice(2, 10);
  seq = 0;
  /** Dispatches sent in this session, for RESUME replay. */
  readonly events: Payload[] = [];
  socket: Connection | null = null;
  ready = false;
  invalidated = false;
  resumes = 0;
  readonly createdAt = Date.now();

  constructor(
    readonly shardId: number,
    readonly shardCount: number,
    readonly intents: number,
    readonly identify: any,
  ) {}

  info(): GatewaySessionInfo {
    return {
      sessionId: this.id,
      shardId: this.shardId,
      shardCount: this.shardCount,
      intents: this.intents,
      connected: this.socket !== null,
      ready: this.ready,
      invalidated: this.invalidated,
      seq: this.seq,
      resumes: this.resumes,
    };
  }
}

/** One WebSocket connection. */
class Connection {
  session: GatewaySession | null = null;
  closed = false;
  ackHeartbeats = true;
  constructor(readonly ws: WebSocket) {}
}

export class Gateway {
  readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly sessions: GatewaySession[] = [];
  readonly connections = new Set<Connection>();
  /** Every IDENTIFY received (the `d` of the payload, token redacted). */
  readonly identifies: Array<{ shard: [number, number]; intents: number; sessionId: string; at: number; properties: unknown }> = [];
  /** Every RESUME received and whether it succeeded. */
  readonly resumeAttempts: Array<{ sessionId: string; seq: number; ok: boolean; replayed: number; at: number }> = [];
  #closing = false;

  constructor(readonly state: FakeState) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (this.#closing || (url.pathname !== '/gateway' && url.pathname !== '/gateway-resume')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, url));
  }

  #onConnection(ws: WebSocket, url: URL): void {
    const conn = new Connection(ws);
    this.connections.add(conn);
    ws.on('error', (error) => this.state.log('ws error', error.message));
    ws.on('close', (code) => this.#onClose(conn, code));
    ws.on('message', (data, isBinary) => this.#onMessage(conn, data as Buffer, isBinary));
    const v = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    if (v !== '10') {
      this.#close(conn, 4012, 'Invalid API version');
      return;
    }
    if (encoding !== 'json' || url.searchParams.has('compress')) {
      // The fake only speaks uncompressed JSON (discord.js without zlib-sync does exactly that).
      // 4012 makes discord.js stop with an error instead of retrying forever.
      console.error(`[fake-discord] refused gateway connection ${url.search}: only encoding=json without compress is supported (uninstall zlib-sync)`);
      this.#close(conn, 4012, 'fake-discord: encoding=json without compression only');
      return;
    }
    this.#send(conn, { op: Op.Hello, d: { heartbeat_interval: this.state.heartbeatIntervalMs, _trace: ['fake-discord'] } });
  }

  #onClose(conn: Connection, code: number): void {
    conn.closed = true;
    this.connections.delete(conn);
    const session = conn.session;
    if (session && session.socket === conn) {
      session.socket = null;
      session.ready = false;
      // A client closing with 1000/1001 ends its session (Discord invalidates it); 4200 etc. keep it resumable.
      if (code === 1000 || code === 1001) session.invalidated = true;
    }
    this.state.log(`socket closed code=${code} shard=${session?.shardId ?? '-'}`);
    this.state.changes.notify();
  }

  #record(direction: 'in' | 'out', conn: Connection, payload: Payload): void {
    this.state.gatewayLog.push({
      direction,
      shardId: conn.session?.shardId ?? null,
      sessionId: conn.session?.id ?? null,
      op: payload.op,
      t: payload.t ?? null,
      s: payload.s ?? null,
      at: Date.now(),
    });
    if (this.state.gatewayLog.length > 20_000) this.state.gatewayLog.splice(0, 10_000);
  }

  #send(conn: Connection, payload: Payload): void {
    if (conn.closed || conn.ws.readyState !== WebSocket.OPEN) return;
    this.#record('out', conn, payload);
    this.state.log('->', conn.session?.shardId ?? '-', payload.op, payload.t ?? '');
    conn.ws.send(JSON.stringify(payload));
  }

  #close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    try {
      conn.ws.close(code, reason);
    } catch {
      conn.ws.terminate();
    }
  }

  #onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.closed) return;
    let payload: Payload;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(data.toString('utf8'));
      if (typeof payload !== 'object' || payload === null || typeof payload.op !== 'number') throw new Error('shape');
    } catch {
      this.#close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    this.#record('in', conn, payload);
    this.state.log('<-', conn.session?.shardId ?? '-', payload.op);
    switch (payload.op) {
      case Op.Heartbeat:
        if (conn.ackHeartbeats) this.#send(conn, { op: Op.HeartbeatAck, d: null });
        return;
      case Op.Identify:
        this.#identify(conn, payload.d);
        return;
      case Op.Resume:
        this.#resume(conn, payload.d);
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
        if (!conn.session) this.#close(conn, 4003, 'Not authenticated.');
        return;
      default:
        this.#close(conn, 4001, 'Unknown opcode.');
    }
  }

  #identify(conn: Connection, d: any): void {
    if (conn.session) {
      this.#close(conn, 4005, 'Already authenticated.');
      return;
    }
    if (!d || d.token !== this.state.token) {
      this.#close(conn, 4004, 'Authentication failed.');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      this.#close(conn, 4010, 'Invalid shard.');
      return;
    }
    if (typeof d.intents !== 'number') {
      this.#close(conn, 4013, 'Invalid intent(s).');
      return;
    }
    const session = new GatewaySession(shard[0], shard[1], d.intents, { ...d, token: '[redacted]' });
    this.sessions.push(session);
    this.identifies.push({ shard, intents: d.intents, sessionId: session.id, at: Date.now(), properties: d.properties });
    conn.session = session;
    session.socket = conn;

    const guilds = [...this.state.guilds.values()].filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    this.#dispatch(session, 'READY', {
      v: 10,
      user: { ...this.state.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      user_settings: {},
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.state.gatewayUrl.replace(/\/gateway$/, '/gateway-resume'),
      shard,
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['fake-discord'],
    });
    if (d.intents & GUILDS_INTENT) {
      for (const g of guilds) this.#dispatch(session, 'GUILD_CREATE', this.guildCreatePayload(g.id));
    }
    session.ready = true;
    this.state.changes.notify();
  }

  #resume(conn: Connection, d: any): void {
    const session = this.sessions.find((s) => s.id === d?.session_id);
    const seq = Number(d?.seq ?? 0);
    const ok =
      !!session &&
      !session.invalidated &&
      d.token === this.state.token &&
      // events after `seq` must still be buffered
      (session.events.length === 0 || session.events[0].s! <= seq + 1 || seq >= session.seq);
    if (!ok || !session) {
      this.resumeAttempts.push({ sessionId: String(d?.session_id), seq, ok: false, replayed: 0, at: Date.now() });
      if (d?.token !== this.state.token) {
        this.#close(conn, 4004, 'Authentication failed.');
        return;
      }
      this.#send(conn, { op: Op.InvalidSession, d: false });
      this.state.changes.notify();
      return;
    }
    // Take over the session from any older socket.
    if (session.socket && session.socket !== conn) {
      const old = session.socket;
      old.session = null;
      this.#close(old, 4009, 'Session superseded');
    }
    conn.session = session;
    session.socket = conn;
    session.resumes++;
    const missed = session.events.filter((e) => (e.s ?? 0) > seq);
    for (const e of missed) this.#send(conn, e);
    this.#dispatch(session, 'RESUMED', { _trace: ['fake-discord'] });
    session.ready = true;
    this.resumeAttempts.push({ sessionId: session.id, seq, ok: true, replayed: missed.length, at: Date.now() });
    this.state.changes.notify();
  }

  /** Sends (or buffers, when disconnected) a dispatch in a session. */
  #dispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const payload: Payload = { op: Op.Dispatch, t, s: session.seq, d };
    if (t !== 'READY' && t !== 'RESUMED') {
      session.events.push(payload);
      if (session.events.length > MAX_BUFFERED_EVENTS) session.events.splice(0, session.events.length - MAX_BUFFERED_EVENTS);
    }
    if (session.socket) this.#send(session.socket, payload);
  }

  guildCreatePayload(guildId: string): unknown {
    const g = this.state.guild(guildId);
    const owner = this.state.user(g.ownerId);
    const joinedAt = isoNow();
    return {
      id: g.id,
      name: g.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: g.ownerId,
      application_id: null,
      afk_channel_id: null,
      afk_timeout: 300,
      system_channel_id: g.channels[0]?.id ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: g.locale,
      vanity_url_code: null,
      max_members: 500000,
      max_video_channel_users: 25,
      features: [],
      roles: [
        {
          id: g.id,
          name: '@everyone',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: '2248473465835073',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      joined_at: joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [this.state.botUser, owner].map((user) => ({
        user,
        roles: [],
        joined_at: joinedAt,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      })),
      channels: g.channels.map((c) => apiChannel(g, c)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
    };
  }

  /** The live session that owns `shardId` for a `shardCount`-sharded bot (most recent first). */
  sessionForGuild(guildId: string): GatewaySession | undefined {
    let fallback: GatewaySession | undefined;
    for (let i = this.sessions.length - 1; i >= 0; i--) {
      const s = this.sessions[i];
      if (s.invalidated || shardForGuild(guildId, s.shardCount) !== s.shardId) continue;
      // Prefer a connected session; else the newest resumable one (its events are replayed on RESUME).
      if (s.socket) return s;
      fallback ??= s;
    }
    return fallback;
  }

  /** Dispatch an event to the session owning `guildId`, waiting (up to timeoutMs) for one to exist. */
  async dispatchToGuild(guildId: string, t: string, d: unknown, timeoutMs: number, beforeSend?: (session: GatewaySession) => void): Promise<GatewaySession> {
    const session =
      this.sessionForGuild(guildId) ??
      (await this.state.changes.waitFor(() => this.sessionForGuild(guildId), timeoutMs, `a gateway session for the shard owning guild ${guildId}`, false));
    beforeSend?.(session);
    this.#dispatch(session, t, d);
    return session;
  }

  #targets(shardId?: number): GatewaySession[] {
    return this.sessions.filter((s) => !s.invalidated && s.socket && (shardId === undefined || s.shardId === shardId));
  }

  /** Terminates the socket(s) abnormally (close code 1006 on the client); sessions stay resumable. */
  dropConnection(shardId?: number): number {
    const targets = this.#targets(shardId);
    for (const s of targets) {
      const conn = s.socket!;
      s.socket = null;
      s.ready = false;
      conn.ws.terminate();
    }
    this.state.changes.notify();
    return targets.length;
  }

  /** The current socket(s) stop ACKing heartbeats (a zombie connection); new connections ACK again. */
  stopHeartbeatAcks(shardId?: number): number {
    const targets = this.#targets(shardId);
    for (const s of targets) s.socket!.ackHeartbeats = false;
    return targets.length;
  }

  /** Sends op 7 RECONNECT; the client should close and RESUME. */
  sendReconnect(shardId?: number): number {
    const targets = this.#targets(shardId);
    for (const s of targets) this.#send(s.socket!, { op: Op.Reconnect, d: null });
    return targets.length;
  }

  /** Sends op 9 INVALID_SESSION. When not resumable, the session is invalidated (the client must IDENTIFY again). */
  sendInvalidSession(resumable: boolean, shardId?: number): number {
    const targets = this.#targets(shardId);
    for (const s of targets) {
      if (!resumable) {
        s.invalidated = true;
        s.ready = false;
      }
      this.#send(s.socket!, { op: Op.InvalidSession, d: resumable });
    }
    this.state.changes.notify();
    return targets.length;
  }

  /** Shard ids that currently have a connected, ready session. */
  readyShards(): Set<number> {
    return new Set(this.sessions.filter((s) => s.ready && s.socket && !s.invalidated).map((s) => s.shardId));
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
