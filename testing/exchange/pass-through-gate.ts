import type { RateObservation, RequestCost, RequestGate } from '../../main/exchange/adapter';

/**
 * A gate that never waits: it runs every request at once and records what it was told. For
 * adapter tests only; the weight-aware limiter lives in main/sync/.
 */
export class PassThroughGate implements RequestGate {
  readonly costs: RequestCost[] = [];
  readonly observations: { bucket: string; observation: RateObservation }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  async run<T>(cost: RequestCost, send: () => Promise<T>): Promise<T> {
    this.costs.push(cost);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await send();
    } finally {
      this.inFlight -= 1;
    }
  }

  observe(bucket: string, observation: RateObservation): void {
    this.observations.push({ bucket, observation });
  }

  weight(bucket?: string): number {
    return this.costs.filter((c) => bucket === undefined || c.bucket === bucket).reduce((sum, c) => sum + c.weight, 0);
  }
}
