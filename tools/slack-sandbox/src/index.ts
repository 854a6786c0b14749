// Public entry point of the Slack sandbox: the local Web API, the signed request driver and builders.
export { startSlackSandbox } from './sandbox-server';
export type {
  FailureSpec,
  FileShare,
  NewSandboxFile,
  RecordedCall,
  SandboxChannel,
  SandboxFileObject,
  SandboxMessage,
  SandboxOptions,
  SandboxUser,
  SandboxView,
  SlackSandbox,
} from './sandbox-types';
export {
  APP_ID,
  BOT_ID,
  BOT_USER_ID,
  DEFAULT_BOT_TOKEN,
  DEFAULT_CHANNELS,
  DEFAULT_TEAM_ID,
  DEFAULT_USERS,
} from './sandbox-defaults';
export { SlackDriver } from './driver';
export type {
  BlockActionInput,
  DriverResponse,
  EventOptions,
  SendOptions,
  SlackDriverOptions,
  SlashCommandInput,
  ViewInput,
  ViewSubmissionInput,
} from './driver';
export { SKEW_SECONDS, signingHeaders, slackSignature, type SigningOptions } from './driver-signing';
export { buildViewState, stateValue } from './view-state-builders';
export type { FileRef, OptionObject, UserInput, ViewStateValue, ViewStateValues } from './view-state-builders';
export { fileShareMessageEvent, fileSharedEvent, messageEvent, type MessageEventInput } from './event-builders';
export { RemoteSlackSandbox } from './remote-sandbox';
export { buttonsOf, messageText } from './recorded-calls';
