// views.open / push / update / publish. Views get an id and a hash like Slack's; views.update with a
// stale hash fails with hash_conflict, and views.open/push need a trigger_id, which a test can expire.
import { isRecord } from './request-body';
import { arg, fail, ok, type MethodContext, type MethodHandler, type MethodResult } from './method-context';
import { APP_ID, BOT_ID } from './sandbox-defaults';
import type { SandboxView } from './sandbox-types';

/** Slack's documented limits: 100 blocks per view, 3,000 characters of private_metadata. */
const MAX_VIEW_BLOCKS = 100;
const MAX_PRIVATE_METADATA = 3000;

export const viewsOpen: MethodHandler = (ctx) => openView(ctx);

/** A pushed view is stored like an opened one: the sandbox does not model the modal stack. */
export const viewsPush: MethodHandler = (ctx) => openView(ctx);

export const viewsUpdate: MethodHandler = (ctx) => {
  const { args, workspace } = ctx;
  const viewId = arg(args, 'view_id');
  const externalId = arg(args, 'external_id');
  if (viewId === undefined && externalId === undefined)
    return fail('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  const current =
    viewId !== undefined
      ? workspace.views.get(viewId)
      : [...workspace.views.values()].find((v) => v.external_id === externalId);
  if (!current) return fail('not_found');
  const hash = arg(args, 'hash');
  if (hash !== undefined && hash !== current.hash) return fail('hash_conflict');
  const spec = validView(args.view, ['modal', 'home']);
  if (typeof spec === 'string') return fail('invalid_arguments', [spec]);
  const updated = buildView(ctx, spec, {
    id: current.id,
    previous: current.previous_view_id,
    root: current.root_view_id,
  });
  workspace.views.set(updated.id, updated);
  return ok({ view: structuredClone(updated) });
};

export const viewsPublish: MethodHandler = (ctx) => {
  const { args, workspace } = ctx;
  const userId = arg(args, 'user_id');
  if (userId === undefined || !workspace.users.has(userId)) return fail('user_not_found');
  const spec = validView(args.view, ['home']);
  if (typeof spec === 'string') return fail('invalid_arguments', [spec]);
  const existingId = workspace.homeViews.get(userId);
  const existing = existingId === undefined ? undefined : workspace.views.get(existingId);
  const hash = arg(args, 'hash');
  if (existing && hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const view = buildView(ctx, spec, { id: existing?.id, previous: null, root: null });
  workspace.views.set(view.id, view);
  workspace.homeViews.set(userId, view.id);
  return ok({ view: structuredClone(view) });
};

function openView(ctx: MethodContext): MethodResult {
  const { args, workspace } = ctx;
  const trigger = arg(args, 'trigger_id') ?? arg(args, 'interactivity_pointer');
  if (trigger === undefined) return fail('invalid_trigger_id');
  if (workspace.expiredTriggers.has(trigger)) return fail('expired_trigger_id');
  const spec = validView(args.view, ['modal']);
  if (typeof spec === 'string') return fail('invalid_arguments', [spec]);
  if (
    spec['external_id'] !== undefined &&
    [...workspace.views.values()].some((v) => v.external_id === spec['external_id'])
  ) {
    return fail('duplicate_external_id');
  }
  const view = buildView(ctx, spec, { previous: null, root: null });
  workspace.views.set(view.id, view);
  return ok({ view: structuredClone(view) });
}

/** The view object, or the `[ERROR] …` explanation Slack would give. */
function validView(raw: unknown, types: string[]): Record<string, unknown> | string {
  if (!isRecord(raw)) return '[ERROR] failed to match all allowed schemas [json-pointer:/view]';
  const type = raw['type'];
  if (typeof type !== 'string' || !types.includes(type))
    return `[ERROR] view type must be one of ${types.join(', ')} [json-pointer:/view/type]`;
  if (type === 'modal' && !isRecord(raw['title'])) return '[ERROR] missing required field: title [json-pointer:/view]';
  if (!Array.isArray(raw['blocks'])) return '[ERROR] missing required field: blocks [json-pointer:/view]';
  if (raw['blocks'].length > MAX_VIEW_BLOCKS)
    return `[ERROR] no more than ${MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]`;
  const meta = raw['private_metadata'];
  if (typeof meta === 'string' && meta.length > MAX_PRIVATE_METADATA) {
    return `[ERROR] must be less than ${MAX_PRIVATE_METADATA + 1} characters [json-pointer:/view/private_metadata]`;
  }
  return raw;
}

function buildView(
  { workspace }: MethodContext,
  spec: Record<string, unknown>,
  place: { id?: string; previous: string | null; root: string | null },
): SandboxView {
  const id = place.id ?? workspace.ids.next('V');
  const text = (key: string): string => (typeof spec[key] === 'string' ? (spec[key] as string) : '');
  return {
    id,
    team_id: workspace.teamId,
    type: text('type'),
    ...(spec['title'] === undefined ? {} : { title: spec['title'] }),
    ...(spec['submit'] === undefined ? {} : { submit: spec['submit'] }),
    ...(spec['close'] === undefined ? {} : { close: spec['close'] }),
    blocks: spec['blocks'] as unknown[],
    private_metadata: text('private_metadata'),
    callback_id: text('callback_id'),
    state: { values: {} },
    hash: workspace.ids.nextHash(),
    clear_on_close: spec['clear_on_close'] === true,
    notify_on_close: spec['notify_on_close'] === true,
    previous_view_id: place.previous,
    root_view_id: place.root ?? id,
    app_id: APP_ID,
    external_id: text('external_id'),
    app_installed_team_id: workspace.teamId,
    bot_id: BOT_ID,
  };
}
