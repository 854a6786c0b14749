export const HELP_TEXT = [
  '*Proactive SMS* — text customers first, from Slack.',
  '• `/sms-campaign` — create a campaign (name, number, language, answer, weekly schedule)',
  '• `/sms-campaign list` — every campaign and its status',
  '• `/sms-campaign status <campaign>` — progress of a campaign (name or id)',
  '• `/sms-campaign pause|resume|stop <campaign>` — pause keeps everyone waiting; stop is final',
  '• `/sms-campaign template` — the CSV template (timezone, phone_number, name)',
  '• `/sms-campaign answer` — create a Messaging Answer, with a live SMS preview',
  '• `/sms-campaign number` — register a sender number and the channel its replies go to',
  'To add recipients, share a CSV in a channel I am in and press *Add to campaign*.',
  'Only administrators create or change campaigns, numbers, answers and lists.',
].join('\n');
