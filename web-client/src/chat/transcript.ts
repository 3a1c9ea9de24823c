// What a chat shows: decrypted messages and notices, in server order. The
// transcript is kept (with the MLS state) in sessionStorage, because a message
// cannot be decrypted a second time after a reload: its keys are gone.

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export type TranscriptEntry =
  | {
      readonly k: 'msg';
      readonly id: string;
      /** ms since epoch: server time for received messages, local time for own ones. */
      readonly at: number;
      readonly self: boolean;
      readonly senderKind: 'citizen' | 'staff';
      /** Name from the MLS credential (certificate CN, or the citizen's chosen name / pseudonym). */
      readonly name: string;
      /** Staff role code from the certificate (OU). */
      readonly role?: string;
      readonly body: string;
      readonly status?: DeliveryStatus;
      readonly seq?: number;
    }
  | {
      readonly k: 'member';
      readonly id: string;
      readonly at: number;
      readonly event: 'joined' | 'left';
      readonly name: string;
      readonly role?: string;
    }
  | {
      readonly k: 'handover';
      readonly id: string;
      readonly at: number;
      readonly summary: string;
      /** Who wrote it (the sender, or for a forwarded summary the author named by the citizen's client). */
      readonly author: string;
      readonly authorRole?: string;
      readonly forwarded: boolean;
      readonly self: boolean;
    }
  | {
      /** The name the citizen chose, as told to the workers inside the encrypted chat. */
      readonly k: 'client-name';
      readonly id: string;
      readonly at: number;
      readonly name: string;
      readonly self: boolean;
    }
  | {
      /** A line from this client itself (translated when shown). */
      readonly k: 'sys';
      readonly id: string;
      readonly at: number;
      readonly key: string;
      readonly args?: Readonly<Record<string, string | number>>;
    };

export type EntryKind = TranscriptEntry['k'];

/** Number of chat messages (not notices) in a transcript. */
export function messageCount(entries: readonly TranscriptEntry[]): number {
  return entries.filter((e) => e.k === 'msg').length;
}

/** Returns a copy with the entry `id` changed by `patch` (entries are immutable). */
export function updateEntry(
  entries: readonly TranscriptEntry[],
  id: string,
  patch: Partial<Extract<TranscriptEntry, { k: 'msg' }>>,
): TranscriptEntry[] {
  return entries.map((e) => (e.id === id && e.k === 'msg' ? { ...e, ...patch } : e));
}

export interface TranscriptFormat {
  /** Translated label of a message key with arguments. */
  text(key: string, args?: Readonly<Record<string, string | number>>): string;
  /** Role label for a role code. */
  role(code: string): string;
  /** Local time of day. */
  time(at: number): string;
  /** Local date and time (for the header). */
  dateTime(at: number): string;
}

