import type { CampaignStats, Found } from './campaign.js';

/** What the supervisor gives a worker (workerData). */
export interface WorkerSetup {
  readonly target: string;
  readonly runs: number;
  readonly seed: number;
  readonly coverage: boolean;
  readonly minimize: boolean;
  /**
   * Int32 slots shared with the supervisor: [0] inputs started (re-runs included), [1] length
   * of the input in `input`, [2] fresh inputs started.
   */
  readonly control: SharedArrayBuffer;
  /** The input being run (its first bytes, if it is longer). */
  readonly input: SharedArrayBuffer;
}

/** What a worker posts to the supervisor. */
export type WorkerMessage =
  | { readonly type: 'violation'; readonly found: Found }
  | { readonly type: 'progress'; readonly stats: CampaignStats }
  | { readonly type: 'done'; readonly stats: CampaignStats };
