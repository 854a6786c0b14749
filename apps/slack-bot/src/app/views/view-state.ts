import type { ViewStateValue } from '@slack/bolt';

export type StateValues = Record<string, Record<string, ViewStateValue>>;

/** Reads what the user entered in a view, whatever element holds it. */
export class ViewState {
  constructor(private readonly values: StateValues) {}

  static of(view: { state?: { values: StateValues } } | undefined): ViewState {
    return new ViewState(view?.state?.values ?? {});
  }

  private value(blockId: string, actionId: string): ViewStateValue | undefined {
    return this.values[blockId]?.[actionId];
  }

  /** The first block whose id starts with `prefix` (blocks versioned by what they list, e.g. `answerId--en`). */
  blockIdStartingWith(prefix: string): string | undefined {
    return Object.keys(this.values).find((id) => id.startsWith(prefix));
  }

  text(blockId: string, actionId: string): string | undefined {
    const value = this.value(blockId, actionId)?.value;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  /** The raw text, untrimmed (a message body keeps its spaces and line breaks). */
  rawText(blockId: string, actionId: string): string | undefined {
    const value = this.value(blockId, actionId)?.value;
    return typeof value === 'string' ? value : undefined;
  }

  selected(blockId: string, actionId: string): string | undefined {
    return this.value(blockId, actionId)?.selected_option?.value ?? undefined;
  }

  checked(blockId: string, actionId: string): string[] {
    return (this.value(blockId, actionId)?.selected_options ?? []).map((o) => o.value);
  }

  date(blockId: string, actionId: string): string | undefined {
    return this.value(blockId, actionId)?.selected_date ?? undefined;
  }

  time(blockId: string, actionId: string): string | undefined {
    return this.value(blockId, actionId)?.selected_time ?? undefined;
  }

  conversation(blockId: string, actionId: string): string | undefined {
    return this.value(blockId, actionId)?.selected_conversation ?? undefined;
  }

  fileIds(blockId: string, actionId: string): string[] {
    return (this.value(blockId, actionId)?.files ?? []).map((f) => f.id);
  }
}

/** private_metadata as JSON; a view the bot did not open yields {}. */
export function readMetadata<T extends object>(raw: string | undefined): Partial<T> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
