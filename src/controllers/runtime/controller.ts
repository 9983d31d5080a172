// What the composition root runs: a named loop that works until its signal aborts.

export interface Controller {
  readonly name: string;
  /** Runs until `signal` aborts; resolves once every worker has stopped. */
  run(signal: AbortSignal): Promise<void>;
}
