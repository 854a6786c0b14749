import type { ModalView } from '../slack/slack-types';
import { plain, section } from './block-kit';

/**
 * Opened the moment a command or button arrives: a trigger_id lives 3 seconds, the service may take
 * longer, so the modal opens first and is filled in with views.update once the data is there.
 */
export function loadingView(title: string, callbackId: string, text = ':hourglass_flowing_sand: Loading…'): ModalView {
  return messageView(title, callbackId, text);
}

/** What a modal shows when it cannot be filled in (the service down, nothing to pick from). */
export function messageView(title: string, callbackId: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    close: plain('Close'),
    blocks: [section(text)],
  };
}
