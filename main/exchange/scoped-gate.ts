import { scopedName } from '../../shared/sync/gate-scope';
import type { BucketSpec, RequestGate } from './adapter';

/**
 * A RequestGate whose bucket and breaker-group names carry a scope prefix
 * (shared/sync/gate-scope.ts): the demo, testnets and custom base URLs get budgets and breakers of
 * their own in the engine's one gate. The empty scope (production) passes everything through.
 */
export function scopedGate(gate: RequestGate, scope: string): RequestGate {
  if (scope === '') return gate;
  return {
    run: (cost, send) => gate.run({ ...cost, bucket: scopedName(scope, cost.bucket), group: scopedName(scope, cost.group) }, send),
    observe: (bucket, observation) => gate.observe(scopedName(scope, bucket), observation),
  };
}

/** The bucket specs an adapter declares, named for its scope. */
export function scopedBuckets(specs: readonly BucketSpec[], scope: string): BucketSpec[] {
  return specs.map((spec) => ({ ...spec, bucket: scopedName(scope, spec.bucket) }));
}
