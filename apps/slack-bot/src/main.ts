// The Slack bot (@slack/bolt) is built by its own issue; until then it says so.
console.log('slack-bot: not built yet');
