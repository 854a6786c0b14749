export { startMessageBirdSandbox, type MessageBirdSandbox } from './sandbox-server';
export {
  DEFAULT_ACCESS_KEY,
  DEFAULT_CONFIG,
  DEFAULT_SIGNING_KEY,
  type SandboxConfig,
  type SandboxOptions,
} from './sandbox-config';
export { FAULT_TYPES, type Fault, type FaultRequest, type FaultRule, type FaultType } from './fault-plan';
export type { InboundDelivery, ReportDelivery, SandboxMessage, SandboxStats } from './sandbox-state';
export { signMessageBirdWebhook, type WebhookSignatureInput } from './webhook-signer';
export { INBOUND_WEBHOOK_PATH } from './sandbox-core';
export { RemoteMessageBirdSandbox } from './remote-sandbox';