/** The transcript as plain text for the citizen's own download (made in the browser). */
export function transcriptText(
  entries: readonly TranscriptEntry[],
  format: TranscriptFormat,
  now: number = Date.now(),
): string {
  const lines: string[] = [format.text('transcript.header', { date: format.dateTime(now) }), ''];
  const who = (name: string, role?: string): string => (role ? `${name} (${format.role(role)})` : name);
  for (const e of entries) {
    const time = format.time(e.at);
    switch (e.k) {
      case 'msg': {
        const name = e.self ? format.text('chat.you') : who(e.name, e.role);
        lines.push(`[${time}] ${name}: ${e.body.replace(/\r?\n/g, '\n    ')}`);
        if (e.status === 'sending') lines.push(`    (${format.text('chat.sending')})`);
        if (e.status === 'failed') lines.push(`    (${format.text('chat.failed')})`);
        break;
      }
      case 'member':
        lines.push(`[${time}] ${format.text(e.event === 'joined' ? 'chat.joined' : 'chat.left', { name: who(e.name, e.role) })}`);
        break;
      case 'handover':
        lines.push(
          `[${time}] ${format.text(e.forwarded ? 'chat.handoverForwarded' : 'chat.handoverFrom', { name: who(e.author, e.authorRole) })}`,
        );
        lines.push(`    ${e.summary.replace(/\r?\n/g, '\n    ')}`);
        break;
      case 'client-name':
        lines.push(`[${time}] ${format.text(e.self ? 'chat.nameSent' : 'chat.clientName', { name: e.name })}`);
        break;
      case 'sys':
        lines.push(`[${time}] ${format.text(e.key, e.args)}`);
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}

function isString(x: unknown, max = 20_000): x is string {
  return typeof x === 'string' && x.length <= max;
}

/** Validates a stored transcript; drops nothing silently: throws on a bad entry. */
export function parseTranscript(value: unknown): TranscriptEntry[] {
  if (!Array.isArray(value)) throw new Error('transcript: not a list');
  return value.map((raw): TranscriptEntry => {
    if (!raw || typeof raw !== 'object') throw new Error('transcript: bad entry');
    const e = raw as Record<string, unknown>;
    if (!isString(e.id, 64) || typeof e.at !== 'number' || !Number.isFinite(e.at)) throw new Error('transcript: bad entry');
    const role = e.role === undefined ? undefined : isString(e.role, 64) ? e.role : fail();
    switch (e.k) {
      case 'msg':
        if (typeof e.self !== 'boolean' || (e.senderKind !== 'citizen' && e.senderKind !== 'staff')) fail();
        if (!isString(e.name, 128) || !isString(e.body)) fail();
        if (e.status !== undefined && e.status !== 'sending' && e.status !== 'sent' && e.status !== 'failed') fail();
        if (e.seq !== undefined && !(typeof e.seq === 'number' && Number.isSafeInteger(e.seq))) fail();
        return {
          k: 'msg',
          id: e.id,
          at: e.at,
          self: e.self as boolean,
          senderKind: e.senderKind as 'citizen' | 'staff',
          name: e.name as string,
          ...(role !== undefined ? { role } : {}),
          body: e.body as string,
          ...(e.status !== undefined ? { status: e.status as DeliveryStatus } : {}),
          ...(e.seq !== undefined ? { seq: e.seq as number } : {}),
        };
      case 'member':
        if ((e.event !== 'joined' && e.event !== 'left') || !isString(e.name, 128)) fail();
        return { k: 'member', id: e.id, at: e.at, event: e.event as 'joined' | 'left', name: e.name as string, ...(role !== undefined ? { role } : {}) };
      case 'handover': {
        if (!isString(e.summary) || !isString(e.author, 128) || typeof e.forwarded !== 'boolean' || typeof e.self !== 'boolean') fail();
        const authorRole = e.authorRole === undefined ? undefined : isString(e.authorRole, 64) ? e.authorRole : fail();
        return {
          k: 'handover',
          id: e.id,
          at: e.at,
          summary: e.summary as string,
          author: e.author as string,
          ...(authorRole !== undefined ? { authorRole } : {}),
          forwarded: e.forwarded as boolean,
          self: e.self as boolean,
        };
      }
      case 'client-name':
        if (!isString(e.name, 128) || typeof e.self !== 'boolean') fail();
        return { k: 'client-name', id: e.id, at: e.at, name: e.name as string, self: e.self as boolean };
      case 'sys': {
        if (!isString(e.key, 64)) fail();
        let args: Record<string, string | number> | undefined;
        if (e.args !== undefined) {
          if (!e.args || typeof e.args !== 'object' || Array.isArray(e.args)) fail();
          args = {};
          for (const [name, v] of Object.entries(e.args as Record<string, unknown>)) {
            if (typeof v !== 'string' && typeof v !== 'number') fail();
            args[name] = v as string | number;
          }
        }
        return { k: 'sys', id: e.id, at: e.at, key: e.key as string, ...(args ? { args } : {}) };
      }
      default:
        return fail();
    }
  });
}

function fail(): never {
  throw new Error('transcript: bad entry');
}
