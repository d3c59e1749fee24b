import type { Exchange } from 'ccxt';
import type { RateObservation, RequestCost, RequestGate } from './adapter';
import { callScope, lowerCaseHeaders, requestScope, type RequestScope, type ResponseCapture } from './capture';
import { malformedResponse, mapExchangeError, type ExchangeFamily } from './errors';

/**
 * Routes every HTTP request a ccxt instance makes through the engine's RequestGate.
 * We hook `fetch2` (one call per HTTP request, before signing) rather than `fetch` (after
 * signing): the gate may hold a request back for a while, and a request signed before the wait
 * would arrive with a stale timestamp. `handleErrors` runs for every response that has a body,
 * inside the request's async chain, so it is where the per-request capture is taken.
 */

export interface GateHooks {
  family: ExchangeFamily;
  gate: RequestGate;
  /** Cost of a request, from its URL path and parameters. */
  costOf(urlPath: string, params: Record<string, unknown>): RequestCost;
  observationOf(capture: ResponseCapture): RateObservation;
  now(): number;
}

type Fetch2 = Exchange['fetch2'];
type HandleErrors = Exchange['handleErrors'];

/** The URL path a request will hit, computed by signing it once without sending it. */
function urlPathOf(exchange: Exchange, path: unknown, api: unknown, method: string | undefined, params: Record<string, unknown>): string {
  try {
    const signed: unknown = exchange.sign(path, api, method, { ...params });
    const url = typeof signed === 'object' && signed !== null ? (signed as Record<string, unknown>)['url'] : undefined;
    if (typeof url === 'string') return new URL(url).pathname;
  } catch {
    // Missing credentials and the like: the real call will throw the same error, inside the gate.
  }
  return typeof path === 'string' ? `/${path}` : '/';
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function installGate(exchange: Exchange, hooks: GateHooks): void {
  const originalFetch2: Fetch2 = exchange.fetch2.bind(exchange);
  const originalHandleErrors: HandleErrors = exchange.handleErrors.bind(exchange);

  const handleErrors: HandleErrors = (statusCode, statusText, url, method, responseHeaders, responseBody, response, requestHeaders, requestBody) => {
    const scope = requestScope.getStore();
    if (scope !== undefined) {
      scope.capture = { status: statusCode, headers: lowerCaseHeaders(responseHeaders), body: typeof responseBody === 'string' ? responseBody : '', parsed: response as unknown };
    }
    return originalHandleErrors(statusCode, statusText, url, method, responseHeaders, responseBody, response, requestHeaders, requestBody);
  };
  exchange.handleErrors = handleErrors;

  const fetch2: Fetch2 = async (path, api, method, params, headers, body, config) => {
    const p: Record<string, unknown> = params ?? {};
    const cost = hooks.costOf(urlPathOf(exchange, path, api, method, p), p);
    return hooks.gate.run(cost, async () => {
      const scope: RequestScope = { capture: null };
      try {
        const result: unknown = await requestScope.run(scope, () => originalFetch2(path, api, method, params, headers, body, config));
        const c = scope.capture;
        if (c !== null && isSuccess(c.status) && c.parsed === undefined && c.body.trim().length > 0) throw malformedResponse(hooks.family);
        return result;
      } catch (error) {
        throw mapExchangeError(hooks.family, error, scope.capture, hooks.now());
      } finally {
        const capture: ResponseCapture | null = scope.capture;
        // Emptied at once: timers and sockets made during the request keep `scope` (capture.ts).
        scope.capture = null;
        if (capture !== null) {
          hooks.gate.observe(cost.bucket, hooks.observationOf(capture));
          callScope.getStore()?.captures?.push(capture);
        }
      }
    });
  };
  exchange.fetch2 = fetch2;
}
