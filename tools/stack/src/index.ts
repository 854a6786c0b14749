// The launcher behind `npm start`, also used by `npm run demo` and the end-to-end story test.
export { CREDENTIAL_VARIABLES, planStack, type Ports, type StackPlan } from './stack-plan';
export {
  loadDotEnv,
  localSecret,
  ROOT,
  type RunningStack,
  SEEDED_ANSWER,
  SEEDED_SENDER,
  type StackOptions,
  startStack,
} from './stack';
export { freePorts } from './free-ports';
