module.exports = {
  displayName: 'slack-bot',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
