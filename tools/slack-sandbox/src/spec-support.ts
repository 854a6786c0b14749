// Shared by the specs: a real WebClient aimed at a sandbox, without retries (a failure must show at
// once) and without log noise (Slack's `[ERROR] …` explanations are expected in error-path tests).
import { webApi, type Logger } from '@slack/bolt';
import type { SlackSandbox } from './sandbox-types';

export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

export function sandboxClient(
  sandbox: SlackSandbox,
  options: webApi.WebClientOptions & { token?: string } = {},
): webApi.WebClient {
  const { token = sandbox.botToken, ...rest } = options;
  return new webApi.WebClient(token, {
    slackApiUrl: sandbox.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger,
    ...rest,
  });
}
