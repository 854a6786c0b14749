// Reading what a bot sent: the text and the buttons of a recorded chat.postMessage / chat.update.
import type { RecordedCall } from './sandbox-types';

/** The text of a recorded message call, its blocks included, for "does it say X" checks. */
export function messageText(call: RecordedCall): string {
  return `${String(call.args['text'] ?? '')}\n${JSON.stringify(call.args['blocks'] ?? [])}`;
}

/** The buttons of a recorded message call, as a user would click them. */
export function buttonsOf(call: RecordedCall): { actionId: string; value: string; blockId: string }[] {
  const blocks = (call.args['blocks'] ?? []) as {
    type: string;
    block_id?: string;
    elements?: { type: string; action_id: string; value?: string }[];
  }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      (b.elements ?? [])
        .filter((e) => e.type === 'button')
        .map((e) => ({ actionId: e.action_id, value: e.value ?? '', blockId: b.block_id ?? '' })),
    );
}
