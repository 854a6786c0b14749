import { DateTime } from 'luxon';
import {
  isInsideSendWindow,
  wallClockInZone,
  parseWallClock,
  DEFAULT_LEGAL_WINDOW,
  type WeeklySchedule,
} from '@proactive-sms/domain';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { SimulatedClock, addList, recipientStates, seedCampaign } from './dispatch-fixtures';
import { type DispatcherHarness, startDispatcher, startTestSandbox, withDatabase } from './dispatcher-harness';

// Every day 08:30–09:30 local: a narrow window that opens inside the legal floor.
const MORNINGS: WeeklySchedule = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    { closed: false, open: '08:30', close: '09:30' },
  ]),
) as WeeklySchedule;

const PEOPLE = [
  { phone: '+12125550101', timezone: 'America/New_York', name: 'Ana' },
  { phone: '+13105550102', timezone: 'America/Los_Angeles', name: 'Bo' },
  { phone: '+493023125001', timezone: 'Europe/Berlin', name: 'Clara' },
  { phone: '+61491570101', timezone: 'Australia/Sydney', name: 'Dee' },
  { phone: '+919876500001', timezone: 'Asia/Kolkata', name: 'Eshan' },
  { phone: '+15555550106', timezone: 'America/Phoenix', name: 'Fay' },
];

jest.setTimeout(120_000);

type SentRow = { id: number; phone: string; timezone: string; state: string; sent_at: unknown };

describe.each(DATABASE_KINDS)("sending inside each recipient's window, in simulated time (%s)", (kind) => {
  it('texts each recipient once, at their local window opening on the day clocks change, never before the start or after the end', async () => {
    const sandbox = await startTestSandbox({ reportDelayMs: 60_000 });
    await withDatabase(kind, async (database) => {
      // Friday 2027-03-12; the US springs forward on Sunday 03-14 at 02:00, so New York's 08:30 moves an hour earlier in UTC.
      const dispatcher: DispatcherHarness = await startDispatcher(database, sandbox.url, {
        now: '2027-03-12T00:00:00Z',
      });
      try {
        const now = dispatcher.clock.now();
        const main = await seedCampaign(dispatcher.orm, {
          schedule: MORNINGS,
          start: '2027-03-14T00:00',
          now,
          recipients: PEOPLE,
        });
        // A second list whose end comes before anyone's window: nobody on it may be texted.
        const ended = await addList(dispatcher.orm, main.campaignId, {
          start: '2027-03-14T00:00',
          end: '2027-03-14T08:00',
          now,
          recipients: PEOPLE.map((person) => ({ ...person, phone: person.phone.replace(/\d$/, '9') })),
        });

        // Four days in ten-minute ticks.
        for (let step = 0; step < (4 * 24 * 60) / 10; step += 1) {
          (dispatcher.clock as SimulatedClock).advance(10 * 60 * 1000);
          await dispatcher.dispatch.tick();
          await dispatcher.dispatch.drain();
        }

        const rows = await dispatcher.orm.em
          .fork()
          .getConnection()
          .execute<SentRow[]>(
            'select id, phone, timezone, state, sent_at from recipients where list_id = ? order by id',
            [main.listId],
          );
        expect(rows.map((row: SentRow) => row.state)).toEqual(PEOPLE.map(() => 'sent'));
        const start = parseWallClock('2027-03-14T00:00')!;
        for (const row of rows as SentRow[]) {
          const sentAt = new Date(Number(row.sent_at) || (row.sent_at as Date));
          const local = DateTime.fromJSDate(sentAt, { zone: row.timezone });
          expect(isInsideSendWindow(sentAt, MORNINGS, row.timezone, DEFAULT_LEGAL_WINDOW)).toBe(true);
          expect(sentAt.getTime()).toBeGreaterThanOrEqual(wallClockInZone(start, row.timezone).getTime());
          // The first window after the start: 08:30 on Sunday the 14th, in their own zone.
          expect(local.toFormat('yyyy-MM-dd HH:mm')).toMatch(/^2027-03-14 08:3\d$/);
        }
        const newYork = rows.find((row: SentRow) => row.timezone === 'America/New_York')!;
        expect(new Date(Number(newYork.sent_at) || (newYork.sent_at as Date)).toISOString()).toMatch(
          /^2027-03-14T12:3/,
        ); // 08:30 EDT = 12:30Z

        expect(await recipientStates(dispatcher.orm, ended)).toEqual({ not_reached: PEOPLE.length });
        const sent = sandbox.messages();
        expect(sent).toHaveLength(PEOPLE.length);
        expect(new Set(sent.map((message) => message.reference)).size).toBe(PEOPLE.length);
        expect(sent.map((message) => message.recipient).sort()).toEqual(PEOPLE.map((person) => person.phone).sort());
        expect(sent.find((message) => message.reference === String(rows[0]!.id))?.body).toBe(
          'Hi Ana, your order ships tomorrow. Reply STOP to opt out.',
        );
      } finally {
        await dispatcher.close();
      }
    });
    await sandbox.stop();
  });
});
