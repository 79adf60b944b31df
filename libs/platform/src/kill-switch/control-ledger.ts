/**
 * What the database remembers of the CONTROL stream, so that a stream that was deleted, purged or
 * recreated empty (a lost JetStream volume) is never read as "no kill, running" (docs/architecture.md,
 * "Kill switch"). The stream is recreated by every service's start-up before the kill switch reads it,
 * so an empty CONTROL looks exactly like a fresh install unless something outside JetStream says otherwise.
 */
export interface ControlMark {
  /** the CONTROL stream's creation time as JetStream reports it (StreamInfo.created) */
  readonly streamCreated: string;
  /** the highest kill/reset sequence seen in that stream (0: none yet) */
  readonly lastSeq: number;
}

/** Implemented on the services' database (libs/persistence `openControlLedger`). */
export interface ControlLedger {
  /** null on an installation that never recorded a mark (a fresh database) */
  read(): Promise<ControlMark | null>;
  /** Raises lastSeq for the same stream; never lowers it. */
  advance(mark: ControlMark): Promise<void>;
  /** Adopts a new stream (after a wipe was detected and a kill stored in the new one). */
  adopt(mark: ControlMark): Promise<void>;
  close(): Promise<void>;
}

/** The mark says the stream we see now is not the one it recorded, or holds less than it did. */
export function controlWipeReason(mark: ControlMark, seen: ControlMark): string | null {
  if (mark.streamCreated !== seen.streamCreated) {
    return `CONTROL stream was deleted or recreated: the database recorded the stream created ${mark.streamCreated} ` +
      `(last kill/reset seq ${mark.lastSeq}), JetStream now holds one created ${seen.streamCreated} (last seq ${seen.lastSeq})`;
  }
  if (seen.lastSeq < mark.lastSeq) {
    return `CONTROL stream was purged: the database recorded kill/reset seq ${mark.lastSeq}, the stream's last is ${seen.lastSeq || 'none'}`;
  }
  return null;
}
