// The pieces every route needs, in one object built once the server knows its port.
import type { CallRecorder } from './call-recorder';
import type { FailurePlan } from './failure-plan';
import type { SandboxWorkspace } from './sandbox-workspace';

export interface SandboxCore {
  base: string;
  botToken: string;
  workspace: SandboxWorkspace;
  recorder: CallRecorder;
  failures: FailurePlan;
}
