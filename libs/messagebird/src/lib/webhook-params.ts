/**
 * Webhook fields as a framework hands them over: express's query and urlencoded parsers give a string, or an
 * array when a key repeats. The first value wins, like Go's `Form.Get` and PHP's `$_GET`.
 */
export type WebhookParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export function firstParam(params: WebhookParams, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params[name];
    const first = typeof value === 'string' ? value : value?.[0];
    if (first !== undefined && first !== '') return first;
  }
  return undefined;
}
